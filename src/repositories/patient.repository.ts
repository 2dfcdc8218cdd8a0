import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PatientEntity } from '../entities/patient.entity';
import { KeysetAfter, keysetPage } from './keyset';
import { TenantRepository } from './tenant.repository';

@Injectable()
export class PatientRepository extends TenantRepository<PatientEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, PatientEntity, 'Patient');
  }

  /** Ordered by display name; `externalRef` filters to an exact record number. */
  page(
    clinicId: string,
    query: { limit: number; after?: KeysetAfter; includeArchived: boolean; externalRef?: string },
  ): Promise<PatientEntity[]> {
    const qb = this.repo().createQueryBuilder('p').where('p.clinicId = :clinicId', { clinicId });
    if (!query.includeArchived) qb.andWhere('p.archivedAt IS NULL');
    if (query.externalRef !== undefined) {
      qb.andWhere('p.externalRef = :externalRef', { externalRef: query.externalRef });
    }
    return keysetPage(qb, 'displayName', 'text', query.after, query.limit);
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
