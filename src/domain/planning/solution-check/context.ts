/**
 * Reads a solution against its problem: resolves every reference and parses
 * every instant once, reporting what cannot be read. Rules then work on the
 * appointments that could be read.
 */
import { DateTime, IANAZone } from 'luxon';
import type {
  Appointment,
  Patient,
  Problem,
  Protocol,
  Room,
  Series,
  SessionType,
  Solution,
  StaffMember,
} from '../format';
import {
  type Interval,
  localDateOf,
  localDateTimeToMillis,
  MINUTE_MS,
  remember,
} from './clinic-time';

export interface Violation {
  rule: string;
  message: string;
  appointment?: string;
  patient?: string;
  resource?: string;
}

export interface CheckedStaff {
  id: string;
  role: string;
  interval: Interval;
  /** maxConcurrent of the requirement this entry fills; 1 when not shared or unknown. */
  shared: number;
  /** Format 1.1 `mode: "present"`: on duty, not occupied (no overlap, limit or continuity). */
  present: boolean;
}

export interface CheckedAppointment {
  appointment: Appointment;
  id: string;
  patient: Patient;
  protocol: Protocol;
  series: Series;
  type: SessionType;
  start: number;
  end: number;
  /** Local date of the start. */
  date: string;
  staff: CheckedStaff[];
  /**
   * Carries the id of a `done` booking (format 1.1): judged only by the rules
   * linking a patient's sessions, not by resources or the patient day.
   */
  done: boolean;
  /** Carries the id of a `pinned` booking. */
  pinned: boolean;
  /** What rooms and staff count once: the occurrence id for group sessions, else the id. */
  occupancy: string;
}

export interface CheckContext {
  problem: Problem;
  solution: Solution;
  zone: string;
  slotMinutes: number;
  staffById: Map<string, StaffMember>;
  roomById: Map<string, Room>;
  typeById: Map<string, SessionType>;
  protocolById: Map<string, Protocol>;
  patientById: Map<string, Patient>;
  appointments: CheckedAppointment[];
  /** Readable appointments per patient, in start order. */
  byPatient: Map<string, CheckedAppointment[]>;
  unscheduled: Set<string>;
  /** Format 1.1 `now` (ms), or null. */
  now: number | null;
  /** Starts (ms) of the problem's missed records, by `patient/series`. */
  missedStarts: Map<string, number[]>;
}

/** Appointments that rooms, staff and the patient day judge (everything but done sessions). */
export function liveAppointments(list: CheckedAppointment[]): CheckedAppointment[] {
  return list.filter((a) => !a.done);
}

export interface RuleCheck {
  name: string;
  /** Judgeable on a subset of sessions (used to check pinned bookings alone). */
  subsetSafe: boolean;
  check(ctx: CheckContext): Violation[];
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an instant that must carry the zone's correct offset at that instant. */
export function parseInstant(value: unknown, zone: string): number | string {
  if (typeof value !== 'string' || !INSTANT.test(value)) {
    return `"${String(value)}" is not an ISO 8601 instant with an offset`;
  }
  return remember(`instant ${zone} ${value}`, () => readInstant(value, zone));
}

function readInstant(value: string, zone: string): number | string {
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) return `"${value}" is not a valid instant`;
  const expected = IANAZone.create(zone).offset(dt.toMillis());
  if (dt.offset !== expected) {
    return `"${value}" has offset ${dt.toFormat('ZZ')}, but ${zone} is at ${DateTime.fromMillis(
      dt.toMillis(),
      { zone },
    ).toFormat('ZZ')} then`;
  }
  return dt.toMillis();
}

