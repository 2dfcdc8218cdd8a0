/**
 * Why a booked appointment no longer fits the load its staff and room take: a person's daily
 * limits (`maxSessionsPerDay`, `maxMinutesPerDay`, counted as the booking checks count them:
 * the person's occupied assignments in held sessions starting on the session's local date,
 * overlapping minutes once) and a room's capacity (the most sessions held in the room at
 * once over the appointment's room time, turnover included). Both are records the clinic
 * keeps as facts (a person's workload, a recliner out of service): a lowered value is saved
 * and the sessions it breaks listed, like time off. Pure.
 */
import type { StaffLimits } from '../planning/format';
import { localDateOf } from '../time/zoned-format';
import type { AffectedWhy, BookedView } from './affected';
import { sessionLabel } from './course-rules';
import { unionMinutes } from './staff-day';

/** One occupied assignment of a person in a held (booked or completed) session. */
export interface HeldAssignment {
  appointmentId: string;
  staffId: string;
  /** The assignment's own interval and its session's start (epoch ms). */
  start: number;
  end: number;
  sessionStart: number;
}

/** A held session's time in a room, turnover included (epoch ms). */
export interface RoomHold {
  appointmentId: string;
  roomId: string;
  start: number;
  end: number;
}

export interface LoadContext {
  zone: string;
  staff: ReadonlyMap<string, { name: string; limits?: StaffLimits | null }>;
  rooms: ReadonlyMap<string, { name: string; capacity?: number }>;
  assignments: readonly HeldAssignment[];
  holds: readonly RoomHold[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Assignments by `staffId|local date` and holds by room, built once per loaded list. */
const byDay = new WeakMap<readonly HeldAssignment[], Map<string, HeldAssignment[]>>();
const byRoom = new WeakMap<readonly RoomHold[], Map<string, RoomHold[]>>();

function groupOnce<T>(
  memo: WeakMap<readonly T[], Map<string, T[]>>,
  list: readonly T[],
  key: (t: T) => string,
): Map<string, T[]> {
  let groups = memo.get(list);
  if (!groups) {
    groups = new Map();
    for (const t of list) {
      const k = key(t);
      const g = groups.get(k);
      if (g) g.push(t);
      else groups.set(k, [t]);
    }
    memo.set(list, groups);
  }
  return groups;
}

/** The daily limits of its (occupied) staff that the appointment's day goes over. */
export function staffDayWhys(a: BookedView, ctx: LoadContext): AffectedWhy[] {
  const out: AffectedWhy[] = [];
  const date = localDateOf(a.start, ctx.zone);
  const people = new Set(a.staff.filter((s) => s.mode !== 'present').map((s) => s.staffId));
  for (const staffId of people) {
    const person = ctx.staff.get(staffId);
    const limits = person?.limits;
    if (!person || !limits) continue;
    const days = groupOnce(
      byDay,
      ctx.assignments,
      (x) => `${x.staffId}|${localDateOf(x.sessionStart, ctx.zone)}`,
    );
    const day = days.get(`${staffId}|${date}`) ?? [];
    const sessions = new Set([a.id, ...day.map((x) => x.appointmentId)]).size;
    const why = (code: 'STAFF_DAILY_SESSIONS' | 'STAFF_DAILY_MINUTES', message: string) =>
      out.push({ code, resource: 'staff', resourceId: staffId, message });
    if (limits.maxSessionsPerDay !== undefined && sessions > limits.maxSessionsPerDay) {
      why(
        'STAFF_DAILY_SESSIONS',
        `${person.name} has ${plural(sessions, 'session')} on ${date}; the limit is ${limits.maxSessionsPerDay}`,
      );
    }
    const minutes = unionMinutes(day);
    if (limits.maxMinutesPerDay !== undefined && minutes > limits.maxMinutesPerDay) {
      why(
        'STAFF_DAILY_MINUTES',
        `${person.name} works ${minutes} min on ${date}; the limit is ${limits.maxMinutesPerDay}`,
      );
    }
  }
  return out;
}

/** The room's capacity, when more sessions than it holds are there at once with this one. */
export function roomCapacityWhys(a: BookedView, ctx: LoadContext): AffectedWhy[] {
  if (a.roomId === null) return [];
  const room = ctx.rooms.get(a.roomId);
  const capacity = room?.capacity;
  if (!room || capacity === undefined) return [];
  const from = a.start;
  const to = a.end + a.turnoverMinutes * 60_000;
  const events: [number, number][] = [];
  for (const h of groupOnce(byRoom, ctx.holds, (x) => x.roomId).get(a.roomId) ?? []) {
    if (h.appointmentId === a.id) continue;
    if (h.start >= to || h.end <= from) continue;
    events.push([Math.max(h.start, from), 1], [Math.min(h.end, to), -1]);
  }
  // Ends before starts at one instant: [start, end) intervals that only touch never share.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let now = 1;
  let peak = 1;
  for (const [, d] of events) {
    now += d;
    peak = Math.max(peak, now);
  }
  if (peak <= capacity) return [];
  return [
    {
      code: 'ROOM_CAPACITY',
      resource: 'room',
      resourceId: a.roomId,
      message: `${room.name} holds ${plural(capacity, 'session')} at once; ${peak} are booked there together with ${sessionLabel(a)} (turnover included)`,
    },
  ];
}
