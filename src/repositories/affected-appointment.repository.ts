import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AppointmentEntity, HOLDING_STATUSES } from '../entities/appointment.entity';
import { AppointmentStaffEntity } from '../entities/appointment-staff.entity';
import { RoomEntity } from '../entities/room.entity';
import { StaffEntity } from '../entities/staff.entity';
import type { HeldAssignment, RoomHold } from '../domain/booking/affected-load';

/** Which booked appointments to look at: those not over at `from`, narrowed by the rest. */
export interface BookedScope {
  from: Date;
  /** Appointments starting before `to`. */
  to?: Date;
  staffId?: string;
  roomId?: string;
  enrollmentIds?: readonly string[];
  cohortId?: string;
}

/**
 * Reads for the affected-appointments checks: booked appointments with their patient,
 * session type and enrollment (pinned version), the courses they belong to, and the staff
 * and rooms they use.
 */
@Injectable()
export class AffectedAppointmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** Booked appointments in scope, in start order, with patient, session type and version. */
  booked(clinicId: string, scope: BookedScope, manager?: EntityManager) {
    const qb = this.manager(manager)
      .getRepository(AppointmentEntity)
      .createQueryBuilder('a')
      .innerJoinAndSelect('a.patient', 'p')
      .innerJoinAndSelect('a.sessionType', 't')
      .innerJoinAndSelect('a.enrollment', 'e')
      .innerJoinAndSelect('e.protocolVersion', 'v')
      .innerJoinAndSelect('v.protocol', 'pr')
      .where('a.clinicId = :clinicId', { clinicId })
      .andWhere(`a.status = 'booked'`)
      .andWhere('a.endsAt > :from', { from: scope.from });
    if (scope.to) qb.andWhere('a.startsAt < :to', { to: scope.to });
    if (scope.roomId) qb.andWhere('a.roomId = :roomId', { roomId: scope.roomId });
    if (scope.staffId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM appointment_staff s WHERE s.appointment_id = a.id AND s.staff_id = :staffId)',
        { staffId: scope.staffId },
      );
    }
    if (scope.cohortId) qb.andWhere('e.cohortId = :cohortId', { cohortId: scope.cohortId });
    if (scope.enrollmentIds) {
      if (scope.enrollmentIds.length === 0) return Promise.resolve([]);
      qb.andWhere('a.enrollmentId IN (:...enrollmentIds)', {
        enrollmentIds: [...scope.enrollmentIds],
      });
    }
    return qb.orderBy('a.startsAt', 'ASC').addOrderBy('a.id', 'ASC').getMany();
  }

  /** The booked and completed sessions of the enrollments (their courses). */
  courses(clinicId: string, enrollmentIds: readonly string[], manager?: EntityManager) {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(AppointmentEntity)
      .find({
        where: {
          clinicId,
          enrollmentId: In([...enrollmentIds]),
          status: In([...HOLDING_STATUSES]),
        },
        order: { startsAt: 'ASC', id: 'ASC' },
      });
  }

  staffRows(appointmentIds: readonly string[], manager?: EntityManager) {
    if (appointmentIds.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(AppointmentStaffEntity)
      .find({
        where: { appointmentId: In([...appointmentIds]) },
        order: { appointmentId: 'ASC', startsAt: 'ASC', role: 'ASC', id: 'ASC' },
      });
  }

  staff(clinicId: string, ids: readonly string[], manager?: EntityManager) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(StaffEntity)
      .find({ where: { clinicId, id: In([...ids]) } });
  }

  rooms(clinicId: string, ids: readonly string[], manager?: EntityManager) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(manager)
      .getRepository(RoomEntity)
      .find({ where: { clinicId, id: In([...ids]) } });
  }

  /** Occupied assignments of the people in held sessions starting in [from, to). */
  async assignments(
    clinicId: string,
    staffIds: readonly string[],
    from: Date,
    to: Date,
    manager?: EntityManager,
  ): Promise<HeldAssignment[]> {
    if (staffIds.length === 0) return [];
    const rows: { id: string; staff: string; s: Date; e: Date; at: Date }[] = await this.manager(
      manager,
    ).query(
      `SELECT s.appointment_id AS id, s.staff_id AS staff, s.starts_at AS s, s.ends_at AS e,
              a.starts_at AS at
         FROM appointment_staff s JOIN appointment a ON a.id = s.appointment_id
        WHERE a.clinic_id = $1 AND s.staff_id = ANY($2::uuid[]) AND s.mode = 'occupied'
          AND a.status IN ('booked', 'completed') AND a.starts_at >= $3 AND a.starts_at < $4`,
      [clinicId, [...staffIds], from, to],
    );
    return rows.map((r) => ({
      appointmentId: r.id,
      staffId: r.staff,
      start: new Date(r.s).getTime(),
      end: new Date(r.e).getTime(),
      sessionStart: new Date(r.at).getTime(),
    }));
  }

  /** Held sessions in the rooms over [from, to), each over its room time (turnover included). */
  async roomHolds(
    clinicId: string,
    roomIds: readonly string[],
    from: Date,
    to: Date,
    manager?: EntityManager,
  ): Promise<RoomHold[]> {
    if (roomIds.length === 0) return [];
    const rows: { id: string; room: string; s: Date; e: Date; turnover: number }[] =
      await this.manager(manager).query(
        `SELECT a.id, a.room_id AS room, a.starts_at AS s, a.ends_at AS e,
                COALESCE((t.room ->> 'turnoverMinutes')::int, 0) AS turnover
           FROM appointment a JOIN session_type t ON t.id = a.session_type_id
          WHERE a.clinic_id = $1 AND a.room_id = ANY($2::uuid[])
            AND a.status IN ('booked', 'completed') AND a.starts_at < $4 AND a.ends_at > $3`,
        [clinicId, [...roomIds], from, to],
      );
    return rows.map((r) => ({
      appointmentId: r.id,
      roomId: r.room,
      start: new Date(r.s).getTime(),
      end: new Date(r.e).getTime() + Number(r.turnover) * 60_000,
    }));
  }
}
