/**
 * Why a booked appointment no longer fits the clinic's current records: its staff's hours
 * and time off, its room's hours, time off and features, the clinic's closures, and its
 * enrollment's pinned protocol version (series, index, session type, timing rules). Used to
 * list the appointments a catalog change or a re-pin affects, so the front desk can re-plan
 * them; nothing here changes an appointment. Pure: luxon/rrule through src/domain/time.
 *
 * Recurring availability is wall-clock in the clinic's zone: each RRULE is expanded in
 * rrule's floating mode over local dates (expandRruleDays), from the window's `from` or else
 * the fixed RULE_EPOCH (rrule-anchor.ts; never from the appointment or its enrollment), and
 * every occurrence is placed on the time line with the zone's offset of that very day
 * (placeLocal), so a 09:00–17:00 window is 09:00–17:00 local on both sides of a DST change.
 */
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import { effectiveCounts } from '../catalog/enrollment-rules';
import type { AvailabilityWindow, LocalPeriod } from '../planning/format';
import { dayNumber, minuteOfDay, parseLocalDateTime } from '../time/local-date';
import { ruleAnchorDay } from '../time/rrule-anchor';
import { expandRruleDays } from '../time/rrule-expand';
import { localOf, placeLocal } from '../time/zone';
import { localRange } from '../time/repeated-hour';
import { courseIssues, sessionLabel } from './course-rules';

export const AFFECTED_CODES = [
  'STAFF_TIME_OFF',
  'STAFF_UNAVAILABLE',
  'STAFF_ROLE',
  'STAFF_DAILY_SESSIONS',
  'STAFF_DAILY_MINUTES',
  'ROOM_TIME_OFF',
  'ROOM_UNAVAILABLE',
  'ROOM_FEATURES',
  'ROOM_CAPACITY',
  'CLOSURE',
  'SERIES_REMOVED',
  'INDEX_OUT_OF_RANGE',
  'SESSION_TYPE_CHANGED',
  'DURATION_CHANGED',
  'PROTOCOL_RULE',
  'PATIENT_UNAVAILABLE',
  'OUTSIDE_PATIENT_WINDOW',
] as const;
export type AffectedCode = (typeof AFFECTED_CODES)[number];

/** One reason an appointment is affected. */
export interface AffectedWhy {
  code: AffectedCode;
  /**
   * What the reason is about: a staff member, a room, the clinic, the protocol version (and
   * its session types) or the enrollment (the patient's window and unavailability).
   */
  resource: 'staff' | 'room' | 'clinic' | 'protocol' | 'enrollment';
  /**
   * The staff member's, room's or enrollment's id (the clinic's closures and the protocol
   * carry none).
   */
  resourceId: string | null;
  message: string;
}

export interface CalendarOwner {
  name: string;
  /** null: always open (a room without availability). */
  availability: AvailabilityWindow[] | null;
  timeOff: LocalPeriod[];
}
export interface StaffCalendar extends CalendarOwner {
  roles: string[];
}
export interface RoomCalendar extends CalendarOwner {
  features: string[];
}

/** A booked appointment as the checks see it. Instants are epoch milliseconds. */
export interface BookedView {
  id: string;
  series: string;
  index: number;
  /** The session type's code. */
  sessionType: string;
  /** The session type's current duration (minutes). */
  durationMinutes: number;
  start: number;
  end: number;
  roomId: string | null;
  /** Room turnover after the session (the room is held over [start, end + turnover)). */
  turnoverMinutes: number;
  /** Features the session type needs of its room. */
  roomFeatures: string[];
  /** `mode` absent: occupied (a `present` person counts for no daily limit). */
  staff: { staffId: string; role: string; start: number; end: number; mode?: string }[];
}

export interface CalendarContext {
  zone: string;
  closures: readonly string[];
  staff: ReadonlyMap<string, StaffCalendar>;
  rooms: ReadonlyMap<string, RoomCalendar>;
}

const MINUTE_MS = 60_000;
export type Span = [number, number]; // epoch minutes, [start, end)

export const toMinutes = (ms: number) => Math.floor(ms / MINUTE_MS);

/** Memo of RRULE expansions (pure in their key); cleared when it reaches its bound. */
const expansions = new Map<string, number[]>();

/**
 * Days of `rule` in [first, until] (and never past `hardUntil`, the window's own end), from
 * DTSTART `from` (the window's own), else from RULE_EPOCH. Expanded over a ~year-long bucket
 * and memoized, so checking many appointments against one window expands it once.
 */
function ruleDays(
  rule: string,
  from: number | null,
  hardUntil: number,
  first: number,
  until: number,
): number[] {
  const bucket = Math.floor(first / 366) * 366;
  const end = Math.min(hardUntil, (Math.floor(until / 366) + 1) * 366);
  // Keyed by the bucket, not the anchor: the anchor (a parse of the rule) is found on a miss only.
  const key = `${rule}\u0000${from ?? `epoch@${bucket}`}\u0000${end}`;
  let days = expansions.get(key);
  if (!days) {
    if (expansions.size >= 10_000) expansions.clear();
    days = expandRruleDays(rule, from ?? ruleAnchorDay(rule, bucket), end);
    expansions.set(key, days);
  }
  return days.filter((d) => d >= first && d <= until);
}

