import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import type { ProtocolDefinition } from '../domain/catalog/protocol-definition';
import type { ProtocolCatalog } from '../domain/protocol/protocol-finding';
import { RoomEntity } from '../entities/room.entity';
import { SessionTypeEntity } from '../entities/session-type.entity';
import { StaffEntity } from '../entities/staff.entity';
import { toPlanningRoom, toPlanningSessionType, toPlanningStaffMember } from './planning-shapes';

/**
 * The clinic's current (not archived) session types, staff and rooms, in planning-format
 * shape, for checking protocols against what the clinic can actually serve.
 */
@Injectable()
export class ProtocolCatalogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(clinicId: string, manager?: EntityManager): Promise<ProtocolCatalog> {
    const m = manager ?? this.dataSource.manager;
    const where = { clinicId, archivedAt: IsNull() };
    const sessionTypes = await m
      .getRepository(SessionTypeEntity)
      .find({ where, order: { code: 'ASC' } });
    const staff = await m.getRepository(StaffEntity).find({ where, order: { id: 'ASC' } });
    const rooms = await m.getRepository(RoomEntity).find({ where, order: { id: 'ASC' } });
    return {
      sessionTypes: sessionTypes.map(toPlanningSessionType),
      staff: staff.map(toPlanningStaffMember),
      rooms: rooms.map(toPlanningRoom),
    };
  }

  /**
   * The catalog to check a definition against before storing it (inside the write's
   * transaction). The session types its series name are read `FOR SHARE` first: none of them
   * can be archived until the transaction ends, and one archived meanwhile is read as archived,
   * so it is missing from the catalog and the reference is refused (UNKNOWN_REFERENCE).
   */
  async loadForWrite(
    clinicId: string,
    definition: ProtocolDefinition,
    manager: EntityManager,
  ): Promise<ProtocolCatalog> {
    const codes = [...new Set(definition.series.map((s) => s.sessionType))].sort();
    if (codes.length) {
      await manager.getRepository(SessionTypeEntity).find({
        select: { id: true },
        where: { clinicId, code: In(codes) },
        order: { code: 'ASC' },
        lock: { mode: 'pessimistic_read' },
      });
    }
    return this.load(clinicId, manager);
  }
}
