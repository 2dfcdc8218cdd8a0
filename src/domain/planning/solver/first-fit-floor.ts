/**
 * The first-fit floor (issue 7: never below a first-fit pass): whole
 * first-fit constructions in the problem's order and by earliest start with
 * the planner's packing insertion (each backed by the complete search),
 * against the plan already committed (the planner's first construction);
 * and, once the construction is over with someone out, the first-fit
 * booker's plans (first-fit/first-fit-booker.ts: the problem's patient
 * order; no time limit cuts them). The best stays committed.
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
  /** Inserts patient p first fit (packed) against the current state; whether it fitted. */
  insertPacked(p: number): boolean;
}

/** The patient orders of the floor's passes: the problem's own order, then by earliest start. */
export function floorOrders(model: Model): number[][] {
  const byInput = model.patients.map((p) => p.index);
  const byStart = [...byInput].sort(
    (a, b) => model.patients[a].firstDay - model.patients[b].firstDay || a - b,
  );
  return byStart.every((p, i) => p === byInput[i]) ? [byInput] : [byInput, byStart];
}

/**
 * Keeps the best of the committed plan and one packed first-fit pass per
 * order (only while some patient is out: a pass cannot beat everyone in).
 * Returns the order of the winning pass, or null when the committed plan
 * stayed best.
 */
export function firstFitFloor(host: FloorHost, orders: number[][]): number[] | null {
  if (everyoneIn(host)) return null;
  let best = { plans: [...host.plans], score: host.score(), order: null as number[] | null };
  const consider = (order: number[]): void => {
    const score = host.score();
    if (compareScores(score, best.score) < 0) best = { plans: [...host.plans], score, order };
  };
  for (const order of orders) {
    if (!host.timeLeft()) break;
    clear(host);
    for (const p of order) {
      if (!host.timeLeft()) break;
      if (!host.provenInfeasible.has(p)) host.insertPacked(p);
    }
    consider(order);
  }
  clear(host);
  best.plans.forEach((plan) => plan && host.commit(plan));
  return best.order;
}

/**
 * Commits the first-fit booker's plans (one or null per patient; `booked`
 * makes them, undefined where the booker does not apply) instead of the
 * current plan when they schedule more patients; whether it did. The
 * planner calls it once its construction is over (or cut by the time
 * limit), so the search never starts below the booker. The booker runs only
 * when some patient is out.
 */
export function adoptIfBetter(
  host: FloorHost,
  booked: (() => ReadonlyArray<PatientPlan | null> | undefined) | undefined,
): boolean {
  if (!booked || everyoneIn(host)) return false;
  const plans = booked();
  if (!plans) return false;
  if (plans.filter(Boolean).length <= host.score().scheduledPatients) return false;
  clear(host);
  plans.forEach((plan) => plan && host.commit(plan));
  return true;
}

/** Whether every patient has a plan or is proven unschedulable (no search can add one). */
export function everyoneIn(host: Pick<FloorHost, 'plans' | 'provenInfeasible'>): boolean {
  return host.plans.every((plan, p) => plan || host.provenInfeasible.has(p));
}

function clear(host: FloorHost): void {
  host.plans.forEach((_, p) => host.release(p));
}
