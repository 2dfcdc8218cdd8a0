/**
 * The rules one booking must meet that concern its patient and the resources' calendars,
 * judged by the planner's independent validator on a one-patient planning problem built from
 * stored data: the slot grid, the enrollment window, rest days, closures, the patient's
 * unavailability, series weekdays, the patient day (window, sessions, minutes, breaks),
 * notSameDay, separation, required continuity, the room's features and the staff's roles,
 * availability and time off. Only what the new session adds is reported: the validator runs
 * on the booked course with and without it, and the violations found only with it become
 * 422 issues. Overlaps and capacity are the lanes' business (409), staff day limits need
 * other patients' sessions (see staff-day.ts). Pure.
 */
import { localDateOf, zonedIsoOf } from '../time/zoned-format';
import { isFieldCode, type FieldIssue } from '../errors';
import type {
  AvailabilityWindow,
  LocalPeriod,
  Problem,
  SessionType,
  Solution,
  StaffLimits,
} from '../planning/format';
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import type { Violation } from '../planning/solution-check';
import { runRules, SUBSET_SAFE_RULES } from '../planning/solution-check/validate-solution';
import { anchoredWindows } from '../time/rrule-anchor';
import { isBookingCode } from './booking-codes';
import { sessionLabel } from './course-rules';

export interface BookingStaff {
  id: string;
  name: string;
  roles: string[];
  availability: AvailabilityWindow[];
  timeOff: LocalPeriod[];
  limits: StaffLimits | null;
}

export interface BookingRoom {
  id: string;
  name: string;
  features: string[];
  capacity: number;
  availability: AvailabilityWindow[] | null;
  timeOff: LocalPeriod[];
}

export interface BookedSession {
  series: string;
  index: number;
  /** Epoch milliseconds. */
  start: number;
  roomId: string | null;
  staff: {
    staffId: string;
    role: string;
    start: number;
    end: number;
    mode?: 'occupied' | 'present';
  }[];
}

export interface PatientRulesInput {
  clinic: { timeZone: string; slotMinutes: number; closures: string[] };
  protocol: { code: string; definition: ProtocolDefinition };
  enrollment: {
    counts: Record<string, number>;
    earliestStart: string;
    latestEnd: string;
    unavailable: LocalPeriod[];
  };
  /** How the patient is named in messages (e.g. initials). */
  patientLabel: string;
  /** Planning shape, `id` = the session type's code: every type the protocol uses. */
  sessionTypes: SessionType[];
  /** Everyone and every room named by the sessions below. */
  staff: BookingStaff[];
  rooms: BookingRoom[];
  /** The patient's booked and completed sessions of this enrollment. */
  booked: BookedSession[];
  candidate: BookedSession;
}

/** Rules judged elsewhere (lanes, staff-day.ts) or meaningless for a hand-built horizon. */
const JUDGED_ELSEWHERE = new Set([
  'PATIENT_OVERLAP',
  'ROOM_CAPACITY',
  'STAFF_OVERLAP',
  'STAFF_DAILY_SESSIONS',
  'STAFF_DAILY_MINUTES',
  'OUTSIDE_HORIZON',
  'DUPLICATE_APPOINTMENT_ID',
]);

/** Unique, readable planning ids (names; a short id suffix when two share a name). */
function labels(items: { id: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const i of items) count.set(i.name, (count.get(i.name) ?? 0) + 1);
  return new Map(
    items.map((i) => [i.id, count.get(i.name)! > 1 ? `${i.name} (${i.id.slice(0, 8)})` : i.name]),
  );
}

