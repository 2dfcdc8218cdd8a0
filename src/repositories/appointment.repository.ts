import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import {
  AppointmentEntity,
  AppointmentStatus,
  HOLDING_STATUSES,
} from '../entities/appointment.entity';
import { AppointmentStaffEntity } from '../entities/appointment-staff.entity';
import { KeysetAfter, keysetPage } from './keyset';
import { TenantRepository } from './tenant.repository';

export interface AppointmentFilter {
  /** Appointments overlapping [from, to). */
  from?: Date;
  to?: Date;
  staffId?: string;
  roomId?: string;
  patientId?: string;
  enrollmentId?: string;
  cohortId?: string;
  status?: AppointmentStatus;
}

/** A new booked appointment for `insertBooked` (its id chosen by the caller). */
export interface NewBookedAppointment {
  id: string;
  enrollmentId: string;
  patientId: string;
  seriesId: string;
  index: number;
  sessionTypeId: string;
  startsAt: Date;
  endsAt: Date;
  roomId: string | null;
}

/** Rows per multi-row INSERT (well under PostgreSQL's 65,535 parameters). */
export const INSERT_CHUNK = 500;

export function chunks<T>(rows: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** One occupied assignment of a person, in a session that holds its time. */
export interface StaffDayRow {
  appointmentId: string;
  start: Date;
  end: Date;
}

@Injectable()
export class AppointmentRepository extends TenantRepository<AppointmentEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, AppointmentEntity, 'Appointment');
  }

  private staffRepo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AppointmentStaffEntity);
  }

  /** Ordered by start, then id. */
  page(
    clinicId: string,
    query: { limit: number; after?: KeysetAfter } & AppointmentFilter,
  ): Promise<AppointmentEntity[]> {
    const qb = this.repo().createQueryBuilder('a').where('a.clinicId = :clinicId', { clinicId });
    if (query.from) qb.andWhere('a.endsAt > :from', { from: query.from });
    if (query.to) qb.andWhere('a.startsAt < :to', { to: query.to });
    if (query.roomId) qb.andWhere('a.roomId = :roomId', { roomId: query.roomId });
    if (query.patientId) qb.andWhere('a.patientId = :patientId', { patientId: query.patientId });
    if (query.enrollmentId) {
      qb.andWhere('a.enrollmentId = :enrollmentId', { enrollmentId: query.enrollmentId });
    }
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.staffId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM appointment_staff s WHERE s.appointment_id = a.id AND s.staff_id = :staffId)',
        { staffId: query.staffId },
      );
    }
    if (query.cohortId) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM enrollment e WHERE e.id = a.enrollment_id AND e.cohort_id = :cohortId)',
        { cohortId: query.cohortId },
      );
    }
    return keysetPage(qb, 'startsAt', 'timestamptz', query.after, query.limit);
  }

  /** Staff rows of the appointments, in (appointment, start, role) order. */
  staffOf(appointmentIds: readonly string[], manager?: EntityManager) {
    if (appointmentIds.length === 0) return Promise.resolve([]);
    return this.staffRepo(manager).find({
      where: { appointmentId: In([...appointmentIds]) },
      order: { appointmentId: 'ASC', startsAt: 'ASC', role: 'ASC', id: 'ASC' },
    });
  }

  async insertStaff(
    rows: Omit<AppointmentStaffEntity, 'id'>[],
    manager: EntityManager,
  ): Promise<void> {
    for (const chunk of chunks(rows)) {
      const params: unknown[] = [];
      const values = chunk.map((r) => {
        const at = params.length;
        params.push(r.clinicId, r.appointmentId, r.staffId, r.role, r.startsAt, r.endsAt, r.mode);
        const p = (i: number) => `$${at + i}`;
        return `(${p(1)}::uuid, ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}, ${p(5)}::timestamptz, ${p(6)}::timestamptz, ${p(7)})`;
      });
      await manager.query(
        `INSERT INTO appointment_staff (clinic_id, appointment_id, staff_id, role, starts_at, ends_at, mode)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  /**
   * Booked appointments in multi-row INSERTs (a plan run's commit); every other column takes
   * its default, as a hand booking's row does (version 1, sequence 0, a random uid).
   */
  async insertBooked(
    clinicId: string,
    rows: readonly NewBookedAppointment[],
    manager: EntityManager,
  ): Promise<void> {
    for (const chunk of chunks(rows)) {
      const params: unknown[] = [clinicId];
      const values = chunk.map((r) => {
        const at = params.length;
        params.push(
          r.id,
          r.enrollmentId,
          r.patientId,
          r.seriesId,
          r.index,
          r.sessionTypeId,
          r.startsAt,
          r.endsAt,
          r.roomId,
        );
        const p = (i: number) => `$${at + i}`;
        return `(${p(1)}::uuid, $1::uuid, ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}, ${p(5)}::int, ${p(6)}::uuid, ${p(7)}::timestamptz, ${p(8)}::timestamptz, ${p(9)}::uuid, 'booked')`;
      });
      await manager.query(
        `INSERT INTO appointment
           (id, clinic_id, enrollment_id, patient_id, series_id, index, session_type_id,
            starts_at, ends_at, room_id, status)
         VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  /** Replaces the appointment's staff rows (a move). */
  async replaceStaff(
    appointmentId: string,
    rows: Omit<AppointmentStaffEntity, 'id'>[],
    manager: EntityManager,
  ): Promise<void> {
    await this.staffRepo(manager).delete({ appointmentId });
    await this.insertStaff(rows, manager);
  }

  /** Sessions of the enrollment that hold their (series, index): booked or completed. */
  holdingOfEnrollment(clinicId: string, enrollmentId: string, manager?: EntityManager) {
    return this.repo(manager).find({
      where: { clinicId, enrollmentId, status: In([...HOLDING_STATUSES]) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /** Booked sessions of the enrollment that have not started at `now`, in start order. */
  bookedAfter(clinicId: string, enrollmentId: string, now: Date, manager: EntityManager) {
    return this.repo(manager).find({
      where: { clinicId, enrollmentId, status: 'booked', startsAt: MoreThan(now) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /** Booked sessions of the patient (any enrollment) that are not over at `now`. */
  bookedOfPatient(clinicId: string, patientId: string, now: Date, manager: EntityManager) {
    return this.repo(manager).find({
      where: { clinicId, patientId, status: 'booked', endsAt: MoreThan(now) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /** `holdingOfEnrollment` of many enrollments at once. */
  holdingOfEnrollments(
    clinicId: string,
    enrollmentIds: readonly string[],
    manager?: EntityManager,
  ) {
    if (enrollmentIds.length === 0) return Promise.resolve([]);
    return this.repo(manager).find({
      where: { clinicId, enrollmentId: In([...enrollmentIds]), status: In([...HOLDING_STATUSES]) },
      order: { startsAt: 'ASC', id: 'ASC' },
    });
  }

  /** `staffDay` of many people over [from, to) at once, with whose assignment each row is. */
  async staffDays(
    clinicId: string,
    staffIds: readonly string[],
    from: Date,
    to: Date,
    manager?: EntityManager,
  ): Promise<(StaffDayRow & { staffId: string; sessionStart: Date })[]> {
    if (staffIds.length === 0) return [];
    const rows: {
      appointment_id: string;
      staff_id: string;
      starts_at: Date;
      ends_at: Date;
      session_start: Date;
    }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT s.appointment_id, s.staff_id, s.starts_at, s.ends_at, a.starts_at AS session_start
         FROM appointment_staff s JOIN appointment a ON a.id = s.appointment_id
        WHERE a.clinic_id = $1 AND s.staff_id = ANY($2::uuid[]) AND s.mode = 'occupied'
          AND a.status IN ('booked', 'completed') AND a.starts_at >= $3 AND a.starts_at < $4`,
      [clinicId, [...staffIds], from, to],
    );
    return rows.map((r) => ({
      appointmentId: r.appointment_id,
      staffId: r.staff_id,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      sessionStart: new Date(r.session_start),
    }));
  }

  /** A person's occupied assignments in held sessions starting in [from, to). */
  async staffDay(
    clinicId: string,
    staffId: string,
    from: Date,
    to: Date,
    manager?: EntityManager,
  ): Promise<StaffDayRow[]> {
    const rows: { appointment_id: string; starts_at: Date; ends_at: Date }[] = await (
      manager ?? this.dataSource.manager
    ).query(
      `SELECT s.appointment_id, s.starts_at, s.ends_at
         FROM appointment_staff s JOIN appointment a ON a.id = s.appointment_id
        WHERE a.clinic_id = $1 AND s.staff_id = $2 AND s.mode = 'occupied'
          AND a.status IN ('booked', 'completed') AND a.starts_at >= $3 AND a.starts_at < $4`,
      [clinicId, staffId, from, to],
    );
    return rows.map((r) => ({
      appointmentId: r.appointment_id,
      start: r.starts_at,
      end: r.ends_at,
    }));
  }

  /** Appointments by id (for naming the ones in the way). */
  byIds(clinicId: string, ids: readonly string[], manager?: EntityManager) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(manager).find({ where: { clinicId, id: In([...ids]) } });
  }
}
