import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditLogRepository } from '../repositories/audit-log.repository';
import { Actor } from './actor';

/** Handed to the work function of `Transactions.write`. */
export interface WriteTx {
  /** Pass to every repository call so it joins the transaction. */
  manager: EntityManager;
  /** Records one audit row in the same transaction: it commits or rolls back with the change. */
  audit(entry: AuditEntry): Promise<void>;
  /** Many audit rows at once (multi-row INSERTs), in order. */
  auditMany(entries: readonly AuditEntry[]): Promise<void>;
}

/**
 * Every write goes through `write`: one transaction, audited.
 *
 *   return this.tx.write(actor, async ({ manager, audit }) => {
 *     const before = await this.rooms.getForUpdate(actor.clinicId, id, manager);
 *     const after = await this.rooms.update(actor.clinicId, id, patch, manager);
 *     await audit({ action: 'update', entityType: 'room', entityId: id,
 *                   before: toRoomDto(before), after: toRoomDto(after) });
 *     return toRoomDto(after);
 *   });
 */
@Injectable()
export class Transactions {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditLog: AuditLogRepository,
  ) {}

  write<T>(actor: Actor, work: (tx: WriteTx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) =>
      work({
        manager,
        audit: (entry) => this.auditLog.insert(manager, actor, entry),
        auditMany: (entries) => this.auditLog.insertMany(manager, actor, entries),
      }),
    );
  }
}

/** JSON snapshot for audit before/after: a DTO as plain data. */
export function snapshot(dto: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(dto)) as Record<string, unknown>;
}
