import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { StaffEntity } from '../entities/staff.entity';
import { ArchivableCatalogRepository, CatalogUsage } from './archivable-catalog.repository';

@Injectable()
export class StaffRepository extends ArchivableCatalogRepository<StaffEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, StaffEntity, 'Staff member', 'name');
  }

  /**
   * Usage hook for archiving. Nothing in the schema references a staff member yet (clinician
   * API keys may name one, but a key of an archived person is harmless: it reads history).
   * When bookings land, their future staff assignments belong here.
   */
  async usages(_row: StaffEntity, _manager: EntityManager): Promise<CatalogUsage[]> {
    return [];
  }
}
