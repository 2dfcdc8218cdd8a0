import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoomEntity } from '../entities/room.entity';
import { ArchivableCatalogRepository, CatalogUsage } from './archivable-catalog.repository';

@Injectable()
export class RoomRepository extends ArchivableCatalogRepository<RoomEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, RoomEntity, 'Room', 'name');
  }

  /**
   * Usage hook for archiving. Nothing in the schema references a room yet: session types ask
   * for room features, not rooms. When bookings land, "future bookings in this room" belongs
   * here, and archiving a booked room is then refused with 409 IN_USE naming them.
   */
  async usages(_row: RoomEntity, _manager: EntityManager): Promise<CatalogUsage[]> {
    return [];
  }
}
