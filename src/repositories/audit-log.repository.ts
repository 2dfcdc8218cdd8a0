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

  /** Newest first; `beforeId` is the keyset cursor (ids are monotonic). */
  page(clinicId: string, limit: number, beforeId?: string): Promise<AuditLogEntity[]> {
    return this.repo().find({
      where: beforeId ? { clinicId, id: LessThan(beforeId) } : { clinicId },
      order: { id: 'DESC' },
      take: limit,
    });
  }
}
