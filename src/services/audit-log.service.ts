import { Injectable } from '@nestjs/common';
import { AuditLogPageDto, toAuditLogEntryDto } from '../dtos/audit-log.dto';
import { bigintIdCursor } from '../domain/paging/cursor';
import { PageQueryDto, parseCursor, toPage } from '../dtos/page.dto';
import { AuditLogRepository } from '../repositories/audit-log.repository';
import { Actor } from './actor';

@Injectable()
export class AuditLogService {
  constructor(private readonly auditLog: AuditLogRepository) {}

  async page(actor: Actor, query: PageQueryDto): Promise<AuditLogPageDto> {
    const beforeId = query.cursor ? parseCursor(query.cursor, bigintIdCursor) : undefined;
    const rows = await this.auditLog.page(actor.clinicId, query.limit + 1, beforeId);
    return toPage(rows, query.limit, toAuditLogEntryDto, (row) => [String(row.id)]);
  }
}
