/**
 * The first-fit floor (issue 7): whole constructions in a few patient
 * orders, each patient placed by a first-fit dive (exact-search with
 * `firstFit`: sessions in time order, each at its earliest start that keeps
 * the patient's other sessions possible, first assignment found, no
 * backtracking). Cheap — one dive per patient — so it runs before the
 * planner's slower searches and the solve never ends with fewer patients
 * than the best of these passes, whatever the time limit cuts later.
 */
import { compareScores, type Score } from '../format';
import type { Model } from '../model/types';
import type { PatientPlan } from './patient-plan';

/** What the floor needs of the planner. */
export interface FloorHost {
  readonly model: Model;
  readonly plans: ReadonlyArray<PatientPlan | null>;
  readonly provenInfeasible: ReadonlySet<number>;
  score(): Score;
  timeLeft(): boolean;
  release(p: number): PatientPlan | null;
  commit(plan: PatientPlan): void;
  /** Patient p's first-fit plan against the current state (not committed), or null. */
  firstFit(p: number): PatientPlan | null;
}

export interface FloorResult {
  /** The best pass's plans (one per patient, null when left out). */
  plans: Array<PatientPlan | null>;
  score: Score;
  /** The order of the best pass. */
  order: number[];
}

/**
 * The patient orders of the floor: the problem's own order, by earliest
 * start, and `constrained` (the planner's most-constrained-first order);
 * duplicates dropped.
 */
export function floorOrders(model: Model, constrained: number[]): number[][] {
  const byInput = model.patients.map((p) => p.index);
  const byStart = [...byInput].sort(
    (a, b) => model.patients[a].firstDay - model.patients[b].firstDay || a - b,
  );
  const orders: number[][] = [];
  for (const order of [byInput, byStart, constrained])
    if (!orders.some((o) => o.every((p, i) => p === order[i]))) orders.push(order);
  return orders;
}

/**
 * Runs one first-fit pass per order from an empty plan (pinned bookings
 * stay) and returns the best of them and of `booked` (plans made by the
 * first-fit booker in the problem's order, when it could plan the problem); the state is left empty (every plan released).
 * A pass cut by the time limit still counts (its plans are valid, fewer); null only without orders.
 */
export function firstFitFloor(
  host: FloorHost,
  orders: number[][],
  booked?: ReadonlyArray<PatientPlan | null>,
): FloorResult | null {
  let best: FloorResult | null = null;
  if (booked) {
    // The first-fit booker's plans (first-fit/first-fit-booker.ts), in the problem's order.
    clear(host);
    booked.forEach((plan) => plan && host.commit(plan));
    best = { plans: [...host.plans], score: host.score(), order: orders[0] };
  }
  for (const order of orders) {
    clear(host);
    let finished = true;
    for (const p of order) {
      if (!host.timeLeft()) {
        finished = false;
        break;
      }
      if (host.provenInfeasible.has(p)) continue;
      const plan = host.firstFit(p);
      if (plan) host.commit(plan);
    }
    // A cut pass still counts: its plans are valid, merely fewer.
    const score = host.score();
    if (!best || compareScores(score, best.score) < 0)
      best = { plans: [...host.plans], score, order };
    if (!finished) break;
  }
  clear(host);
  return best;
}

function clear(host: FloorHost): void {
  host.plans.forEach((_, p) => host.release(p));
}
