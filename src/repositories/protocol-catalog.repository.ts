import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { ProtocolCatalog } from '../domain/protocol/protocol-finding';
import { RoomEntity } from '../entities/room.entity';
import { SessionTypeEntity } from '../entities/session-type.entity';
import { StaffEntity } from '../entities/staff.entity';

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
      sessionTypes: sessionTypes.map((t) => ({
        id: t.code,
        durationMinutes: t.durationMinutes,
        room: t.room,
        staff: t.staff,
      })),
      staff: staff.map((s) => ({ id: s.id, roles: s.roles })),
      rooms: rooms.map((r) => ({ id: r.id, features: r.features })),
    };
  }
}