function toProblem(
  input: Omit<PatientRulesInput, 'candidate'>,
  added: readonly BookedSession[],
  staffIds: Map<string, string>,
  roomIds: Map<string, string>,
  window?: { start: string; end: string },
): Problem {
  const { clinic, protocol, enrollment } = input;
  const zone = clinic.timeZone;
  const dates = [...added, ...input.booked].map((s) => localDateOf(s.start, zone));
  const all = [...dates, enrollment.earliestStart, enrollment.latestEnd].sort();
  const horizon = window ?? { start: all[0], end: all[all.length - 1] };
  // Stored windows without `from` count from RULE_EPOCH, not from this horizon.
  const hours = (list: AvailabilityWindow[]) => anchoredWindows(list, horizon.start);
  return {
    formatVersion: 1.1,
    clinic: { timeZone: zone, slotMinutes: clinic.slotMinutes, closures: clinic.closures },
    horizon,
    staff: input.staff.map((s) => ({
      id: staffIds.get(s.id)!,
      roles: s.roles,
      availability: hours(s.availability),
      timeOff: s.timeOff,
      ...(s.limits ? { limits: s.limits } : {}),
    })),
    rooms: input.rooms.map((r) => ({
      id: roomIds.get(r.id)!,
      features: r.features,
      capacity: r.capacity,
      ...(r.availability ? { availability: hours(r.availability) } : {}),
      timeOff: r.timeOff,
    })),
    sessionTypes: input.sessionTypes,
    protocols: [{ id: protocol.code, ...protocol.definition }],
    patients: [
      {
        id: input.patientLabel,
        protocol: protocol.code,
        counts: enrollment.counts,
        earliestStart: enrollment.earliestStart,
        latestEnd: enrollment.latestEnd,
        unavailable: enrollment.unavailable,
      },
    ],
  };
}

function toSolution(
  input: Omit<PatientRulesInput, 'candidate'>,
  sessions: BookedSession[],
  staffIds: Map<string, string>,
  roomIds: Map<string, string>,
): Solution {
  const zone = input.clinic.timeZone;
  const iso = (ms: number) => zonedIsoOf(ms, zone);
  const typeOf = (series: string) =>
    input.protocol.definition.series.find((s) => s.id === series)?.sessionType ?? '';
  const duration = (series: string) =>
    input.sessionTypes.find((t) => t.id === typeOf(series))?.durationMinutes ?? 0;
  return {
    formatVersion: 1.1,
    status: 'complete',
    appointments: sessions.map((s) => ({
      id: sessionLabel(s),
      patient: input.patientLabel,
      series: s.series,
      index: s.index,
      sessionType: typeOf(s.series),
      start: iso(s.start),
      end: iso(s.start + duration(s.series) * 60_000),
      room: s.roomId === null ? null : (roomIds.get(s.roomId) ?? s.roomId),
      staff: s.staff.map((a) => ({
        id: staffIds.get(a.staffId) ?? a.staffId,
        role: a.role,
        start: iso(a.start),
        end: iso(a.end),
        ...(a.mode === 'present' ? { mode: 'present' as const } : {}),
      })),
    })),
    unscheduled: [],
    score: { scheduledPatients: 1, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: 0, proof: 'unknown' },
  };
}

function pointerOf(v: Violation, input: PatientRulesInput, staffIds: Map<string, string>): string {
  if (v.resource !== undefined) {
    const i = input.candidate.staff.findIndex((s) => staffIds.get(s.staffId) === v.resource);
    if (i >= 0 && v.rule.startsWith('STAFF')) return `/staff/${i}/staffId`;
    if (v.rule.startsWith('ROOM')) return '/roomId';
  }
  return '/start';
}

/**
 * The one-patient planning problem a booking is judged on, with the planning ids it uses;
 * `window`: another horizon than the course's (local dates, e.g. a move search's window).
 */
export function bookingProblem(
  input: PatientRulesInput,
  window?: { start: string; end: string },
): {
  problem: Problem;
  staffIds: Map<string, string>;
  roomIds: Map<string, string>;
} {
  const staffIds = labels(input.staff);
  const roomIds = labels(input.rooms);
  const problem = toProblem(input, [input.candidate], staffIds, roomIds, window);
  return { problem, staffIds, roomIds };
}

/**
 * The check of `patientRuleIssues` for many candidates of one booked course. The problem holds
 * the people and rooms of the candidate and of the booked sessions (as a booking builds it;
 * `base` may list more), and the run on the booked sessions alone is done once per horizon
 * and resource set instead of once per candidate.
 */
