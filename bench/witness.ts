/**
 * Feasibility witness for the benchmark scenarios, independent of the planner:
 * the naive booker re-run on equivalent problems with shuffled patient and
 * staff order and with patient start shifts, keeping the best result. A
 * complete witness proves a scenario can be scheduled in full; it is a
 * randomised restart search, not the peer.
 */
import type { Problem, Solution } from '../src/domain/planning/format';
import { compareScores } from '../src/domain/planning/format';
import { firstFitBook } from '../src/domain/planning/first-fit/first-fit-booker';
import { Prng } from './scenarios/prng';

export interface WitnessOptions {
  restarts: number;
  seed?: number;
  startShifts?: number;
  /** Stop early after this many milliseconds. */
  budgetMs?: number;
}

function shuffled<T>(items: readonly T[], rng: Prng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function findWitness(
  problem: Problem,
  options: WitnessOptions,
): { best: Solution; tries: number } {
  const rng = new Prng(options.seed ?? 1);
  const t0 = Date.now();
  let best = firstFitBook(problem, { startShifts: options.startShifts ?? 0 });
  let tries = 1;
  // Patients the current best leaves out go first next time.
  let order = problem.patients;
  while (tries < options.restarts && best.unscheduled.length > 0) {
    if (options.budgetMs !== undefined && Date.now() - t0 > options.budgetMs) break;
    const missing = new Set(best.unscheduled.map((u) => u.patient));
    const failedFirst = [
      ...shuffled(
        order.filter((p) => missing.has(p.id)),
        rng,
      ),
      ...order.filter((p) => !missing.has(p.id)),
    ];
    order = rng.chance(0.5) ? failedFirst : shuffled(problem.patients, rng);
    const variant: Problem = { ...problem, patients: order, staff: shuffled(problem.staff, rng) };
    const s = firstFitBook(variant, { startShifts: options.startShifts ?? 0 });
    tries++;
    if (compareScores(s.score, best.score) < 0) best = s;
  }
  return { best, tries };
}
