/**
 * The items the frontier search (frontier-search.ts) keys its exhausted
 * states by (state-hash.ts): what the rest of the search depends on.
 */
import type { SessionTypeModel } from '../model/types';
import type { Exclusive } from './exclusive-time';
import type { PatientRun } from './frontier-run';
import type { PlacedSession } from './patient-plan';

/** One room's or person's use by a placed session, as the resource state keeps it. */
export interface SessionUse {
  kind: 'room' | 'person';
  index: number;
  s: number;
  e: number;
  /** The requirement's maxConcurrent (rooms: 1): a shared person's use limits the others by it. */
  mc: number;
}

/** The rooms' and people's uses of a placed session (turnover included for the room). */
export function sessionUses(st: SessionTypeModel, placed: PlacedSession): SessionUse[] {
  const { start } = placed;
  const uses: SessionUse[] = [];
  if (st.room && placed.room >= 0) {
    const e = start + st.duration + st.room.turnover;
    uses.push({ kind: 'room', index: placed.room, s: start, e, mc: 1 });
  }
  st.needs.forEach((need, ni) => {
    const s = start + need.offset;
    for (const q of placed.staff[ni])
      uses.push({ kind: 'person', index: q, s, e: s + need.duration, mc: need.maxConcurrent });
  });
  return uses;
}

/**
 * What a placement adds to the state as far as the rest of the search can
 * tell: the patient's session at its start (with the people required
 * continuity binds to the patient, if any), and apart from it each of its
 * `uses`. Which patient used which room or (unbound) person makes no
 * difference to what can follow — no rule of a patient looks at its rooms
 * or people but required continuity — so placements that swap patients
 * between rooms or people at the same times reach one state, and the swap
 * of a dead end is not searched again.
 */
export function stateItems(
  run: PatientRun,
  st: SessionTypeModel,
  placed: PlacedSession,
  uses: readonly SessionUse[],
): number[][] {
  const { series } = placed;
  const session = [1, run.index, series, placed.index, placed.slot];
  st.needs.forEach((need, ni) => {
    const bound = run.ctx.proto.continuity.some(
      (g) => g.require && g.role === need.role && g.series.includes(series),
    );
    if (bound) session.push(-1, ...placed.staff[ni]);
  });
  return [session, ...uses.map((u) => [u.kind === 'room' ? 2 : 3, u.index, u.s, u.e, u.mc])];
}

/** A piece of exclusive time left unused on purpose, as a state item. */
export function unusedItem(ex: Exclusive, s: number, e: number): number[] {
  return [0, ex.kind === 'room' ? 0 : 1, ex.index, s, e];
}
