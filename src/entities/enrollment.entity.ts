import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { LocalPeriod } from '../domain/planning/format';
import { ClinicScopedEntity } from './clinic-scoped.entity';
import { CohortEntity } from './cohort.entity';
import { PatientEntity } from './patient.entity';
import { ProtocolVersionEntity } from './protocol-version.entity';

export const ENROLLMENT_STATUSES = ['active', 'withdrawn', 'completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * A patient following one pinned, published protocol version: the planning format's patient
 * entry (counts, earliestStart, latestEnd, unavailable), plus status and cohort.
 */
@Entity('enrollment')
@Index(['clinicId', 'createdAt', 'id'])
@Index(['patientId'])
@Index(['protocolVersionId'])
@Index(['cohortId'])
@Check('enrollment_status_check', `"status" IN ('active', 'withdrawn', 'completed')`)
@Check('enrollment_dates_check', `"latest_end" >= "earliest_start"`)
export class EnrollmentEntity extends ClinicScopedEntity {
  @Column({ type: 'uuid' })
  patientId: string;

  @ManyToOne(() => PatientEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'patient_id' })
  patient?: PatientEntity;

  @Column({ type: 'uuid' })
  protocolVersionId: string;

  @ManyToOne(() => ProtocolVersionEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'protocol_version_id' })
  protocolVersion?: ProtocolVersionEntity;

  /** Sessions per series id, each within the series' count range; absent = the default. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  counts: Record<string, number>;

  /** Local dates (YYYY-MM-DD), inclusive. */
  @Column({ type: 'date' })
  earliestStart: string;

  @Column({ type: 'date' })
  latestEnd: string;

  /** Local periods `{ start, end }` (YYYY-MM-DDTHH:MM) when the patient cannot attend. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  unavailable: LocalPeriod[];

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: EnrollmentStatus;

  @Column({ type: 'uuid', nullable: true })
  cohortId: string | null;

  @ManyToOne(() => CohortEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: CohortEntity;
}
