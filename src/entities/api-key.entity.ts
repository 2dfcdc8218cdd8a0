import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ClinicEntity } from './clinic.entity';
import { StaffEntity } from './staff.entity';

export const ROLES = ['director', 'frontdesk', 'clinician'] as const;
export type Role = (typeof ROLES)[number];

/** A clinic-scoped API key. Only a SHA-256 hash of the secret is stored. */
@Entity('api_key')
@Check('api_key_role_check', `"role" IN ('director', 'frontdesk', 'clinician')`)
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => ClinicEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: ClinicEntity;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  /** Non-secret start of the key (e.g. `kps_AbCd1234`), to tell keys apart in lists and logs. */
  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  /** hex SHA-256 of the whole key. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  secretHash: string;

  /** For clinician keys: the staff member (of the same clinic) whose schedule the key reads. */
  @Column({ type: 'uuid', nullable: true })
  staffId: string | null;

  @ManyToOne(() => StaffEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'staff_id' })
  staff?: StaffEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
