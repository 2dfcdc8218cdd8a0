import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CohortEntity } from '../entities/cohort.entity';
import { KeysetAfter, keysetPage } from './keyset';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class CohortRepository extends TenantRepository<CohortEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, CohortEntity, 'Cohort');
  }

  /** Ordered by start date. */
  page(clinicId: string, query: { limit: number; after?: KeysetAfter }): Promise<CohortEntity[]> {
    const qb = this.repo().createQueryBuilder('c').where('c.clinicId = :clinicId', { clinicId });
    return keysetPage(qb, 'startDate', 'date', query.after, query.limit);
  }

  /** Member enrollment ids per cohort, each list in earliest-start order. */
  async memberIds(
    clinicId: string,
    cohortIds: string[],
    manager?: EntityManager,
  ): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>(cohortIds.map((id) => [id, []]));
    if (cohortIds.length === 0) return members;
    const rows: { id: string; cohort_id: string }[] = await (
      manager ?? this.dataSource.manager
    ).query(
      `SELECT id, cohort_id FROM enrollment
        WHERE clinic_id = $1 AND cohort_id = ANY($2::uuid[])
        ORDER BY earliest_start, id`,
      [clinicId, cohortIds],
    );
    for (const row of rows) members.get(row.cohort_id)?.push(row.id);
    return members;
  }

  findMany(clinicId: string, ids: string[]) {
    return this.repo().findBy({ clinicId, id: In(ids) });
  }
}
