import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ClinicEntity } from './clinic.entity';

/** One recorded write: who did what to which row, with the row before and after. */
@Entity('audit_log')
@Index(['clinicId', 'id'])
export class AuditLogEntity {
  /** Monotonic; also the paging cursor. bigint comes back from pg as a string. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => ClinicEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: ClinicEntity;

  /** The API key that made the change; null for operator actions (CLI, seed). */
  @Column({ type: 'uuid', nullable: true })
  actorKeyId: string | null;

  /** Human-readable actor: the key prefix, or `cli` / `seed`. */
  @Column({ type: 'varchar', length: 40 })
  actor: string;

  /** `create`, `update`, `delete`, or a verb such as `revoke`. */
  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Column({ type: 'varchar', length: 100 })
  entityId: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** Why, when the caller gave a reason (cancel, no-show, complete). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;
}
