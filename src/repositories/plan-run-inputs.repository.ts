import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { StoredAppointment, StoredStatus } from '../domain/plan-runs/build-problem';
import { EnrollmentEntity } from '../entities/enrollment.entity';

/** A catalog row's id, name (and code) and last change, for names and the fingerprint. */
export interface CatalogStamp {
  id: string;
  name: string;
  code?: string;
  updatedAt: string;
}

export interface PatientLabel {
  id: string;
  displayName: string;
  initials: string;
  externalRef: string | null;
}

interface AppointmentRow {
  id: string;
  enrollment_id: string;
  patient_id: string;
  series_id: string;
  index: number;
  session_type: string;
  status: StoredStatus;
  starts_at: Date;
  ends_at: Date;
  room_id: string | null;
  version: number;
  turnover: number | null;
  override_rules: string[] | null;
}

interface StaffRow {
  appointment_id: string;
  staff_id: string;
  role: string;
  starts_at: Date;
  ends_at: Date;
  mode: string;
}

/** Stored appointment with its version (for the fingerprint). */
export type VersionedAppointment = StoredAppointment & { version: number };

/**
 * What a plan run reads beyond the catalog repositories: enrollments with their pinned
 * protocol versions, the appointments it must respect, names and change stamps. All SQL.
 */
@Injectable()
export class PlanRunInputsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  /** The clinic's enrollments with these ids, with `protocolVersion.protocol`. */
  enrollments(clinicId: string, ids: readonly string[], manager?: EntityManager) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.m(manager)
      .getRepository(EnrollmentEntity)
      .find({
        where: { clinicId, id: In([...ids]) },
        relations: { protocolVersion: { protocol: true } },
      });
  }

  /** Ids of a cohort's active enrollments, earliest start first. */
  async cohortEnrollmentIds(
    clinicId: string,
    cohortId: string,
    manager?: EntityManager,
  ): Promise<string[]> {
    const rows: { id: string }[] = await this.m(manager).query(
      `SELECT id FROM enrollment WHERE clinic_id = $1 AND cohort_id = $2 AND status = 'active'
        ORDER BY earliest_start, id`,
      [clinicId, cohortId],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Every appointment of the enrollments or patients given (any status), and every booked or
   * completed appointment of the clinic overlapping [from, to), each with its staff rows and
   * its session type's room turnover.
   */
  async appointments(
    clinicId: string,
    scope: { enrollmentIds: string[]; patientIds: string[]; from: Date; to: Date },
    manager?: EntityManager,
  ): Promise<VersionedAppointment[]> {
    const m = this.m(manager);
    const rows: AppointmentRow[] = await m.query(
      `SELECT a.id, a.enrollment_id, a.patient_id, a.series_id, a.index, t.code AS session_type, a.status,
              a.starts_at,
              a.ends_at, a.room_id, a.version, (t.room->>'turnoverMinutes')::int AS turnover,
              a.override->'rules' AS override_rules
         FROM appointment a JOIN session_type t ON t.id = a.session_type_id
        WHERE a.clinic_id = $1
          AND (a.enrollment_id = ANY($2::uuid[]) OR a.patient_id = ANY($3::uuid[])
               OR (a.status IN ('booked', 'completed') AND a.starts_at < $5 AND a.ends_at > $4))
        ORDER BY a.starts_at, a.id`,
      [clinicId, scope.enrollmentIds, scope.patientIds, scope.from, scope.to],
    );
    const staff: StaffRow[] = rows.length
      ? await m.query(
          `SELECT appointment_id, staff_id, role, starts_at, ends_at, mode FROM appointment_staff
            WHERE appointment_id = ANY($1::uuid[]) ORDER BY appointment_id, starts_at, role`,
          [rows.map((r) => r.id)],
        )
      : [];
    const byAppointment = new Map<string, StaffRow[]>();
    for (const s of staff) {
      const list = byAppointment.get(s.appointment_id) ?? [];
      list.push(s);
      byAppointment.set(s.appointment_id, list);
    }
    return rows.map((r) => ({
      id: r.id,
      enrollmentId: r.enrollment_id,
      patientId: r.patient_id,
      seriesId: r.series_id,
      index: r.index,
      sessionType: r.session_type,
      status: r.status,
      start: new Date(r.starts_at).getTime(),
      end: new Date(r.ends_at).getTime(),
      roomId: r.room_id,
      version: r.version,
      turnoverMinutes: r.turnover ?? 0,
      ...(r.override_rules && r.override_rules.length > 0 && { overrideRules: r.override_rules }),
      staff: (byAppointment.get(r.id) ?? []).map((s) => ({
        staffId: s.staff_id,
        role: s.role,
        start: new Date(s.starts_at).getTime(),
        end: new Date(s.ends_at).getTime(),
        mode: s.mode,
      })),
    }));
  }

  /** Names and change stamps of the clinic's staff, rooms and session types (archived too). */
  async catalogStamps(clinicId: string, manager?: EntityManager) {
    const m = this.m(manager);
    const stamp = (r: { id: string; name: string; code?: string; updated_at: Date }) => ({
      id: r.id,
      name: r.name,
      ...(r.code !== undefined && { code: r.code }),
      updatedAt: new Date(r.updated_at).toISOString(),
    });
    const [staff, rooms, sessionTypes, clinic] = [
      await m.query(`SELECT id, name, updated_at FROM staff WHERE clinic_id = $1 ORDER BY id`, [
        clinicId,
      ]),
      await m.query(`SELECT id, name, updated_at FROM room WHERE clinic_id = $1 ORDER BY id`, [
        clinicId,
      ]),
      await m.query(
        `SELECT id, code, name, updated_at FROM session_type WHERE clinic_id = $1 ORDER BY id`,
        [clinicId],
      ),
      await m.query(`SELECT updated_at FROM clinic WHERE id = $1`, [clinicId]),
    ];
    return {
      staff: (staff as Parameters<typeof stamp>[0][]).map(stamp) as CatalogStamp[],
      rooms: (rooms as Parameters<typeof stamp>[0][]).map(stamp) as CatalogStamp[],
      sessionTypes: (sessionTypes as Parameters<typeof stamp>[0][]).map(stamp) as CatalogStamp[],
      clinicUpdatedAt: new Date((clinic as { updated_at: Date }[])[0].updated_at).toISOString(),
    };
  }

  /** Display labels of patients (the run's GET shows them with the ids). */
  async patients(
    clinicId: string,
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<PatientLabel[]> {
    if (ids.length === 0) return [];
    const rows: {
      id: string;
      display_name: string;
      initials: string;
      external_ref: string | null;
    }[] = await this.m(manager).query(
      `SELECT id, display_name, initials, external_ref FROM patient
        WHERE clinic_id = $1 AND id = ANY($2::uuid[])`,
      [clinicId, [...ids]],
    );
    return rows.map((r) => ({
      id: r.id,
      displayName: r.display_name,
      initials: r.initials,
      externalRef: r.external_ref,
    }));
  }
}
