import { Column, Entity, Index } from 'typeorm';
import { ArchivableClinicEntity } from './clinic-scoped.entity';

/**
 * A patient, with the least identifying data scheduling needs. Nothing clinical is stored,
 * and these values are never written to logs.
 */
@Entity('patient')
@Index(['clinicId', 'externalRef'], { unique: true })
@Index(['clinicId', 'createdAt', 'id'])
export class PatientEntity extends ArchivableClinicEntity {
  @Column({ type: 'varchar', length: 200 })
  displayName: string;

  @Column({ type: 'varchar', length: 10 })
  initials: string;

  /** A clinic-chosen code name shown in calendar feeds when the clinic picks pseudonyms. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  pseudonym: string | null;

  /** The clinic's own record number (EHR id); unique in the clinic when present. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  externalRef: string | null;
}
