import { Column, Entity, Index } from 'typeorm';
import { ArchivableClinicEntity } from './clinic-scoped.entity';

/**
 * A clinic's protocol: the stable identity (code, name) of a versioned definition. The rules
 * themselves live in `protocol_version` rows; enrollments pin one of those.
 * An archived protocol gets no new versions or enrollments.
 */
@Entity('protocol')
@Index(['clinicId', 'code'], { unique: true })
export class ProtocolEntity extends ArchivableClinicEntity {
  /** Slug, unique in the clinic: the protocol's id in planning documents. */
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;
}
