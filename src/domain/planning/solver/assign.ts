/**
 * Resource assignment for one session at a given start: a room with the
 * features and room to spare, and `count` distinct free people per staff
 * requirement (a person fills at most one requirement of the session).
 * First fit in a fixed order packs shared rooms and shared (maxConcurrent)
 * staff; continuity wishes put people first or force one. Presence
 * requirements (format 1.1) occupy nobody and are filled last from the
 * people on duty (see presence.ts).
 */
import type { Model, SessionTypeModel } from '../model/types';
import type { ResourceState } from './resource-state';
import { coveringEnd } from '../model/intervals';
import { fillPresence, presenceOk } from './presence';

export interface Assignment {
  room: number;
  /** Staff indices per requirement, in requirement order. */
  staff: number[][];
  /** Joining this existing group occurrence (its room and staff; no capacity used). */
  occurrence?: string;
}

export interface StaffWishes {
  /** Per requirement index: the only person allowed (continuity "require"), or -1. */
  forced: number[];
  /** Per requirement index: people to try first, in order. */
  preferred: number[][];
  /** Per requirement index: try the least-booked people first (a continuity group's first session). */
  spread: boolean[];
  /**
   * Packing (first fit): people and rooms in their fixed order, first free
   * taken. Otherwise exclusive requirements without a wish try first those
   * whose free time around the assignment ends soonest (keeps long-free
   * people for later), rooms likewise; shared ones fill people in a fixed order.
   */
  packing?: boolean;
  /** People to try last for every requirement (yields another assignment at the same start). */
  avoid?: readonly number[];
}

/** Wishes that constrain nothing (first fit when `packing`). */
export function noWishes(st: SessionTypeModel, packing = false): StaffWishes {
  return {
    forced: st.needs.map(() => -1),
    preferred: st.needs.map(() => []),
    spread: st.needs.map(() => false),
    packing,
  };
}

interface Prepared {
  needOrder: number[];
  rooms: number[];
  /** No wishes, first fit: enough to tell whether any assignment exists. */
  firstFit: StaffWishes;
  /** No person is a candidate for two requirements: each can be checked alone. */
  independentNeeds: boolean;
}

const prepared = new WeakMap<SessionTypeModel, Prepared>();

function prepare(model: Model, st: SessionTypeModel): Prepared {
  let p = prepared.get(st);
  if (!p) {
    // Occupied requirements only: presence is filled apart (fillPresence).
    const needOrder = st.needs
      .map((_, i) => i)
      .filter((i) => !st.needs[i].present)
      .sort((a, b) => st.needs[a].candidates.length - st.needs[b].candidates.length || a - b);
    // Rooms with fewer extra features first: keep special rooms for sessions needing them.
    const rooms = [...(st.room?.candidates ?? [])].sort(
      (a, b) => model.rooms[a].features.size - model.rooms[b].features.size || a - b,
    );
    const firstFit = noWishes(st, true);
    const seen = new Set<number>();
    let independentNeeds = true;
    for (const need of st.needs)
      for (const person of need.present ? [] : need.candidates) {
        if (seen.has(person)) independentNeeds = false;
        seen.add(person);
      }
    prepared.set(st, (p = { needOrder, rooms, firstFit, independentNeeds }));
  }
  return p;
}

/**
 * A free room with the features: fewest extra features first, then best fit
 * (the room whose free time around the session ends soonest), so rooms open
 * longer stay for later sessions.
 */
export function pickRoom(
  model: Model,
  state: ResourceState,
  st: SessionTypeModel,
  start: number,
  firstFit = false,
): number {
  if (!st.room) return -1;
  const end = start + st.duration + st.room.turnover;
  let best = -2;
  let bestFeatures = Infinity;
  let bestEnd = Infinity;
  for (const r of prepare(model, st).rooms) {
    const features = model.rooms[r].features.size;
    if (features > bestFeatures) break;
    if (!state.roomFree(r, start, end)) continue;
    if (firstFit) return r;
    const freeEnd = coveringEnd(model.rooms[r].free, start);
    if (features < bestFeatures || freeEnd < bestEnd) {
      best = r;
      bestFeatures = features;
      bestEnd = freeEnd;
    }
  }
  return best;
}

