import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { NotFoundError } from '../domain/errors';
import { zonedIsoOf } from '../domain/time/zoned-format';
import { EnrollmentEntity, EnrollmentStatus } from '../entities/enrollment.entity';
import type { CatalogUsage } from './archivable-catalog.repository';
import { KeysetAfter, keysetPage } from './keyset';
import { sessionWithStaff } from './session-with-staff';
import { TenantRepository } from './tenant.repository';

export interface EnrollmentFilter {
  patientId?: string;
  protocolId?: string;
  cohortId?: string;
  status?: EnrollmentStatus;
  /** Only the enrollments of that staff member's sessions (a clinician key's scope). */
  seenBy?: string;
}

@Injectable()
export class EnrollmentRepository extends TenantRepository<EnrollmentEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, EnrollmentEntity, 'Enrollment');
  }

  /** Ordered by earliest start. */
  page(
    clinicId: string,
    query: { limit: number; after?: KeysetAfter } & EnrollmentFilter,
  ): Promise<EnrollmentEntity[]> {
    const qb = this.repo()
      .createQueryBuilder('e')
      .innerJoinAndSelect('e.protocolVersion', 'v')
      .innerJoinAndSelect('v.protocol', 'p')
      .where('e.clinicId = :clinicId', { clinicId });
    if (query.patientId) qb.andWhere('e.patientId = :patientId', { patientId: query.patientId });
    if (query.cohortId) qb.andWhere('e.cohortId = :cohortId', { cohortId: query.cohortId });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.protocolId) {
      qb.andWhere('v.protocolId = :protocolId', { protocolId: query.protocolId });
    }
    if (query.seenBy !== undefined) {
      qb.andWhere(sessionWithStaff('enrollment_id', 'e.id'), { seenBy: query.seenBy });
    }
    return keysetPage(qb, 'earliestStart', 'date', query.after, query.limit);
  }

  /** Whether the staff member is or was assigned to a session of the enrollment. */
  async seenBy(clinicId: string, id: string, seenBy: string): Promise<boolean> {
    const qb = this.repo()
      .createQueryBuilder('e')
      .where('e.clinicId = :clinicId AND e.id = :id', { clinicId, id })
      .andWhere(sessionWithStaff('enrollment_id', 'e.id'), { seenBy });
    return (await qb.getCount()) > 0;
  }

  /**
   * With `protocolVersion.protocol`, as the DTO needs; with `seenBy`, 404 unless that staff
   * member is or was assigned to one of its sessions (a clinician key's scope).
   */
  async getFull(clinicId: string, id: string, manager?: EntityManager, seenBy?: string) {
    const row = await this.repo(manager).findOne({
      where: { clinicId, id },
      relations: { protocolVersion: { protocol: true } },
    });
    if (!row || (seenBy !== undefined && !(await this.seenBy(clinicId, id, seenBy)))) {
      throw new NotFoundError('Enrollment', id);
    }
    return row;
  }

  /** `getFull` of many enrollments (those that exist), each locked FOR SHARE first. */
  async fullForShare(clinicId: string, ids: readonly string[], manager: EntityManager) {
    const locked = await this.findManyForShare(clinicId, ids, manager);
    if (locked.length === 0) return [];
    return this.repo(manager).find({
      where: { clinicId, id: In(locked.map((e) => e.id)) },
      relations: { protocolVersion: { protocol: true } },
    });
  }

  /** Members of a cohort, with `protocolVersion.protocol`. */
  ofCohortFull(clinicId: string, cohortId: string, manager?: EntityManager) {
    return this.repo(manager).find({
      where: { clinicId, cohortId },
      relations: { protocolVersion: { protocol: true } },
      order: { earliestStart: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Every appointment of the enrollment, whatever its status (the foreign key keeps even a
   * cancelled one): what stops deleting it, named in the 409 IN_USE answer (starts with the
   * clinic's offset).
   */
  async appointmentUsages(
    clinicId: string,
    id: string,
    manager: EntityManager,
  ): Promise<CatalogUsage[]> {
    const rows: {
      id: string;
      series_id: string;
      index: number;
      starts_at: Date;
      status: string;
      zone: string;
    }[] = await manager.query(
      `SELECT a.id, a.series_id, a.index, a.starts_at, a.status, c.time_zone AS zone
           FROM appointment a JOIN clinic c ON c.id = a.clinic_id
          WHERE a.clinic_id = $1 AND a.enrollment_id = $2
          ORDER BY a.starts_at, a.id`,
      [clinicId, id],
    );
    return rows.map((r) => ({
      kind: 'appointment',
      id: r.id,
      label: `${r.id} (${r.series_id} ${r.index}, ${zonedIsoOf(new Date(r.starts_at).getTime(), r.zone)}, ${r.status})`,
    }));
  }
}
