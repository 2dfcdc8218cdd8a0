/**
 * Rules about rooms and staff: the right room and people, their
 * availability (windows minus time off, busy entries and closures), room
 * capacity, personal overlaps with the maxConcurrent sharing rule, and
 * daily staff limits. Format 1.1: a group occurrence counts once for rooms
 * and staff (its appointments share one `occupancy` key); presence
 * assignments need the person on duty but occupy nobody (no overlap, no
 * limit); done sessions are not judged here (they happened).
 */
import type { AvailabilityWindow, LocalPeriod } from '../format';
import { localRange } from '../../time/repeated-hour';
import {
  dayInterval,
  insideWindows,
  type Interval,
  MINUTE_MS,
  overlaps,
  periodInterval,
} from './clinic-time';
import {
  type CheckContext,
  type CheckedAppointment,
  liveAppointments,
  type RuleCheck,
  type Violation,
} from './context';

/** The first item of each key: an occurrence's appointments count once. */
function oncePerOccupancy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function roomInterval(a: CheckedAppointment): Interval {
  return { start: a.start, end: a.end + (a.type.room?.turnoverMinutes ?? 0) * MINUTE_MS };
}

/**
 * `2027-03-15 09:55–11:00` (the end's date too when it is another day; offsets in the hour
 * the clocks repeat), local to `zone`.
 */
function localSpan(interval: Interval, zone: string): string {
  return localRange(interval.start, interval.end, zone);
}

/**
 * What the resource is needed for over its interval, for messages: a person is occupied or
 * (format 1.1 presence) only present, a room is occupied with its turnover.
 */
type Need = 'room' | 'occupied' | 'present';
const NEED_WORDS: Record<Need, string> = {
  room: 'when it is occupied (turnover included)',
  occupied: 'when they are occupied',
  present: 'when they must be present',
};

/** Is the resource free over `interval`: inside its windows, outside time off, busy and closures? */
function resourceTime(
  kind: 'ROOM' | 'STAFF',
  id: string,
  windows: AvailabilityWindow[] | undefined,
  timeOff: LocalPeriod[] | undefined,
  interval: Interval,
  ctx: CheckContext,
  a: CheckedAppointment,
  need: Need,
): Violation[] {
  const out: Violation[] = [];
  const push = (rule: string, what: string) =>
    out.push({
      rule: `${kind}_${rule}`,
      message: `${a.id}: ${id} ${what}`,
      appointment: a.id,
      patient: a.patient.id,
      resource: id,
    });
  const needsWindows = kind === 'STAFF' || windows !== undefined;
  if (needsWindows && !insideWindows(interval, windows ?? [], ctx.problem.horizon, ctx.zone)) {
    push(
      'UNAVAILABLE',
      `is not available for the whole of ${localSpan(interval, ctx.zone)}, ${NEED_WORDS[need]}`,
    );
  }
  const off = (timeOff ?? []).find((p) => overlaps(interval, periodInterval(p, ctx.zone)));
  if (off) push('TIME_OFF', `is on time off ${off.start}..${off.end}`);
  const busy = (ctx.problem.busy ?? []).find(
    (b) => b.resource === id && overlaps(interval, periodInterval(b, ctx.zone)),
  );
  if (busy) push('BUSY', `is busy ${busy.start}..${busy.end}`);
  const closure = (ctx.problem.clinic.closures ?? []).find((d) =>
    overlaps(interval, dayInterval(d, ctx.zone)),
  );
  if (closure) push('CLOSURE', `would work on closure ${closure}`);
  return out;
}

const roomAssignment: RuleCheck = {
  name: 'ROOM',
  subsetSafe: true,
  check: (ctx) =>
    liveAppointments(ctx.appointments).flatMap((a): Violation[] => {
      const roomId = a.appointment.room;
      const v = (rule: string, message: string): Violation[] => [
        {
          rule,
          message: `${a.id}: ${message}`,
          appointment: a.id,
          patient: a.patient.id,
          resource: roomId ?? undefined,
        },
      ];
      if (a.type.room === null)
        return roomId === null ? [] : v('ROOM_NOT_NEEDED', `${a.type.id} takes no room`);
      if (roomId === null || roomId === undefined)
        return v('ROOM_MISSING', `${a.type.id} needs a room`);
      const room = ctx.roomById.get(roomId);
      if (!room) return v('UNKNOWN_REFERENCE', `unknown room "${roomId}"`);
      const missing = a.type.room.features.filter((f) => !(room.features ?? []).includes(f));
      if (missing.length > 0)
        return v('ROOM_FEATURES', `room ${roomId} lacks ${missing.join(', ')}`);
      const { availability, timeOff } = room;
      return resourceTime('ROOM', roomId, availability, timeOff, roomInterval(a), ctx, a, 'room');
    }),
};

