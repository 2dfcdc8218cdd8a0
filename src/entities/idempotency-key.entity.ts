import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ClinicEntity } from './clinic.entity';

/**
 * A client's `Idempotency-Key` for one write, per clinic: the hash of the request it came
 * with and, once the write committed, its response. A retry with the same key and request
 * gets that response; the same key with another request is refused (422).
 */
@Entity('idempotency_key')
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  clinicId: string;

  @ManyToOne(() => ClinicEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'clinic_id' })
  clinic?: ClinicEntity;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key: string;

  /** hex SHA-256 of the route and the canonical JSON body. */
  @Column({ type: 'char', length: 64 })
  requestHash: string;

  /** The response body; set in the same transaction as the write, so never seen empty. */
  @Column({ type: 'jsonb', nullable: true })
  response: unknown;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
