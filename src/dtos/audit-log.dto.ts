import { ApiProperty } from '@nestjs/swagger';
import { AuditLogEntity } from '../entities/audit-log.entity';
import { PageDto } from './page.dto';

export class AuditLogEntryDto {
  @ApiProperty({ example: '42' })
  id: string;
  @ApiProperty({ example: '2027-03-01T09:00:00.000Z' })
  at: string;
  @ApiProperty({ example: 'kps_AbCd1234', description: 'Key prefix, or cli / seed' })
  actor: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorKeyId: string | null;
  @ApiProperty({ example: 'update' })
  action: string;
  @ApiProperty({ example: 'clinic' })
  entityType: string;
  @ApiProperty()
  entityId: string;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  before: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', nullable: true, additionalProperties: true })
  after: Record<string, unknown> | null;
  @ApiProperty({ type: String, nullable: true })
  requestId: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The reason the caller gave' })
  reason: string | null;
}

export class AuditLogPageDto extends PageDto(AuditLogEntryDto) {}

export function toAuditLogEntryDto(row: AuditLogEntity): AuditLogEntryDto {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    actorKeyId: row.actorKeyId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    reason: row.reason,
  };
}
