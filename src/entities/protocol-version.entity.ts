import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ProtocolDefinition } from '../domain/catalog/protocol-definition';
import { ClinicScopedEntity } from './clinic-scoped.entity';
import { ProtocolEntity } from './protocol.entity';

export const PROTOCOL_VERSION_STATUSES = ['draft', 'published'] as const;
export type ProtocolVersionStatus = (typeof PROTOCOL_VERSION_STATUSES)[number];

export type { ProtocolDefinition };

/**
 * One numbered version (1..n) of a protocol. A draft is editable; publishing freezes it.
 * At most one draft per protocol (partial unique index).
 * Its clinic_id is denormalized from the protocol, so the tenant base repository can scope it.
 */
@Entity('protocol_version')
@Index(['protocolId', 'version'], { unique: true })
@Index('protocol_version_one_draft', ['protocolId'], { unique: true, where: `"status" = 'draft'` })
@Index(['clinicId'])
@Check('protocol_version_status_check', `"status" IN ('draft', 'published')`)
@Check('protocol_version_version_check', `"version" >= 1`)
export class ProtocolVersionEntity extends ClinicScopedEntity {
  @Column({ type: 'uuid' })
  protocolId: string;

  @ManyToOne(() => ProtocolEntity, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'protocol_id' })
  protocol?: ProtocolEntity;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  status: ProtocolVersionStatus;

  /** Planning-format fields: spanDays, series, rules, patientDay, restDays, continuity. */
  @Column({ type: 'jsonb' })
  definition: ProtocolDefinition;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;
}