export function patientRuleChecker(
  base: Omit<PatientRulesInput, 'candidate'>,
): (candidate: BookedSession) => FieldIssue[] {
  const bookedStaff = new Set(base.booked.flatMap((b) => b.staff.map((s) => s.staffId)));
  const bookedRooms = new Set(base.booked.map((b) => b.roomId));
  const baselines = new Map<string, Set<string>>();
  const key = (v: Violation) => `${v.rule}\u0000${v.message}`;
  return (candidate) => {
    // As a booking sees it: the people and rooms of the candidate and of the booked course.
    const named = new Set(candidate.staff.map((s) => s.staffId));
    const staff = base.staff.filter((p) => named.has(p.id) || bookedStaff.has(p.id));
    const rooms = base.rooms.filter((r) => r.id === candidate.roomId || bookedRooms.has(r.id));
    const input = { ...base, staff, rooms, candidate };
    const staffIds = labels(staff);
    const roomIds = labels(rooms);
    const problem = toProblem(input, [candidate], staffIds, roomIds);
    const run = (sessions: BookedSession[]) =>
      runRules(problem, toSolution(input, sessions, staffIds, roomIds), SUBSET_SAFE_RULES).filter(
        (v) => !JUDGED_ELSEWHERE.has(v.rule),
      );
    const scope = [
      problem.horizon.start,
      problem.horizon.end,
      ...staff.map((p) => p.id),
      '/',
      ...rooms.map((r) => r.id),
    ].join(' ');
    let before = baselines.get(scope);
    if (!before) baselines.set(scope, (before = new Set(run(input.booked).map(key))));
    const seen = new Set<string>();
    return run([...input.booked, candidate])
      .filter((v) => !before.has(key(v)) && !seen.has(key(v)) && seen.add(key(v)))
      .map((v) => ({
        pointer: pointerOf(v, input, staffIds),
        code: isBookingCode(v.rule) && isFieldCode(v.rule) ? v.rule : 'RULE_VIOLATED',
        message: v.message,
      }));
  };
}

/** Violations of the validator's subset-safe rules that the candidate session brings in. */
export function patientRuleIssues(input: PatientRulesInput): FieldIssue[] {
  const { candidate, ...base } = input;
  return patientRuleChecker(base)(candidate);
}

/**
 * Violations of the validator's subset-safe rules that sessions added to a booked course all at
 * once bring in (a plan run's commit): one run on the whole course and one on the booked part,
 * instead of a pair per session. The rules are subset-safe, so a session that
 * `patientRuleIssues` refuses after the ones before it were booked makes this non-empty; the
 * issues name no session (pointer `/start`): the caller finds the session per session.
 */
export function patientCourseIssues(
  base: Omit<PatientRulesInput, 'candidate'>,
  added: readonly BookedSession[],
): FieldIssue[] {
  const course = [...base.booked, ...added];
  const named = new Set(course.flatMap((b) => b.staff.map((s) => s.staffId)));
  const used = new Set(course.map((b) => b.roomId));
  const input = {
    ...base,
    staff: base.staff.filter((p) => named.has(p.id)),
    rooms: base.rooms.filter((r) => used.has(r.id)),
  };
  const staffIds = labels(input.staff);
  const roomIds = labels(input.rooms);
  const problem = toProblem(input, added, staffIds, roomIds);
  const key = (v: Violation) => `${v.rule}\u0000${v.message}`;
  const run = (sessions: BookedSession[]) =>
    runRules(problem, toSolution(input, sessions, staffIds, roomIds), SUBSET_SAFE_RULES).filter(
      (v) => !JUDGED_ELSEWHERE.has(v.rule),
    );
  // No stored session: nothing to discount (were the empty course to break a rule, the
  // caller's one-by-one check would only clear it again).
  const before = new Set(base.booked.length > 0 ? run(base.booked).map(key) : []);
  const seen = new Set<string>();
  return run(course)
    .filter((v) => !before.has(key(v)) && !seen.has(key(v)) && seen.add(key(v)))
    .map((v) => ({
      pointer: '/start',
      code: isBookingCode(v.rule) && isFieldCode(v.rule) ? v.rule : 'RULE_VIOLATED',
      message: v.message,
    }));
}
