/**
 * Every assignment of a session at one start that can make a difference to
 * the same patient's other sessions, for the complete search. A patient's
 * sessions never overlap and each staff interval lies inside its session, so
 * which free person fills a requirement matters to the patient's other
 * sessions only through the person's daily limits or a "require" continuity
 * group; which room, only when the room's turnover reaches past the
 * patient's minimum break. Assignments that differ only in interchangeable
 * people or rooms are listed once. Presence requirements (format 1.1) never
 * make a difference (they occupy nobody, count toward no limit nor
 * continuity): they are filled once per assignment from the people on duty.
 */
import type { ExistingModel, Model, ProtocolModel, SessionTypeModel } from '../model/types';
import { assignSession, type Assignment, type StaffWishes } from './assign';
import { fillPresence, presenceValid } from './presence';
import type { ResourceState } from './resource-state';

/** Enumerated combinations per start at most; beyond it the list is marked incomplete. */
export const MAX_COMBINATIONS = 4096;

export interface SessionAt {
  proto: ProtocolModel;
  series: number;
  st: SessionTypeModel;
  start: number;
  day: number;
  /** Per requirement: the only person allowed (continuity "require"), or -1. */
  forced: number[];
  /** Wishes of the quality search: their assignment is listed first. */
  wishes: StaffWishes;
  /** A kept booking of this session: its assignment, when still free, comes first. */
  kept?: ExistingModel;
}

export function assignmentOptions(
  model: Model,
  state: ResourceState,
  at: SessionAt,
): { options: Assignment[]; complete: boolean } {
  const { proto, series, st, start, day, forced } = at;
  const options: Assignment[] = [];
  const seen = new Set<string>();
  const requireRoles = new Set(
    proto.continuity.filter((c) => c.require && c.series.includes(series)).map((c) => c.role),
  );
  const relevant = (p: number, role: string): boolean => {
    const s = model.staff[p];
    return (
      s.maxSessionsPerDay !== Infinity || s.maxMinutesPerDay !== Infinity || requireRoles.has(role)
    );
  };
  const roomRelevant = st.room !== null && st.room.turnover > proto.minBreak;
  const signature = (a: Assignment): string =>
    (roomRelevant ? `${a.room}` : '*') +
    a.staff
      .map((people, ni) =>
        people
          .map((p) => (!st.needs[ni].present && relevant(p, st.needs[ni].role) ? `${p}` : '*'))
          .sort()
          .join(','),
      )
      .join('|');
  const push = (a: Assignment | null): void => {
    if (!a) return;
    const sig = signature(a);
    if (seen.has(sig)) return;
    seen.add(sig);
    options.push(a);
  };

  if (at.kept) push(keptAssignment(model, state, at));
  push(
    assignSession(model, state, st, start, day, {
      ...at.wishes,
      forced: at.wishes.forced.map((f, ni) => (forced[ni] >= 0 ? forced[ni] : f)),
    }),
  );

  const rooms: number[] = [];
  if (st.room) {
    const end = start + st.duration + st.room.turnover;
    for (const r of st.room.candidates) {
      if (!state.roomFree(r, start, end)) continue;
      rooms.push(r);
      if (!roomRelevant) break;
    }
    if (rooms.length === 0) return { options, complete: true };
  } else rooms.push(-1);

  const free = st.needs.map((need, ni) => {
    if (need.present) return [];
    const s = start + need.offset;
    return need.candidates.filter(
      (p) =>
        (forced[ni] < 0 || p === forced[ni]) &&
        state.staffFree(p, s, s + need.duration, need.maxConcurrent, day),
    );
  });
  let combos = 0;
  const staff: number[][] = st.needs.map(() => []);
  const used = new Set<number>();
  /** People to pick for requirement ni here (presence is filled apart). */
  const countOf = (ni: number): number =>
    ni < st.needs.length && !st.needs[ni].present ? st.needs[ni].count : 0;
  const pick = (ni: number, from: number, left: number): boolean => {
    if (combos > MAX_COMBINATIONS) return false;
    if (ni === st.needs.length) {
      combos++;
      const chosen = staff.map((x) => [...x]);
      if (!fillPresence(model, st, start, chosen)) return true;
      for (const room of rooms) push({ room, staff: chosen.map((x) => [...x]) });
      return true;
    }
    if (left === 0) return pick(ni + 1, 0, countOf(ni + 1));
    const cands = free[ni];
    for (let i = from; i < cands.length; i++) {
      const p = cands[i];
      if (used.has(p)) continue;
      used.add(p);
      staff[ni].push(p);
      pick(ni, i + 1, left - 1);
      staff[ni].pop();
      used.delete(p);
      if (combos > MAX_COMBINATIONS) return false;
    }
    return true;
  };
  pick(0, 0, countOf(0));
  return { options, complete: combos <= MAX_COMBINATIONS };
}

/** The kept booking's room and staff at its start, when all are still free (and allowed). */
function keptAssignment(model: Model, state: ResourceState, at: SessionAt): Assignment | null {
  const { st, start, day, forced } = at;
  const e = at.kept!;
  if (e.start !== start) return null;
  if (st.room) {
    if (e.room < 0 || !st.room.candidates.includes(e.room)) return null;
    if (!state.roomFree(e.room, start, start + st.duration + st.room.turnover)) return null;
  }
  const used = new Set<number>();
  for (const [ni, need] of st.needs.entries()) {
    if (need.present) continue;
    const people = e.staff[ni] ?? [];
    if (people.length !== need.count) return null;
    for (const p of people) {
      if (used.has(p) || !need.candidates.includes(p)) return null;
      if (forced[ni] >= 0 && p !== forced[ni]) return null;
      const s = start + need.offset;
      if (!state.staffFree(p, s, s + need.duration, need.maxConcurrent, day)) return null;
      used.add(p);
    }
  }
  if (!presenceValid(model, st, start, e.staff)) return null;
  return { room: st.room ? e.room : -1, staff: e.staff.map((x) => [...x]) };
}
