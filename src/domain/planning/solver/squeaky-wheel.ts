/**
 * Squeaky-wheel re-construction (Joslin & Clements, 1999): when inserting
 * patients one by one leaves some out, build the whole plan again with those
 * patients moved to the front, and again, keeping the best plan seen. Cheap
 * greedy passes in a learned order fill a clinic better than repairing one
 * plan: each pass costs one insertion per patient.
 */
import type { Score } from '../format';
import type { PatientPlan } from './patient-plan';

/** What the re-construction needs of the planner. */
export interface Rebuildable {
  readonly plans: ReadonlyArray<PatientPlan | null>;
  score(): Score;
  timeLeft(): boolean;
  /** Searches a plan for patient p against the current state and commits it. */
  insert(p: number): boolean;
  /**
   * After a pass that left a few patients out: tries to bring them in by
   * moving others (the pass's plan stays valid either way).
   */
  repair?(): void;
  /** Releases every plan (pinned bookings stay). */
  clear(): void;
  /** Commits the given plans (after clear). */
  restore(plans: ReadonlyArray<PatientPlan | null>): void;
}

export interface SqueakyWheelOptions {
  /** Passes at most (a bound in work, so results do not depend on machine speed). */
  rounds: number;
  /**
   * A pass that leaves at most this many patients out (and some) gets the
   * planner's repair before it is scored.
   */
  repairMaxOut: number;
  /** Whether another pass may start (a pass itself runs until the planner's time is up). */
  mayStartPass: () => boolean;
  compare: (a: Score, b: Score) => number;
  /** Called after each pass with the best number of patients placed so far. */
  onRound?: (bestPlaced: number) => void;
}

/**
 * Starting from the current plan, built in `order`: while patients are left
 * out (other than `skip`, proven unschedulable) and rounds and time remain,
 * rebuild with the left-out patients first (in their previous relative
 * order), then the rest in their previous order; a pass leaving at most
 * `repairMaxOut` out gets the planner's repair before it is scored (the next
 * order still comes from the pass). Leaves the best plan seen (by `compare`)
 * committed; the current plan when no pass beats it.
 */
export function squeakyWheel(
  planner: Rebuildable,
  order: readonly number[],
  skip: ReadonlySet<number>,
  opts: SqueakyWheelOptions,
): void {
  let best = [...planner.plans];
  let bestScore = planner.score();
  let current = [...order];
  let left = current.filter((p) => !planner.plans[p] && !skip.has(p));
  let changed = false;
  for (let round = 0; round < opts.rounds && left.length > 0 && opts.mayStartPass(); round++) {
    const first = new Set(left);
    current = [...left, ...current.filter((p) => !first.has(p))];
    planner.clear();
    changed = true;
    for (const p of current) {
      if (!planner.timeLeft()) break;
      if (!skip.has(p)) planner.insert(p);
    }
    left = current.filter((p) => !planner.plans[p] && !skip.has(p));
    // The repaired plan is scored, but the next order comes from the pass
    // alone: the repair tends to leave one patient out the same way after
    // every pass, and putting that one first would repeat the same pass.
    if (planner.repair && left.length > 0 && left.length <= opts.repairMaxOut) {
      planner.repair();
      if (current.every((p) => planner.plans[p] || skip.has(p))) left = [];
    }
    const score = planner.score();
    if (opts.compare(score, bestScore) < 0) {
      best = [...planner.plans];
      bestScore = score;
      changed = false;
    }
    opts.onRound?.(bestScore.scheduledPatients);
  }
  if (changed) {
    planner.clear();
    planner.restore(best);
  }
}
