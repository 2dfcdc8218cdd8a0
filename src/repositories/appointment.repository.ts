import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
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
    if (rows.length > 0) await this.staffRepo(manager).insert(rows);
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
