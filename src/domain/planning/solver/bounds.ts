/**
 * Optimality proof by bounds: with every patient scheduled, no moves and no
 * continuity breaks, the plan is optimal when each patient's last session
 * falls on the earliest day its propagated domains allow (or the earliest
 * projected finish of its search root; both ignore other patients).
 */
import type { Planner } from './planner';

/** Earliest possible local day (index) of patient p's last session, from its domains. */
export function lastDayLowerBound(planner: Planner, p: number): number {
  const { domains } = planner.domains[p];
  let lb = -Infinity;
  for (const list of domains) {
    if (list.length === 0) continue;
    const last = list[list.length - 1];
    if (last.length > 0) lb = Math.max(lb, planner.model.slotDay[last[0]]);
  }
  return lb;
}

export function provenOptimal(planner: Planner): boolean {
  const score = planner.score();
  if (score.scheduledPatients !== planner.model.patients.length) return false;
  if (score.movedAppointments !== 0 || score.continuityBreaks !== 0) return false;
  return planner.plans.every(
    (plan, p) =>
      plan !== null &&
      plan.lastDay <= Math.max(lastDayLowerBound(planner, p), planner.rootBound[p]),
  );
}
