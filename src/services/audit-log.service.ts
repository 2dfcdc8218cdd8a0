import { Injectable } from '@nestjs/common';
import { AuditLogPageDto, toAuditLogEntryDto } from '../dtos/audit-log.dto';
import { decodeCursor, invalidCursor, PageQueryDto, toPage } from '../dtos/page.dto';
import { AuditLogRepository } from '../repositories/audit-log.repository';
import { Actor } from './actor';

const MAX_BIGINT = 9223372036854775807n;

@Injectable()
export class AuditLogService {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async page(actor: Actor, query: PageQueryDto): Promise<AuditLogPageDto> {
    let beforeId: string | undefined;
    if (query.cursor) {
      const [id] = decodeCursor(query.cursor);
      // A bigint id: at most 2^63 - 1.
      if (typeof id !== 'string' || !/^\d{1,19}$/.test(id) || BigInt(id) > MAX_BIGINT) {
        throw invalidCursor();
      }
      beforeId = id;
    }
    const rows = await this.auditLog.page(actor.clinicId, query.limit + 1, beforeId);
    return toPage(rows, query.limit, toAuditLogEntryDto, (row) => [String(row.id)]);
  }
}
