/**
 * Resource assignment for one session at a given start: a room with the
 * features and room to spare, and `count` distinct free people per staff
 * requirement (a person fills at most one requirement of the session).
 */
import type { Model, SessionTypeModel } from '../model/types';
import type { ResourceState } from './resource-state';

export interface Assignment {
  room: number;
  /** Staff indices per requirement, in requirement order. */
  staff: number[][];
}

export interface StaffWishes {
  /** Per requirement index: the only person allowed (continuity "require"), or -1. */
  forced: number[];
  /** Per requirement index: people to try first, in order. */
  preferred: number[][];
}

const needOrder = new WeakMap<SessionTypeModel, number[]>();

function orderOfNeeds(st: SessionTypeModel): number[] {
  let order = needOrder.get(st);
  if (!order) {
    order = st.needs
      .map((_, i) => i)
      .sort((a, b) => st.needs[a].candidates.length - st.needs[b].candidates.length || a - b);
    needOrder.set(st, order);
  }
  return order;
}

export function pickRoom(
  model: Model,
  state: ResourceState,
  st: SessionTypeModel,
  start: number,
): number {
  if (!st.room) return -1;
  const end = start + st.duration + st.room.turnover;
  let best = -2;
  let bestKey = Infinity;
  for (const r of st.room.candidates) {
    if (!state.roomFree(r, start, end)) continue;
    const room = model.rooms[r];
    // Pack shared rooms; keep rooms with extra features for sessions needing them.
    const key = room.features.size * 100 - (room.capacity > 1 ? state.roomLoad(r, start, end) : 0);
    if (key < bestKey) {
      bestKey = key;
      best = r;
    }
  }
  return best;
}

export function assignSession(
  model: Model,
  state: ResourceState,
  st: SessionTypeModel,
  start: number,
  day: number,
  wishes: StaffWishes | null,
  fixedRoom = -3,
): Assignment | null {
  let room = -1;
  if (st.room) {
    if (fixedRoom >= 0) {
      if (!state.roomFree(fixedRoom, start, start + st.duration + st.room.turnover)) return null;
      room = fixedRoom;
    } else {
      room = pickRoom(model, state, st, start);
      if (room < 0) return null;
    }
  }
  const order = orderOfNeeds(st);
  const staff: number[][] = st.needs.map(() => []);
  const used = new Set<number>();
  const choose = (k: number): boolean => {
    if (k === order.length) return true;
    const ni = order[k];
    const need = st.needs[ni];
    const s = start + need.offset;
    const e = s + need.duration;
    const forced = wishes?.forced[ni] ?? -1;
    let cands: number[];
    if (forced >= 0) cands = [forced];
    else {
      const pref = wishes?.preferred[ni] ?? [];
      const rest = need.candidates.filter((p) => !pref.includes(p));
      if (need.maxConcurrent > 1) {
        // Fill a shared person's spare capacity before taking a new one.
        rest.sort(
          (a, b) =>
            state.staffSharing(b, s, e) - state.staffSharing(a, s, e) ||
            state.load[a] - state.load[b] ||
            a - b,
        );
      } else rest.sort((a, b) => state.load[a] - state.load[b] || a - b);
      cands = [...pref.filter((p) => need.candidates.includes(p)), ...rest];
    }
    const free = cands.filter(
      (p) => !used.has(p) && state.staffFree(p, s, e, need.maxConcurrent, day),
    );
    if (free.length < need.count) return false;
    // Choose `count` of them; backtrack over combinations only if a later need fails.
    const pick = (from: number, left: number): boolean => {
      if (left === 0) return choose(k + 1);
      for (let i = from; i <= free.length - left; i++) {
        used.add(free[i]);
        staff[ni].push(free[i]);
        if (pick(i + 1, left - 1)) return true;
        staff[ni].pop();
        used.delete(free[i]);
      }
      return false;
    };
    return pick(0, need.count);
  };
  return choose(0) ? { room, staff } : null;
}
