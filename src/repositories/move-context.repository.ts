import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { LaneHold } from '../domain/booking/lanes';
import { RoomEntity } from '../entities/room.entity';
import { StaffEntity } from '../entities/staff.entity';

/** One occupied assignment of a person with the start of its session (for day limits). */
export interface StaffDayAssignment {
  staffId: string;
  appointmentId: string;
  sessionStart: Date;
  start: Date;
  end: Date;
}

/**
 * The reads behind the move options (src/services/move-context.ts): the clinic's staff and
 * rooms, and other appointments' lane holds and staff assignments over a window, in a few
 * queries. Reads only.
 */
@Injectable()
export class MoveContextRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  staffOfClinic(clinicId: string, manager?: EntityManager): Promise<StaffEntity[]> {
    return this.m(manager)
      .getRepository(StaffEntity)
      .find({ where: { clinicId }, order: { name: 'ASC', id: 'ASC' } });
  }

  roomsOfClinic(clinicId: string, manager?: EntityManager): Promise<RoomEntity[]> {
    return this.m(manager)
      .getRepository(RoomEntity)
      .find({ where: { clinicId }, order: { name: 'ASC', id: 'ASC' } });
  }

  /** Hold rows of the resources overlapping [from, to) (epoch ms), but `excludeId`'s. */
  async holds(
    resourceIds: readonly string[],
    from: number,
    to: number,
    excludeId: string | null,
    manager?: EntityManager,
  ): Promise<Map<string, LaneHold[]>> {
    const out = new Map<string, LaneHold[]>(resourceIds.map((id) => [id, []]));
    if (resourceIds.length === 0) return out;
    const rows: {
      id: string;
      resource_id: string;
      appointment_id: string;
      lane: number;
      capacity: number;
      start: Date;
      end: Date;
    }[] = await this.m(manager).query(
      `SELECT id, resource_id, appointment_id, lower(lanes) AS lane, capacity,
              lower(during) AS start, upper(during) AS "end"
         FROM resource_booking
        WHERE resource_id = ANY($1::uuid[]) AND claim = 'hold'
          AND during && tstzrange($2, $3, '[)')
          AND ($4::uuid IS NULL OR appointment_id <> $4::uuid)`,
      [[...resourceIds], new Date(from), new Date(to), excludeId],
    );
    for (const r of rows) {
      out.get(r.resource_id)!.push({
        id: r.id,
        appointmentId: r.appointment_id,
        lane: Number(r.lane),
        cap: Number(r.capacity),
        start: new Date(r.start).getTime(),
        end: new Date(r.end).getTime(),
      });
    }
    return out;
  }

  /** The people's occupied assignments in held sessions starting in [from, to), but `excludeId`'s. */
  async staffDays(
    clinicId: string,
    staffIds: readonly string[],
    from: Date,
    to: Date,
    excludeId: string | null,
    manager?: EntityManager,
  ): Promise<StaffDayAssignment[]> {
    if (staffIds.length === 0) return [];
    const rows: {
      staff_id: string;
      appointment_id: string;
      session_start: Date;
      starts_at: Date;
      ends_at: Date;
    }[] = await this.m(manager).query(
      `SELECT s.staff_id, s.appointment_id, a.starts_at AS session_start, s.starts_at, s.ends_at
         FROM appointment_staff s JOIN appointment a ON a.id = s.appointment_id
        WHERE a.clinic_id = $1 AND s.staff_id = ANY($2::uuid[]) AND s.mode = 'occupied'
          AND a.status IN ('booked', 'completed') AND a.starts_at >= $3 AND a.starts_at < $4
          AND ($5::uuid IS NULL OR a.id <> $5::uuid)`,
      [clinicId, [...staffIds], from, to, excludeId],
    );
    return rows.map((r) => ({
      staffId: r.staff_id,
      appointmentId: r.appointment_id,
      sessionStart: new Date(r.session_start),
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
    }));
  }
}