/**
 * Whether the session can get a room and its staff at `start` at all (asked
 * for every start of every session when narrowing domains, so it allocates
 * nothing in the common case). The choice of room does not constrain the
 * staff; when no person serves two requirements each is counted alone, else
 * first fit, which backtracks over people, finds an assignment if one exists.
 */
export function canAssign(
  model: Model,
  state: ResourceState,
  st: SessionTypeModel,
  start: number,
  day: number,
): boolean {
  const prep = prepare(model, st);
  if (!prep.independentNeeds)
    return assignSession(model, state, st, start, day, prep.firstFit) !== null;
  if (st.room && pickRoom(model, state, st, start, true) < 0) return false;
  for (const need of st.needs) {
    if (need.present) continue;
    const s = start + need.offset;
    const e = s + need.duration;
    let free = 0;
    for (const p of need.candidates)
      if (state.staffFree(p, s, e, need.maxConcurrent, day) && ++free === need.count) break;
    if (free < need.count) return false;
  }
  return presenceOk(model, st, start);
}

export function assignSession(
  model: Model,
  state: ResourceState,
  st: SessionTypeModel,
  start: number,
  day: number,
  wishes: StaffWishes | null,
): Assignment | null {
  const prep = prepare(model, st);
  let room = -1;
  if (st.room) {
    room = pickRoom(model, state, st, start, wishes?.packing === true);
    if (room < 0) return null;
  }
  const order = prep.needOrder;
  const staff: number[][] = st.needs.map(() => []);
  const used: number[] = [];
  const choose = (k: number): boolean => {
    if (k === order.length) return true;
    const ni = order[k];
    const need = st.needs[ni];
    const s = start + need.offset;
    const e = s + need.duration;
    const forced = wishes ? wishes.forced[ni] : -1;
    let cands: number[];
    /** Every candidate is known to be free (best fit keeps only free people). */
    let allFree = false;
    if (forced >= 0) cands = [forced];
    else {
      const pref = wishes ? wishes.preferred[ni] : [];
      if (!wishes?.packing && pref.length === 0 && !wishes?.spread[ni] && need.maxConcurrent <= 1) {
        cands = bestFitOrder(model, state, need.candidates, s, e, day);
        allFree = true;
      } else if (pref.length === 0 && !(wishes && wishes.spread[ni])) cands = need.candidates;
      else {
        const rest = need.candidates.filter((p) => !pref.includes(p));
        if (wishes && wishes.spread[ni])
          rest.sort((a, b) => state.load[a] - state.load[b] || a - b);
        cands = [...pref.filter((p) => need.candidates.includes(p)), ...rest];
      }
      const avoid = wishes?.avoid;
      if (avoid && avoid.length > 0)
        cands = [
          ...cands.filter((p) => !avoid.includes(p)),
          ...cands.filter((p) => avoid.includes(p)),
        ];
    }
    const pick = (from: number, left: number): boolean => {
      if (left === 0) return choose(k + 1);
      for (let i = from; i < cands.length; i++) {
        const p = cands[i];
        if (used.includes(p)) continue;
        if (!allFree && !state.staffFree(p, s, e, need.maxConcurrent, day)) continue;
        used.push(p);
        staff[ni].push(p);
        if (pick(i + 1, left - 1)) return true;
        staff[ni].pop();
        used.pop();
      }
      return false;
    };
    return pick(0, need.count);
  };
  return choose(0) && fillPresence(model, st, start, staff) ? { room, staff } : null;
}

/**
 * The free people among `candidates` for [s, e), those whose free time around
 * s ends soonest first (ties by index). Freeness does not depend on the
 * other requirements' picks, so filtering first only saves work.
 */
function bestFitOrder(
  model: Model,
  state: ResourceState,
  candidates: readonly number[],
  s: number,
  e: number,
  day: number,
): number[] {
  const free: number[] = [];
  const ends: number[] = [];
  for (const p of candidates) {
    if (!state.staffFree(p, s, e, 1, day)) continue;
    free.push(p);
    ends[p] = coveringEnd(model.staff[p].free, s);
  }
  return free.sort((a, b) => ends[a] - ends[b] || a - b);
}
