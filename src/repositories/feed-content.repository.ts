import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { FeedAppointment, FeedKind } from '../domain/calendar/feed-events';

/** Which appointments a feed reads: its target, a window, and the cancellation retention. */
export interface FeedScope {
  clinicId: string;
  kind: FeedKind;
  targetId: string;
  /** Appointments overlapping [from, to). */
  from: Date;
  to: Date;
  /** Cancelled appointments changed before this are left out. */
  cancelledShownSince: Date;
}

/**
 * Each kind starts from the target's own index (a staff member's assignments, a cohort's
 * enrollments, a room's or patient's appointments), then looks each appointment up by key.
 * `OFFSET 0` keeps the lateral lookup from being flattened into a join the planner may order
 * badly while it has no statistics (fresh tables; PGlite has no autovacuum): without it a
 * 1,000-event staff feed took a quadratic nested loop (500,000 rows compared, ~200 ms).
 */
const SOURCE: Record<FeedKind, string> = {
  // One event per appointment, though a person may hold two of its requirements (occupied
  // and present): two rows.
  staff: `(SELECT DISTINCT appointment_id FROM appointment_staff WHERE staff_id = $2) x
           CROSS JOIN LATERAL (SELECT * FROM appointment a
                                WHERE a.id = x.appointment_id OFFSET 0) a
           WHERE a.clinic_id = $1`,
  room: `appointment a WHERE a.room_id = $2 AND a.clinic_id = $1`,
  patient: `appointment a WHERE a.patient_id = $2 AND a.clinic_id = $1`,
  cohort: `enrollment x
            CROSS JOIN LATERAL (SELECT * FROM appointment a
                                 WHERE a.enrollment_id = x.id OFFSET 0) a
            WHERE x.cohort_id = $2 AND x.clinic_id = $1 AND a.clinic_id = $1`,
};

const FROM = (kind: FeedKind) => `
  FROM (SELECT a.* FROM ${SOURCE[kind]}
           AND a.starts_at < $4 AND a.ends_at > $3
           AND (a.status <> 'cancelled' OR a.updated_at >= $5)) a
  JOIN session_type st ON st.id = a.session_type_id
  JOIN patient p ON p.id = a.patient_id
  LEFT JOIN room r ON r.id = a.room_id`;

interface Row {
  id: string;
  uid: string;
  occurrence_id: string | null;
  starts_at: Date;
  ends_at: Date;
  status: FeedAppointment['status'];
  sequence: number;
  updated_at: Date;
  session_type_name: string;
  room_name: string | null;
  patient_id: string;
  initials: string;
  pseudonym: string | null;
}

/** The reads behind a calendar feed: its appointments, and a cheap fingerprint of them. */
@Injectable()
export class FeedContentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private params(s: FeedScope) {
    return [s.clinicId, s.targetId, s.from, s.to, s.cancelledShownSince];
  }

  /** The feed's appointments with what their events show, in start order. */
  async appointments(scope: FeedScope): Promise<FeedAppointment[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT a.id, a.uid, a.occurrence_id, a.starts_at, a.ends_at, a.status, a.sequence,
              a.updated_at, st.name AS session_type_name, r.name AS room_name, a.patient_id,
              p.initials, p.pseudonym
       ${FROM(scope.kind)}
       ORDER BY a.starts_at, a.id`,
      this.params(scope),
    );
    return rows.map((r) => ({
      id: r.id,
      uid: r.uid,
      occurrenceId: r.occurrence_id,
      start: new Date(r.starts_at),
      end: new Date(r.ends_at),
      status: r.status,
      sequence: r.sequence,
      updatedAt: new Date(r.updated_at),
      sessionTypeName: r.session_type_name,
      roomName: r.room_name,
      patientId: r.patient_id,
      patientInitials: r.initials,
      patientPseudonym: r.pseudonym,
    }));
  }

  /**
   * One short string that changes whenever `appointments(scope)` would return something
   * else: the set of rows with each one's version (bumped on every change of the appointment)
   * and the last change of each session type, room and patient they show. Computed by the
   * database in one row, so an unchanged feed is answered without reading its events.
   */
  async fingerprint(scope: FeedScope): Promise<string> {
    const [row]: { f: string }[] = await this.dataSource.query(
      this.fingerprintSql(scope.kind),
      this.params(scope),
    );
    return row.f;
  }

  /** The fingerprint's SQL (parameters: clinic, target, from, to, cancelledShownSince). */
  fingerprintSql(kind: FeedKind): string {
    return `SELECT count(*) || ':' || coalesce(md5(string_agg(
                a.id::text || '.' || a.version || '.' || a.updated_at::text, ',' ORDER BY a.id)), '')
              || ':' || coalesce(max(st.updated_at)::text, '') || ':' || coalesce(max(r.updated_at)::text, '')
              || ':' || coalesce(max(p.updated_at)::text, '') AS f
       ${FROM(kind)}`;
  }
}