/** Sweeps the elementary segments of a set of intervals, calling `visit` with the active items. */
function sweep<T extends { interval: Interval }>(items: T[], visit: (active: T[]) => void): void {
  const points = [...new Set(items.flatMap((i) => [i.interval.start, i.interval.end]))].sort(
    (x, y) => x - y,
  );
  for (let k = 0; k + 1 < points.length; k++) {
    const active = items.filter(
      (i) => i.interval.start < points[k + 1] && i.interval.end > points[k],
    );
    if (active.length > 1) visit(active);
  }
}

const roomCapacity: RuleCheck = {
  name: 'ROOM_CAPACITY',
  subsetSafe: true,
  check: (ctx) => {
    const out: Violation[] = [];
    for (const room of ctx.problem.rooms) {
      const items = oncePerOccupancy(
        liveAppointments(ctx.appointments).filter(
          (a) => a.appointment.room === room.id && a.type.room !== null,
        ),
        (a) => a.occupancy,
      ).map((a) => ({ a, interval: roomInterval(a) }));
      const reported = new Set<string>();
      sweep(items, (active) => {
        const key = active.map((i) => i.a.id).join(',');
        if (active.length > (room.capacity ?? 1) && !reported.has(key)) {
          reported.add(key);
          out.push({
            rule: 'ROOM_CAPACITY',
            message: `room ${room.id} holds ${key} at once; capacity ${room.capacity ?? 1}`,
            resource: room.id,
            appointment: active[active.length - 1].a.id,
          });
        }
      });
    }
    return out;
  },
};

const staffAssignment: RuleCheck = {
  name: 'STAFF',
  subsetSafe: true,
  check: (ctx) =>
    liveAppointments(ctx.appointments).flatMap((a): Violation[] => {
      const out: Violation[] = [];
      const v = (rule: string, message: string, resource?: string) =>
        out.push({
          rule,
          message: `${a.id}: ${message}`,
          appointment: a.id,
          patient: a.patient.id,
          resource,
        });
      // One person fills at most one occupied requirement; presence may double up.
      const people = a.staff.filter((s) => !s.present).map((s) => s.id);
      for (const id of new Set(people.filter((p, i) => people.indexOf(p) !== i))) {
        v('STAFF_ONE_REQUIREMENT', `${id} fills more than one requirement`, id);
      }
      for (const s of Array.isArray(a.appointment.staff) ? a.appointment.staff : []) {
        const mode: unknown = s?.mode;
        if (mode !== undefined && mode !== 'present')
          v(
            'STAFF_MODE',
            `${s.id} has mode ${JSON.stringify(mode)}; only "present" is written`,
            s.id,
          );
      }
      const key = (role: string, start: number, end: number, present: boolean) =>
        `${role}${present ? ' (present)' : ''}@${start}-${end}`;
      const needed = new Map<string, number>();
      for (const r of a.type.staff) {
        const start = a.start + (r.offsetMinutes ?? 0) * MINUTE_MS;
        const end =
          start +
          (r.durationMinutes ?? a.type.durationMinutes - (r.offsetMinutes ?? 0)) * MINUTE_MS;
        const k = key(r.role, start, end, r.mode === 'present');
        needed.set(k, (needed.get(k) ?? 0) + (r.count ?? 1));
      }
      const given = new Map<string, Set<string>>();
      for (const s of a.staff) {
        const person = ctx.staffById.get(s.id);
        if (!person) v('UNKNOWN_REFERENCE', `unknown staff "${s.id}"`, s.id);
        else if (!person.roles.includes(s.role))
          v('STAFF_ROLE', `${s.id} does not hold role ${s.role}`, s.id);
        const k = key(s.role, s.interval.start, s.interval.end, s.present);
        if (!needed.has(k))
          v(
            'STAFF_INTERVAL',
            `${s.id} as ${s.role} has an interval no requirement of ${a.type.id} gives`,
            s.id,
          );
        given.set(k, (given.get(k) ?? new Set()).add(s.id));
      }
      for (const [k, count] of needed) {
        const got = given.get(k)?.size ?? 0;
        if (got !== count)
          v(
            'STAFF_COUNT',
            `requirement ${k.split('@')[0]} needs ${count} distinct people, has ${got}`,
          );
      }
      for (const s of a.staff) {
        const person = ctx.staffById.get(s.id);
        if (!person) continue;
        const need = s.present ? 'present' : 'occupied';
        const { availability, timeOff } = person;
        out.push(...resourceTime('STAFF', s.id, availability, timeOff, s.interval, ctx, a, need));
      }
      return out;
    }),
};

