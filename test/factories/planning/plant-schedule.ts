/**
 * Plants a concrete schedule: sessions at local wall-clock times with rooms
 * and staff, placed so that no patient, person or room is over-booked
 * (conservatively: overlapping shared assignments are counted as if they all
 * overlapped at once). Protocol rules are derived from this schedule later.
 */
import type { Room, SessionType, StaffMember } from '../../../src/domain/planning/format';
import { localInstant, MINUTE_MS } from './local-time';
import type { Rng } from './rng';

export interface PlantedStaff {
  id: string;
  role: string;
  start: number;
  end: number;
  /** maxConcurrent of the requirement (1 = exclusive). */
  share: number;
}

export interface PlantedSession {
  patient: string;
  series: string;
  sessionType: SessionType;
  date: string;
  /** Local minutes since midnight of the start. */
  startMinutes: number;
  start: number;
  end: number;
  room: string | null;
  /** End of the room occupancy (end + turnover). */
  roomEnd: number;
  staff: PlantedStaff[];
}

export interface PlantRequest {
  patient: string;
  /** Series id and session type for each session to place, in any order. */
  sessions: { series: string; sessionType: SessionType }[];
  dates: string[];
  /** Earliest / latest local minutes a session may occupy. */
  dayStart: number;
  dayEnd: number;
  minBreakMinutes: number;
  /** Preferred person per role (continuity), tried first. */
  preferred: Map<string, string>;
  /** Roles for which the preferred person is the only one tried. */
  strictRoles: Set<string>;
}

const overlaps = (a: { start: number; end: number }, s: number, e: number) =>
  a.start < e && s < a.end;

export class Occupancy {
  readonly sessions: PlantedSession[] = [];

  constructor(
    private readonly zone: string,
    private readonly slotMinutes: number,
    private readonly staff: StaffMember[],
    private readonly rooms: Room[],
  ) {}

  personIntervals(id: string): PlantedStaff[] {
    return this.sessions.flatMap((s) => s.staff.filter((a) => a.id === id));
  }

  roomIntervals(id: string): { start: number; end: number }[] {
    return this.sessions
      .filter((s) => s.room === id)
      .map((s) => ({ start: s.start, end: s.roomEnd }));
  }

  patientSessions(patient: string): PlantedSession[] {
    return this.sessions.filter((s) => s.patient === patient);
  }

  private personFree(id: string, start: number, end: number, share: number): boolean {
    const hits = this.personIntervals(id).filter((a) => overlaps(a, start, end));
    if (hits.length === 0) return true;
    if (share <= 1 || hits.some((h) => h.share <= 1)) return false;
    const cap = Math.min(share, ...hits.map((h) => h.share));
    return hits.length + 1 <= cap;
  }

  private roomFree(room: Room, start: number, end: number): boolean {
    const hits = this.roomIntervals(room.id).filter((a) => overlaps(a, start, end));
    return hits.length + 1 <= (room.capacity ?? 1);
  }

  private patientFree(patient: string, start: number, end: number, breakMinutes: number): boolean {
    const pad = breakMinutes * MINUTE_MS;
    return this.patientSessions(patient).every((s) => start >= s.end + pad || s.start >= end + pad);
  }

  /** Tries to place one session; returns it (already recorded) or null. */
  private tryPlace(
    rng: Rng,
    req: PlantRequest,
    series: string,
    type: SessionType,
    date: string,
    startMinutes: number,
  ): PlantedSession | null {
    const start = localInstant(this.zone, date, startMinutes);
    const end = start + type.durationMinutes * MINUTE_MS;
    if (!this.patientFree(req.patient, start, end, req.minBreakMinutes)) return null;
    let room: string | null = null;
    const roomEnd = end + (type.room?.turnoverMinutes ?? 0) * MINUTE_MS;
    if (type.room) {
      const need = type.room.features;
      const candidates = rng.shuffle(
        this.rooms.filter((r) => need.every((f) => (r.features ?? []).includes(f))),
      );
      const found = candidates.find((r) => this.roomFree(r, start, roomEnd));
      if (!found) return null;
      room = found.id;
    }
    const staff: PlantedStaff[] = [];
    for (const need of type.staff) {
      const from = start + (need.offsetMinutes ?? 0) * MINUTE_MS;
      const to = need.durationMinutes === undefined ? end : from + need.durationMinutes * MINUTE_MS;
      const share = need.maxConcurrent ?? 1;
      const preferred = req.preferred.get(need.role);
      let people = rng.shuffle(
        this.staff.filter((p) => p.roles.includes(need.role)).map((p) => p.id),
      );
      if (preferred) {
        people = req.strictRoles.has(need.role)
          ? [preferred]
          : [preferred, ...people.filter((p) => p !== preferred)];
      }
      for (let k = 0; k < (need.count ?? 1); k++) {
        const person = people.find(
          (p) => !staff.some((a) => a.id === p) && this.personFree(p, from, to, share),
        );
        if (!person) return null;
        staff.push({ id: person, role: need.role, start: from, end: to, share });
      }
    }
    const session: PlantedSession = {
      patient: req.patient,
      series,
      sessionType: type,
      date,
      startMinutes,
      start,
      end,
      room,
      roomEnd,
      staff,
    };
    this.sessions.push(session);
    return session;
  }

  /**
   * Places all sessions of a patient (random days and grid times), or none:
   * on failure the patient's sessions are removed again and false returned.
   */
  plantPatient(rng: Rng, req: PlantRequest, attemptsPerSession = 40): boolean {
    for (const { series, sessionType } of req.sessions) {
      let placed: PlantedSession | null = null;
      const latestStart = req.dayEnd - sessionType.durationMinutes;
      const firstSlot = Math.ceil(req.dayStart / this.slotMinutes);
      const lastSlot = Math.floor(latestStart / this.slotMinutes);
      for (
        let attempt = 0;
        attempt < attemptsPerSession && !placed && lastSlot >= firstSlot;
        attempt++
      ) {
        const date = rng.pick(req.dates);
        const startMinutes = rng.int(firstSlot, lastSlot) * this.slotMinutes;
        placed = this.tryPlace(rng, req, series, sessionType, date, startMinutes);
      }
      if (!placed) {
        this.removePatient(req.patient);
        return false;
      }
    }
    return true;
  }

  removePatient(patient: string): void {
    for (let i = this.sessions.length - 1; i >= 0; i--) {
      if (this.sessions[i].patient === patient) this.sessions.splice(i, 1);
    }
  }
}
