import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { ClinicScopedEntity } from './clinic-scoped.entity';
import { ProtocolEntity } from './protocol.entity';

/**
 * A named group of enrollments planned together (a retreat) over a date range. Members are
 * the enrollments whose `cohort_id` points here, so an enrollment is in at most one cohort.
 */
@Entity('cohort')
@Index(['clinicId', 'startDate', 'id'])
@Check('cohort_dates_check', `"end_date" >= "start_date"`)
export class CohortEntity extends ClinicScopedEntity {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Local dates (YYYY-MM-DD), inclusive. */
  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  /** When set, every member enrollment follows a version of this protocol. */
  @Column({ type: 'uuid', nullable: true })
  protocolId: string | null;

  @ManyToOne(() => ProtocolEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'protocol_id' })
  protocol?: ProtocolEntity;
}