/** Each person's occupied assignments, one per occurrence (presence and done sessions aside). */
function assignmentsByPerson(ctx: CheckContext) {
  const byPerson = new Map<
    string,
    { a: CheckedAppointment; interval: Interval; shared: number }[]
  >();
  const seen = new Set<string>();
  for (const a of liveAppointments(ctx.appointments)) {
    for (const s of a.staff) {
      if (s.present) continue;
      const once = `${s.id} ${s.role} ${s.interval.start} ${a.occupancy}`;
      if (seen.has(once)) continue;
      seen.add(once);
      byPerson.set(s.id, [
        ...(byPerson.get(s.id) ?? []),
        { a, interval: s.interval, shared: s.shared },
      ]);
    }
  }
  return byPerson;
}

/** One assignment at a time, or only shared ones and no more than the smallest maxConcurrent. */
const staffOverlap: RuleCheck = {
  name: 'STAFF_OVERLAP',
  subsetSafe: true,
  check: (ctx) => {
    const out: Violation[] = [];
    for (const [person, items] of assignmentsByPerson(ctx)) {
      const reported = new Set<string>();
      sweep(items, (active) => {
        const limit = Math.min(...active.map((i) => i.shared));
        if (limit > 1 && active.length <= limit) return;
        const key = active.map((i) => i.a.id).join(',');
        if (reported.has(key)) return;
        reported.add(key);
        out.push({
          rule: 'STAFF_OVERLAP',
          message: `${person} is in ${key} at once (${limit > 1 ? `shared limit ${limit}` : 'not shareable'})`,
          resource: person,
          appointment: active[active.length - 1].a.id,
        });
      });
    }
    return out;
  },
};

function unionMinutes(intervals: Interval[]): number {
  const sorted = [...intervals].sort((x, y) => x.start - y.start);
  let total = 0;
  let cursor = -Infinity;
  for (const i of sorted) {
    const from = Math.max(cursor, i.start);
    if (i.end > from) total += i.end - from;
    cursor = Math.max(cursor, i.end);
  }
  return total / MINUTE_MS;
}

const staffDailyLimits: RuleCheck = {
  name: 'STAFF_DAILY_LIMITS',
  subsetSafe: true,
  check: (ctx) => {
    const out: Violation[] = [];
    for (const [person, items] of assignmentsByPerson(ctx)) {
      const limits = ctx.staffById.get(person)?.limits;
      if (!limits) continue;
      for (const date of [...new Set(items.map((i) => i.a.date))].sort()) {
        const day = items.filter((i) => i.a.date === date);
        const sessions = new Set(day.map((i) => i.a.occupancy)).size;
        const minutes = unionMinutes(day.map((i) => i.interval));
        if (limits.maxSessionsPerDay !== undefined && sessions > limits.maxSessionsPerDay) {
          out.push({
            rule: 'STAFF_DAILY_SESSIONS',
            message: `${person} has ${sessions} sessions on ${date}; limit ${limits.maxSessionsPerDay}`,
            resource: person,
            appointment: day[day.length - 1].a.id,
          });
        }
        if (limits.maxMinutesPerDay !== undefined && minutes > limits.maxMinutesPerDay) {
          out.push({
            rule: 'STAFF_DAILY_MINUTES',
            message: `${person} works ${minutes} min on ${date}; limit ${limits.maxMinutesPerDay}`,
            resource: person,
            appointment: day[day.length - 1].a.id,
          });
        }
      }
    }
    return out;
  },
};

export const RESOURCE_RULES: RuleCheck[] = [
  roomAssignment,
  roomCapacity,
  staffAssignment,
  staffOverlap,
  staffDailyLimits,
];
