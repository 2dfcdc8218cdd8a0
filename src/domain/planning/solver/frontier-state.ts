/**
 * The items the frontier search (frontier-search.ts) keys its exhausted
 * states by (state-hash.ts): what the rest of the search depends on.
 */
import type { SessionTypeModel } from '../model/types';
import type { Exclusive } from './exclusive-time';
import type { PatientRun } from './frontier-run';
import type { PlacedSession } from './patient-plan';

/**
 * What a placement adds to the state as far as the rest of the search can
 * tell: the patient's session at its start (with the people required
 * continuity binds to the patient, if any), and apart from it each room's
 * and person's use (as the resource state keeps it). Which patient used which room or (unbound) person makes
 * no difference to what can follow — no rule of a patient looks at its
 * rooms or people but required continuity — so placements that swap
 * patients between rooms or people at the same times reach one state, and
 * the swap of a dead end is not searched again.
 */
export function stateItems(
  run: PatientRun,
  st: SessionTypeModel,
  placed: PlacedSession,
): number[][] {
  const { series, start } = placed;
  const session = [1, run.index, series, placed.index, placed.slot];
  const items: number[][] = [session];
  if (st.room && placed.room >= 0)
    items.push([2, placed.room, start, start + st.duration + st.room.turnover]);
  st.needs.forEach((need, ni) => {
    const s = start + need.offset;
    // With its requirement's maxConcurrent: a shared person's use limits the others by it.
    for (const q of placed.staff[ni]) items.push([3, q, s, s + need.duration, need.maxConcurrent]);
    const bound = run.ctx.proto.continuity.some(
      (g) => g.require && g.role === need.role && g.series.includes(series),
    );
    if (bound) session.push(-1, ...placed.staff[ni]);
  });
  return items;
}

/** A piece of exclusive time left unused on purpose, as a state item. */
export function unusedItem(ex: Exclusive, s: number, e: number): number[] {
  return [0, ex.kind === 'room' ? 0 : 1, ex.index, s, e];
}