/** Availability windows occurring on local days [first, last], placed and merged. */
export function windowSpans(
  windows: readonly AvailabilityWindow[],
  first: number,
  last: number,
  zone: string,
): Span[] {
  const pairs: Span[] = [];
  for (const w of windows) {
    const s = minuteOfDay(w.start);
    const e = minuteOfDay(w.end);
    let days: number[];
    if ('date' in w) days = [dayNumber(w.date)];
    else {
      const from = w.from ? dayNumber(w.from) : null;
      const hardUntil = w.until ? dayNumber(w.until) : Infinity;
      days = ruleDays(w.rrule, from, hardUntil, first, Math.min(hardUntil, last));
    }
    for (const d of days) {
      if (d >= first && d <= last) pairs.push([placeLocal(zone, d, s), placeLocal(zone, d, e)]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const p of pairs) {
    const top = merged[merged.length - 1];
    if (top && p[0] <= top[1]) top[1] = Math.max(top[1], p[1]);
    else merged.push([p[0], p[1]]);
  }
  return merged;
}

/** Is [start, end) (epoch minutes) inside the union of the windows? */
export function insideAvailability(
  windows: readonly AvailabilityWindow[],
  span: Span,
  zone: string,
): boolean {
  const first = localOf(zone, span[0]).day - 1;
  const last = localOf(zone, span[1]).day + 1;
  return windowSpans(windows, first, last, zone).some(([s, e]) => s <= span[0] && span[1] <= e);
}

export function periodSpan(p: LocalPeriod, zone: string): Span {
  const a = parseLocalDateTime(p.start);
  const b = parseLocalDateTime(p.end);
  return [placeLocal(zone, a.day, a.minute), placeLocal(zone, b.day, b.minute)];
}

export const overlaps = (a: Span, b: Span) => a[0] < b[1] && b[0] < a[1];

/** Why `owner` cannot hold `span`: outside its hours, or on time off. */
function calendarWhys(
  kind: 'staff' | 'room',
  id: string,
  owner: CalendarOwner,
  span: Span,
  zone: string,
): AffectedWhy[] {
  const out: AffectedWhy[] = [];
  const prefix = kind === 'staff' ? 'STAFF' : 'ROOM';
  const when = localRange(span[0] * 60_000, span[1] * 60_000, zone);
  if (owner.availability !== null && !insideAvailability(owner.availability, span, zone)) {
    out.push({
      code: `${prefix}_UNAVAILABLE`,
      resource: kind,
      resourceId: id,
      message: `${owner.name} is not available for the whole of ${when} (outside their hours)`,
    });
  }
  const off = owner.timeOff.find((p) => overlaps(span, periodSpan(p, zone)));
  if (off) {
    out.push({
      code: `${prefix}_TIME_OFF`,
      resource: kind,
      resourceId: id,
      message: `${owner.name} is on time off ${off.start}–${off.end}, over ${when}`,
    });
  }
  return out;
}

/** Every calendar reason the appointment no longer fits (empty: it still fits). */
export function calendarConflicts(a: BookedView, ctx: CalendarContext): AffectedWhy[] {
  const { zone } = ctx;
  const out: AffectedWhy[] = [];
  const label = sessionLabel(a);
  const seen = new Set<string>();
  for (const s of a.staff) {
    const person = ctx.staff.get(s.staffId);
    if (!person) continue;
    if (!person.roles.includes(s.role) && !seen.has(`${s.staffId} role ${s.role}`)) {
      seen.add(`${s.staffId} role ${s.role}`);
      out.push({
        code: 'STAFF_ROLE',
        resource: 'staff',
        resourceId: s.staffId,
        message: `${person.name} no longer holds role ${s.role}, which they fill in ${label}`,
      });
    }
    const span: Span = [toMinutes(s.start), toMinutes(s.end)];
    out.push(...calendarWhys('staff', s.staffId, person, span, zone));
  }
  const roomSpan: Span = [toMinutes(a.start), toMinutes(a.end) + a.turnoverMinutes];
  if (a.roomId !== null) {
    const room = ctx.rooms.get(a.roomId);
    if (room) {
      const missing = a.roomFeatures.filter((f) => !room.features.includes(f));
      if (missing.length > 0) {
        out.push({
          code: 'ROOM_FEATURES',
          resource: 'room',
          resourceId: a.roomId,
          message: `${room.name} no longer has ${missing.join(', ')}, which ${label} needs`,
        });
      }
      out.push(...calendarWhys('room', a.roomId, room, roomSpan, zone));
    }
  }
  const closed = ctx.closures.find((date) => {
    const d = dayNumber(date);
    return overlaps(roomSpan, [placeLocal(zone, d, 0), placeLocal(zone, d + 1, 0)]);
  });
  if (closed) {
    out.push({
      code: 'CLOSURE',
      resource: 'clinic',
      resourceId: null,
      message: `the clinic is closed on ${closed}`,
    });
  }
  return out;
}

/** A session of the enrollment's course (booked or completed), for the timing rules. */
export interface CourseView {
  id: string;
  series: string;
  index: number;
  start: number;
  end: number;
}

/**
 * Why the booked appointment `a` does not fit the protocol version `definition` with the
 * enrollment's `counts`: its series is gone, its index is beyond the series' count, the
 * series now uses another session type, or (judged with the course's other sessions) a
 * timing rule (order, gaps, offsets, span, follow-ups) breaks. `approved` maps a session of
 * the course to the protocol rules a director's override approved for it (its
 * `override.rules`): those breaches are not reasons, for it or for the sessions they involve.
 */
export function protocolConflicts(
  a: BookedView,
  course: readonly CourseView[],
  definition: ProtocolDefinition,
  counts: Readonly<Record<string, number>>,
  zone: string,
  approved: ReadonlyMap<string, readonly string[]> = new Map(),
): AffectedWhy[] {
  const why = (code: AffectedCode, message: string): AffectedWhy => ({
    code,
    resource: 'protocol',
    resourceId: null,
    message,
  });
  const label = sessionLabel(a);
  const series = definition.series.find((s) => s.id === a.series);
  if (!series) {
    const known = definition.series.map((s) => s.id).join(', ');
    return [
      why('SERIES_REMOVED', `the protocol version has no series "${a.series}" (it has: ${known})`),
    ];
  }
  const out: AffectedWhy[] = [];
  const effective = effectiveCounts(counts, definition);
  const n = effective[a.series];
  if (a.index > n) {
    out.push(
      why(
        'INDEX_OUT_OF_RANGE',
        `the enrollment gets ${n} ${a.series} sessions; there is no ${label}`,
      ),
    );
  }
  if (series.sessionType !== a.sessionType) {
    out.push(
      why(
        'SESSION_TYPE_CHANGED',
        `series "${a.series}" now uses session type "${series.sessionType}"; ${label} is booked as "${a.sessionType}"`,
      ),
    );
  }
  const booked = Math.round((a.end - a.start) / MINUTE_MS);
  if (out.length === 0 && booked !== a.durationMinutes) {
    out.push(
      why(
        'DURATION_CHANGED',
        `${label} is booked for ${booked} min; session type "${a.sessionType}" now lasts ${a.durationMinutes} min`,
      ),
    );
  }
  if (out.length > 0) return out;
  const known = new Set(definition.series.map((s) => s.id));
  const judged = course.filter((c) => known.has(c.series));
  const issuesOf = (sessions: readonly CourseView[]) =>
    courseIssues(
      sessions.map((c) => ({
        series: c.series,
        index: c.index,
        start: c.start,
        end: c.end,
        isNew: c.id === a.id,
      })),
      definition,
      effective,
      zone,
    );
  // A director's override approves the rules it names: for the overridden session itself,
  // and for the course's other sessions the breaches that involve it (those that go away
  // when it is left out: a gap or offset to it, the span it stretches, a follow-up it misses).
  const own = new Set(approved.get(a.id) ?? []);
  const persisting = new Map<string, Set<string>>();
  const persists = (code: string, message: string): boolean => {
    const by = new Set(
      judged.filter((c) => c.id !== a.id && approved.get(c.id)?.includes(code)).map((c) => c.id),
    );
    if (by.size === 0) return true;
    let kept = persisting.get(code);
    if (!kept) {
      const without = issuesOf(judged.filter((c) => !by.has(c.id)));
      kept = new Set(without.filter((i) => i.code === code).map((i) => i.message));
      persisting.set(code, kept);
    }
    return kept.has(message);
  };
  for (const issue of issuesOf(judged)) {
    if (own.has(issue.code) || !persists(issue.code, issue.message)) continue;
    out.push(why('PROTOCOL_RULE', issue.message));
  }
  return out;
}

/**
 * Calendar reasons compare by code and resource (a rename changes the message, not the
 * reason); protocol reasons by their message too (each names its rule and sessions).
 */
const whyKey = (w: AffectedWhy) =>
  `${w.code}\u0000${w.resourceId ?? ''}\u0000${w.resource === 'protocol' ? w.message : ''}`;

/** The reasons in `after` that `before` did not have: what a change brought in. */
export function newWhys(
  before: readonly AffectedWhy[],
  after: readonly AffectedWhy[],
): AffectedWhy[] {
  const had = new Set(before.map(whyKey));
  return after.filter((w) => !had.has(whyKey(w)));
}
