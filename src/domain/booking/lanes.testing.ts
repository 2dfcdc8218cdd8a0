/** Helpers for the lane specs (lanes.spec.ts, lane-ledger.spec.ts, test/planner). */
import type { LaneHold, LanePlan } from './lanes';

/**
 * A nurse's holds where no single lane fits the next booking, as [id, start h, end h, lane,
 * cap]: share-4 sessions A, B, C and E are all on at 4–7, so one of them holds lane 3 there;
 * A and B also meet share-3 sessions (Z1, Z2), whose blocks keep them below lane 3. A new
 * share-3 session at 8–8.5 next to C and E (3 at once, the rule allows it) needs both below
 * lane 3 there: E keeps lane 3 at 4–8 and moves down after, so its hold is split.
 */
export const SPLIT_CASE: ReadonlyArray<[string, number, number, number, number]> = [
  ['Z1', 0, 0.5, 0, 3],
  ['A', 0, 7, 1, 4],
  ['Z2', 1, 1.5, 0, 3],
  ['B', 1, 7, 2, 4],
  ['C', 2, 9, 0, 4],
  ['E', 4, 13, 3, 4],
];

/** The holds after a plan: moved ones laid out again, the new booking's rows added. */
export function applyLanePlan(
  holds: readonly LaneHold[],
  plan: Extract<LanePlan, { ok: true }>,
  added: { id: string; appointmentId: string; cap: number },
): LaneHold[] {
  const out: LaneHold[] = [];
  for (const h of holds) {
    const move = plan.moves.find((m) => m.id === h.id);
    if (!move) out.push(h);
    else move.segments.forEach((seg, k) => out.push({ ...h, id: `${h.id}/${k}`, ...seg }));
  }
  plan.segments.forEach((seg, k) =>
    out.push({
      id: `${added.id}/${k}`,
      appointmentId: added.appointmentId,
      cap: added.cap,
      ...seg,
    }),
  );
  return out;
}
