/**
 * The front desk's options for a booked session: starts in a window, each with a room and
 * staff, at which a move (PATCH /v1/appointments/{id}) would be accepted, closest to the
 * session's current start first. Pure.
 *
 * Two stages, so that no rule is written a third time:
 * - the planner's own calendar model (src/domain/planning/model, solver/domains.ts
 *   `baseSlots`) narrows the starts and the people and rooms to those its calendars allow
 *   (slot grid, enrollment window, closures, rest days, series weekdays, patient day and
 *   unavailability, staff and room availability and time off);
 * - every remaining candidate is judged by MoveCheck, i.e. by the booking's own checks and
 *   the planner's independent validator, so an option is offered only when the booking
 *   checks accept it.
 * Per start the session's current room and staff are tried first, then the others in name
 * order; a start is offered with the first assignment that passes.
 */
import { DateTime } from 'luxon';
import { compileModel } from '../planning/model/compile';
import { covers } from '../planning/model/intervals';
import type { Model } from '../planning/model/types';
import { baseSlots } from '../planning/solver/domains';
import { bookingProblem } from './patient-rules';
import { MoveCheck, type MoveCandidate } from './move-check';
import type { StaffPick, StaffSlot } from './staffing';

const MINUTE_MS = 60_000;

/** Assignments judged by the validator per start at most (each costs a validator run). */
export const MAX_TRIES_PER_START = 6;

export interface MoveOption {
  /** Epoch ms. */
  start: number;
  end: number;
  roomId: string | null;
  staff: StaffSlot[];
}

export interface MoveOptionsQuery {
  /** Epoch ms, [from, to): starts considered. */
  from: number;
  to: number;
  limit: number;
  /** The session's current place (tried first at every start; the distance is from its start). */
  current: MoveCandidate;
  /** Leave the current start out (it is where the session already is). */
  excludeCurrent?: boolean;
}

/** Instants of the model are epoch minutes. */
const toMs = (minutes: number) => minutes * MINUTE_MS;

/** The planner's model of the clinic's calendars over the window's local dates. */
function windowModel(check: MoveCheck, from: number, to: number) {
  const { ctx } = check;
  const date = (ms: number) => DateTime.fromMillis(ms, { zone: ctx.zone }).toISODate()!;
  const built = bookingProblem(
    {
      ...ctx.rules,
      candidate: { series: ctx.series, index: ctx.index, start: from, roomId: null, staff: [] },
    },
    { start: date(from), end: date(to - 1) },
  );
  return { model: compileModel(built.problem), staffIds: built.staffIds, roomIds: built.roomIds };
}

export function moveOptions(check: MoveCheck, q: MoveOptionsQuery): MoveOption[] {
  const { ctx } = check;
  const from = Math.max(q.from, ctx.now);
  if (q.limit <= 0 || from >= q.to) return [];
  const { model, staffIds, roomIds } = windowModel(check, from, q.to);
  const patient = model.patients[0];
  const proto = model.protocols[patient.protocol];
  const seriesIndex = proto.seriesById.get(ctx.series);
  if (seriesIndex === undefined) return [];
  const st = model.sessionTypes[proto.series[seriesIndex].sessionType];
  const staffIndex = new Map(model.staff.map((s) => [s.id, s.index]));
  const roomIndex = new Map(model.rooms.map((r) => [r.id, r.index]));
  const freeStaff = (id: string, s: number, e: number) => {
    const i = staffIndex.get(staffIds.get(id) ?? '');
    return i !== undefined && covers(model.staff[i].free, s / MINUTE_MS, e / MINUTE_MS);
  };
  const freeRoom = (id: string, s: number, e: number) => {
    const i = roomIndex.get(roomIds.get(id) ?? '');
    return i !== undefined && covers(model.rooms[i].free, s / MINUTE_MS, e / MINUTE_MS);
  };

  const starts = [...baseSlots(model, patient, seriesIndex)]
    .map((i) => toMs(model.slotStart[i]))
    .filter((t) => t >= from && t < q.to && !(q.excludeCurrent && t === q.current.start))
    .sort((a, b) => Math.abs(a - q.current.start) - Math.abs(b - q.current.start) || a - b);

  const byName = <T extends { name: string; id: string }>(a: T, b: T) =>
    a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1);
  const rooms = [...ctx.rooms.values()].filter((r) => !r.archived).sort(byName);
  const people = [...ctx.staff.values()].filter((p) => !p.archived).sort(byName);
  const duration = check.durationMs;
  const out: MoveOption[] = [];

  for (const start of starts) {
    if (out.length >= q.limit) break;
    const end = start + duration;
    if (check.course(start).length > 0) continue;
    if (!check.laneFree(ctx.patientId, start, end, 1)) continue;
    const roomChoices: (string | null)[] = [];
    if (ctx.type.room) {
      const need = ctx.type.room;
      const roomEnd = end + check.turnover;
      const ordered = [
        ...rooms.filter((r) => r.id === q.current.roomId),
        ...rooms.filter((r) => r.id !== q.current.roomId),
      ];
      for (const r of ordered) {
        if (!need.features.every((f) => r.features.includes(f))) continue;
        if (!freeRoom(r.id, start, roomEnd)) continue;
        if (!check.laneFree(r.id, start, roomEnd, r.capacity)) continue;
        roomChoices.push(r.id);
      }
      if (roomChoices.length === 0) continue;
    } else roomChoices.push(null);
    const perNeed = staffChoices(check, st.needs, start, q.current.staff, people, freeStaff);
    if (!perNeed) continue;
    let tries = 0;
    for (const staff of combinations(perNeed)) {
      let found: MoveOption | null = null;
      for (const roomId of roomChoices) {
        if (tries++ >= MAX_TRIES_PER_START) break;
        const verdict = check.judge({ start, roomId, staff });
        if (verdict.ok) {
          found = { start, end, roomId, staff: verdict.slots };
          break;
        }
      }
      if (found) {
        out.push(found);
        break;
      }
      if (tries >= MAX_TRIES_PER_START) break;
    }
  }
  return out;
}

