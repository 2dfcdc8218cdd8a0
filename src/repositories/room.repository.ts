import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoomEntity } from '../entities/room.entity';
import { ArchivableCatalogRepository, CatalogUsage } from './archivable-catalog.repository';
import { bookedUsages } from './booked-usages';

@Injectable()
export class RoomRepository extends ArchivableCatalogRepository<RoomEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, RoomEntity, 'Room', 'name');
  }

  /**
   * Usage hook for archiving: booked appointments in the room that are not over yet, so
   * archiving a booked room is refused with 409 IN_USE naming them.
   */
  usages(row: RoomEntity, manager: EntityManager): Promise<CatalogUsage[]> {
    return bookedUsages(manager, row.clinicId, { roomId: row.id });
  }
}
