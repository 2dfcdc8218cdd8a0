import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { CohortEntity } from '../entities/cohort.entity';
import { KeysetAfter, keysetPage } from './keyset';
import { sessionWithStaff } from './session-with-staff';
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

  /**
   * Member enrollment ids per cohort, each list in earliest-start order; with `seenBy` only
   * those of that staff member's sessions (a clinician key's scope).
   */
  async memberIds(
    clinicId: string,
    cohortIds: string[],
    manager?: EntityManager,
    seenBy?: string,
  ): Promise<Map<string, string[]>> {
    const members = new Map<string, string[]>(cohortIds.map((id) => [id, []]));
    if (cohortIds.length === 0) return members;
    const rows: { id: string; cohort_id: string }[] = await (
      manager ?? this.dataSource.manager
    ).query(
      `SELECT e.id, e.cohort_id FROM enrollment e
        WHERE e.clinic_id = $1 AND e.cohort_id = ANY($2::uuid[])
          ${seenBy === undefined ? '' : `AND ${sessionWithStaff('enrollment_id', 'e.id', '$3')}`}
        ORDER BY e.earliest_start, e.id`,
      seenBy === undefined ? [clinicId, cohortIds] : [clinicId, cohortIds, seenBy],
    );
    for (const row of rows) members.get(row.cohort_id)?.push(row.id);
    return members;
  }

  findMany(clinicId: string, ids: string[]) {
    return this.repo().findBy({ clinicId, id: In(ids) });
  }
}
