import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PatientEntity } from '../entities/patient.entity';
import { keysetAnchor, keysetPage } from './keyset';
import { sessionWithStaff } from './session-with-staff';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class PatientRepository extends TenantRepository<PatientEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, PatientEntity, 'Patient');
  }

  /**
   * Ordered by display name, then id; `afterId` continues after that patient (the cursor
   * holds only the id: names never travel in URLs); `externalRef` filters to a record number;
   * `seenBy` to the patients of that staff member's sessions (a clinician key's scope).
   */
  async page(
    clinicId: string,
    query: {
      limit: number;
      afterId?: string;
      includeArchived: boolean;
      externalRef?: string;
      seenBy?: string;
    },
  ): Promise<PatientEntity[]> {
    const after =
      query.afterId === undefined
        ? undefined
        : await keysetAnchor(this, clinicId, query.afterId, 'displayName');
    const qb = this.repo().createQueryBuilder('p').where('p.clinicId = :clinicId', { clinicId });
    if (!query.includeArchived) qb.andWhere('p.archivedAt IS NULL');
    if (query.externalRef !== undefined) {
      qb.andWhere('p.externalRef = :externalRef', { externalRef: query.externalRef });
    }
    if (query.seenBy !== undefined) {
      qb.andWhere(sessionWithStaff('patient_id', 'p.id'), { seenBy: query.seenBy });
    }
    return keysetPage(qb, 'displayName', 'text', after, query.limit);
  }

  /** Whether the staff member is or was assigned to a session of the patient. */
  async seenBy(clinicId: string, id: string, seenBy: string): Promise<boolean> {
    const qb = this.repo()
      .createQueryBuilder('p')
      .where('p.clinicId = :clinicId AND p.id = :id', { clinicId, id })
      .andWhere(sessionWithStaff('patient_id', 'p.id'), { seenBy });
    return (await qb.getCount()) > 0;
  }

  findByExternalRef(clinicId: string, externalRef: string, manager?: EntityManager) {
    return this.repo(manager).findOneBy({ clinicId, externalRef });
  }

  /** Active enrollments of the patient, with the protocol they follow (for IN_USE messages). */
  activeEnrollments(
    clinicId: string,
    patientId: string,
    manager: EntityManager,
  ): Promise<{ id: string; code: string; version: number }[]> {
    return manager.query(
      `SELECT e.id, p.code, v.version
         FROM enrollment e
         JOIN protocol_version v ON v.id = e.protocol_version_id
         JOIN protocol p ON p.id = v.protocol_id
        WHERE e.clinic_id = $1 AND e.patient_id = $2 AND e.status = 'active'
        ORDER BY e.earliest_start, e.id`,
      [clinicId, patientId],
    );
  }
}
