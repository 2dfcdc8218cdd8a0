import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { AuditLogEntity } from '../entities/audit-log.entity';

export type AuditEntry = Pick<
  AuditLogEntity,
  'action' | 'entityType' | 'entityId' | 'before' | 'after'
> & { reason?: string | null };

export interface AuditActor {
  clinicId: string;
  keyId: string | null;
  label: string;
  requestId: string | null;
}

@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AuditLogEntity);
  }

  async insert(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    const repo = this.repo(manager);
    await repo.save(
      repo.create({
        clinicId: actor.clinicId,
        actorKeyId: actor.keyId,
        actor: actor.label,
        requestId: actor.requestId,
        ...entry,
      }),
    );
  }

  /** Many rows in multi-row INSERTs, in the given order (ids follow it). */
  async insertMany(
    manager: EntityManager,
    actor: AuditActor,
    entries: readonly AuditEntry[],
  ): Promise<void> {
    for (let i = 0; i < entries.length; i += 500) {
      const params: unknown[] = [actor.clinicId, actor.keyId, actor.label, actor.requestId];
      const values = entries.slice(i, i + 500).map((e) => {
        const at = params.length;
        params.push(
          e.action,
          e.entityType,
          e.entityId,
          e.before === null ? null : JSON.stringify(e.before),
          e.after === null ? null : JSON.stringify(e.after),
          e.reason ?? null,
        );
        const p = (k: number) => `$${at + k}`;
        return `($1::uuid, $2::uuid, $3, $4, ${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}::jsonb, ${p(5)}::jsonb, ${p(6)})`;
      });
      await manager.query(
        `INSERT INTO audit_log
           (clinic_id, actor_key_id, actor, request_id, action, entity_type, entity_id, before, after, reason)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  /** Newest first; `beforeId` is the keyset cursor (ids are monotonic). */
  page(clinicId: string, limit: number, beforeId?: string): Promise<AuditLogEntity[]> {
    return this.repo().find({
      where: beforeId ? { clinicId, id: LessThan(beforeId) } : { clinicId },
      order: { id: 'DESC' },
      take: limit,
    });
  }
}