function byId<T extends { id: string }>(items: T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

function readStaff(
  a: Appointment,
  type: SessionType,
  start: number,
  zone: string,
  violations: Violation[],
): CheckedStaff[] {
  const out: CheckedStaff[] = [];
  for (const entry of Array.isArray(a.staff) ? a.staff : []) {
    const s = parseInstant(entry?.start, zone);
    const e = parseInstant(entry?.end, zone);
    if (typeof s === 'string' || typeof e === 'string') {
      violations.push({
        rule: 'INSTANT_FORMAT',
        message: `staff ${entry?.id} of ${a.id}: ${typeof s === 'string' ? s : e}`,
        appointment: a.id,
        resource: entry?.id,
      });
      continue;
    }
    const present = entry.mode === 'present';
    const matching = type.staff.filter(
      (r) =>
        r.role === entry.role &&
        (r.mode === 'present') === present &&
        start + (r.offsetMinutes ?? 0) * MINUTE_MS === s &&
        s + (r.durationMinutes ?? type.durationMinutes - (r.offsetMinutes ?? 0)) * MINUTE_MS === e,
    );
    const shared = matching.length > 0 ? Math.min(...matching.map((r) => r.maxConcurrent ?? 1)) : 1;
    out.push({ id: entry.id, role: entry.role, interval: { start: s, end: e }, shared, present });
  }
  return out;
}

/** Builds the context; unreadable appointments are reported and left out. */
export function buildContext(
  problem: Problem,
  solution: Solution,
): { ctx: CheckContext; violations: Violation[] } {
  const zone = problem.clinic.timeZone;
  const violations: Violation[] = [];
  const existing = problem.existing ?? [];
  const idsWith = (mode: string) =>
    new Set(existing.filter((e) => e.mode === mode).map((e) => e.id));
  const [doneIds, pinnedIds] = [idsWith('done'), idsWith('pinned')];
  const missedStarts = new Map<string, number[]>();
  for (const e of existing) {
    if (e.mode !== 'missed') continue;
    const key = `${e.patient}/${e.series}`;
    missedStarts.set(key, [...(missedStarts.get(key) ?? []), localDateTimeToMillis(e.start, zone)]);
  }
  const ctx: CheckContext = {
    problem,
    solution,
    zone,
    slotMinutes: problem.clinic.slotMinutes ?? 15,
    staffById: byId(problem.staff),
    roomById: byId(problem.rooms),
    typeById: byId(problem.sessionTypes),
    protocolById: byId(problem.protocols),
    patientById: byId(problem.patients),
    appointments: [],
    byPatient: new Map(),
    unscheduled: new Set((solution.unscheduled ?? []).map((u) => u.patient)),
    now: problem.now !== undefined ? localDateTimeToMillis(problem.now, zone) : null,
    missedStarts,
  };
  for (const a of Array.isArray(solution.appointments) ? solution.appointments : []) {
    const report = (rule: string, message: string) =>
      violations.push({
        rule,
        message: `appointment ${a.id}: ${message}`,
        appointment: a.id,
        patient: a.patient,
      });
    const patient = ctx.patientById.get(a.patient);
    if (!patient) {
      report('UNKNOWN_REFERENCE', `unknown patient "${a.patient}"`);
      continue;
    }
    const protocol = ctx.protocolById.get(patient.protocol);
    const series = protocol?.series.find((s) => s.id === a.series);
    const type = series && ctx.typeById.get(series.sessionType);
    if (!protocol || !series || !type) {
      report('UNKNOWN_REFERENCE', `series "${a.series}" is not in protocol "${patient.protocol}"`);
      continue;
    }
    if (a.sessionType !== series.sessionType) {
      report(
        'SESSION_TYPE_MISMATCH',
        `sessionType "${a.sessionType}" but series ${series.id} uses "${series.sessionType}"`,
      );
    }
    const start = parseInstant(a.start, zone);
    const end = parseInstant(a.end, zone);
    if (typeof start === 'string' || typeof end === 'string') {
      report('INSTANT_FORMAT', typeof start === 'string' ? start : (end as string));
      continue;
    }
    if (end - start !== type.durationMinutes * MINUTE_MS) {
      report(
        'WRONG_END',
        `ends ${(end - start) / MINUTE_MS} min after its start; ${type.id} lasts ${type.durationMinutes} min`,
      );
    }
    const checked: CheckedAppointment = {
      appointment: a,
      id: a.id,
      patient,
      protocol,
      series,
      type,
      start,
      end: start + type.durationMinutes * MINUTE_MS,
      date: localDateOf(start, zone),
      staff: readStaff(a, type, start, zone, violations),
      done: doneIds.has(a.id),
      pinned: pinnedIds.has(a.id),
      occupancy:
        type.group && typeof a.occurrence === 'string'
          ? `occurrence ${a.occurrence}`
          : `appointment ${a.id}`,
    };
    ctx.appointments.push(checked);
    const list = ctx.byPatient.get(patient.id) ?? [];
    list.push(checked);
    ctx.byPatient.set(patient.id, list);
  }
  for (const list of ctx.byPatient.values()) list.sort((x, y) => x.start - y.start);
  return { ctx, violations };
}