/** One requirement's candidates: `count` distinct people of `ids`, in preference order. */
interface NeedChoice {
  role: string;
  count: number;
  /** A presence requirement: its people may also fill another requirement of the session. */
  present: boolean;
  ids: string[];
}

/**
 * Per requirement (in the type's order, `count` picks each): the people who could fill it
 * at `start`, current people first, each free in the calendars, in the lanes and under
 * their day limits (a present requirement holds no lane and counts toward no limit). null
 * when a requirement cannot be filled.
 */
function staffChoices(
  check: MoveCheck,
  needs: Model['sessionTypes'][number]['needs'],
  start: number,
  current: readonly StaffPick[],
  people: readonly { id: string; roles: string[] }[],
  free: (id: string, s: number, e: number) => boolean,
): NeedChoice[] | null {
  const out: NeedChoice[] = [];
  for (const need of needs) {
    const s = start + need.offset * MINUTE_MS;
    const e = s + need.duration * MINUTE_MS;
    const mode = need.present ? 'present' : 'occupied';
    const mine = current
      .filter((c) => c.role === need.role && (c.mode === undefined || c.mode === mode))
      .map((c) => c.staffId);
    const ordered = [
      ...mine.flatMap((id) => people.filter((p) => p.id === id)),
      ...people.filter((p) => !mine.includes(p.id)),
    ];
    const ids = ordered
      .filter((p) => p.roles.includes(need.role) && free(p.id, s, e))
      .filter(
        (p) =>
          need.present ||
          (check.laneFree(p.id, s, e, need.maxConcurrent) &&
            check.staffDayOk(p.id, start, { start: s, end: e })),
      )
      .map((p) => p.id);
    if (ids.length < need.count) return null;
    out.push({ role: need.role, count: need.count, present: need.present, ids });
  }
  return out;
}

/**
 * Picks per requirement, in preference order, lazily: distinct people within a requirement,
 * and no one on two occupied requirements (presence may double up, as the planning format
 * allows). Each pick names its requirement's mode.
 */
function* combinations(needs: NeedChoice[]): Generator<StaffPick[]> {
  const picked: StaffPick[] = [];
  const occupied = new Set<string>();
  function* pick(ni: number, from: number, left: number): Generator<StaffPick[]> {
    if (ni === needs.length) {
      yield [...picked];
      return;
    }
    if (left === 0) {
      yield* pick(ni + 1, 0, ni + 1 < needs.length ? needs[ni + 1].count : 0);
      return;
    }
    const { ids, role, present } = needs[ni];
    for (let i = from; i < ids.length; i++) {
      if (!present && occupied.has(ids[i])) continue;
      if (!present) occupied.add(ids[i]);
      picked.push({ staffId: ids[i], role, mode: present ? 'present' : 'occupied' });
      yield* pick(ni, i + 1, left - 1);
      picked.pop();
      if (!present) occupied.delete(ids[i]);
    }
  }
  yield* pick(0, 0, needs.length > 0 ? needs[0].count : 0);
}
