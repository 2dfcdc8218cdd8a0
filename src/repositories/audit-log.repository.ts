import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
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
    const repo = this.repo(manager);
    for (let i = 0; i < entries.length; i += 500) {
      const rows = entries.slice(i, i + 500).map((entry) =>
        repo.create({
          clinicId: actor.clinicId,
          actorKeyId: actor.keyId,
          actor: actor.label,
          requestId: actor.requestId,
          ...entry,
        }),
      );
      await repo.insert(rows as QueryDeepPartialEntity<AuditLogEntity>[]);
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
