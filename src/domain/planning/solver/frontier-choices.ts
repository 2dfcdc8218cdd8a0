/**
 * The room and staff choices of one session for the frontier search
 * (frontier-search.ts): every free room and every free combination of
 * people per requirement (required continuity kept), restricted to those
 * that use the resource being filled, none on exclusive time already taken
 * or left unused.
 */
import type { Model, SessionTypeModel } from '../model/types';
import type { Exclusive, ExclusiveTime } from './exclusive-time';
import type { PatientContext } from './patient-context';
import { requiredPerson } from './required-continuity';
import type { ResourceState } from './resource-state';

export interface Choice {
  room: number;
  staff: number[][];
}

/** The session's room and staff choices at `start` that use `ex` (in need `needIndex`, or as its room). */
export function choicesUsing(
  model: Model,
  state: ResourceState,
  time: ExclusiveTime,
  ctx: PatientContext,
  at: { st: SessionTypeModel; si: number; start: number; day: number },
  ex: Exclusive,
  needIndex: number,
): Choice[] {
  const { st, si, start, day } = at;
  let rooms: number[] = [-1];
  if (st.room) {
    const end = start + st.duration + st.room.turnover;
    rooms = (ex.kind === 'room' ? [ex.index] : st.room.candidates).filter(
      (r) => state.roomFree(r, start, end) && time.untouched(time.room(r), start, end),
    );
    if (rooms.length === 0) return [];
  }
  const perNeed: number[][][] = [];
  for (const [ni, need] of st.needs.entries()) {
    if (need.present) {
      perNeed.push([[]]);
      continue;
    }
    const s = start + need.offset;
    const e = s + need.duration;
    const forced = need.count === 1 ? requiredPerson(model, ctx, si, need.role) : -1;
    let people = need.candidates.filter(
      (q) =>
        (forced < 0 || q === forced) && personUsable(state, time, q, s, e, need.maxConcurrent, day),
    );
    if (ni === needIndex) {
      if (!people.includes(ex.index)) return [];
      people = [ex.index, ...people.filter((q) => q !== ex.index)];
      perNeed.push(combinations(people, need.count).filter((c) => c.includes(ex.index)));
    } else perNeed.push(combinations(people, need.count));
    if (perNeed[ni].length === 0) return [];
  }
  const out: Choice[] = [];
  const walk = (ni: number, chosen: number[][]) => {
    if (ni === perNeed.length) {
      const all = chosen.flat();
      if (new Set(all).size !== all.length) return; // one person, one requirement
      for (const room of rooms) out.push({ room, staff: chosen.map((c) => [...c]) });
      return;
    }
    for (const c of perNeed[ni]) walk(ni + 1, [...chosen, c]);
  };
  walk(0, []);
  return out;
}

/**
 * Whether person q can take [s, e) on the branch: free in the resource state (availability,
 * bookings, daily limits) and, when exclusive, not taken or left unused by the search.
 */
export function personUsable(
  state: ResourceState,
  time: ExclusiveTime,
  q: number,
  s: number,
  e: number,
  maxConcurrent: number,
  day: number,
): boolean {
  // Positional, not an options object: called for every candidate of every move.
  return state.staffFree(q, s, e, maxConcurrent, day) && time.untouched(time.person(q), s, e);
}

function combinations(items: number[], count: number): number[][] {
  if (count === 0) return [[]];
  if (count === 1) return items.map((x) => [x]);
  const out: number[][] = [];
  items.forEach((x, i) => {
    for (const rest of combinations(items.slice(i + 1), count - 1)) out.push([x, ...rest]);
  });
  return out;
}
