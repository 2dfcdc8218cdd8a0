import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StaffEntity } from '../entities/staff.entity';
import { ArchivableCatalogRepository, CatalogUsage } from './archivable-catalog.repository';
import { bookedUsages } from './booked-usages';

@Injectable()
export class StaffRepository extends ArchivableCatalogRepository<StaffEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, StaffEntity, 'Staff member', 'name');
  }

  /**
   * Usage hook for archiving: booked appointments (not over yet) the person works in. Clinician
   * API keys may name a person too, but a key of an archived person is harmless: it reads
   * history.
   */
  usages(row: StaffEntity, manager: EntityManager): Promise<CatalogUsage[]> {
    return bookedUsages(manager, row.clinicId, { staffId: row.id });
  }
}
