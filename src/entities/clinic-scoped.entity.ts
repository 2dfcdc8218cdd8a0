import {
  Column,
  CreateDateColumn,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ClinicEntity } from './clinic.entity';

/**
 * Columns every clinic-scoped catalog table shares: a uuid id, the owning clinic (deleted with
 * it) and the creation/update instants. Not an entity itself; TypeORM copies these columns
 * into each subclass's table.
 */
export abstract class ClinicScopedEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => ClinicEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: ClinicEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A clinic-scoped row that is archived (hidden, kept for history) instead of deleted. */
export abstract class ArchivableClinicEntity extends ClinicScopedEntity {
  /** Set when archived: hidden from lists unless asked for; restore clears it. */
  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
