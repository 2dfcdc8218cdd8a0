import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ProtocolEntity } from '../entities/protocol.entity';
import { KeysetAfter, keysetPage } from './keyset';
import { TenantRepository } from './tenant.repository';

/** What still uses a protocol: enrollments per version, and cohorts naming it. */
export interface ProtocolUsage {
  enrollmentsByVersion: { version: number; enrollments: number }[];
  cohorts: { id: string; name: string }[];
}

@Injectable()
export class ProtocolRepository extends TenantRepository<ProtocolEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, ProtocolEntity, 'Protocol');
  }

  /** Ordered by code. */
  page(
    clinicId: string,
    query: { limit: number; after?: KeysetAfter; includeArchived: boolean },
  ): Promise<ProtocolEntity[]> {
    const qb = this.repo().createQueryBuilder('p').where('p.clinicId = :clinicId', { clinicId });
    if (!query.includeArchived) qb.andWhere('p.archivedAt IS NULL');
    return keysetPage(qb, 'code', 'text', query.after, query.limit);
  }

  findByCode(clinicId: string, code: string, manager?: EntityManager) {
    return this.repo(manager).findOneBy({ clinicId, code });
  }

  async usage(
    clinicId: string,
    protocolId: string,
    manager: EntityManager,
  ): Promise<ProtocolUsage> {
    const versions: { version: number; enrollments: string }[] = await manager.query(
      `SELECT v.version, count(*) AS enrollments
         FROM enrollment e JOIN protocol_version v ON v.id = e.protocol_version_id
        WHERE e.clinic_id = $1 AND v.protocol_id = $2
        GROUP BY v.version ORDER BY v.version`,
      [clinicId, protocolId],
    );
    const cohorts: { id: string; name: string }[] = await manager.query(
      `SELECT id, name FROM cohort WHERE clinic_id = $1 AND protocol_id = $2 ORDER BY name, id`,
      [clinicId, protocolId],
    );
    return {
      enrollmentsByVersion: versions.map((v) => ({
        version: Number(v.version),
        enrollments: Number(v.enrollments),
      })),
      cohorts,
    };
  }
}
