import type { Problem, Proof, Score, Solution } from './format';
import { compileModel } from './model/compile';
import { Planner } from './solver/planner';
import { appointmentsOf } from './solver/solution-output';
import { explainUnscheduled } from './solver/reasons';
import { provenOptimal } from './solver/bounds';

export interface SolveProgress {
  elapsedMs: number;
  patientsPlaced: number;
  patientsTotal: number;
  bestScore: Score | null;
}

export interface SolveOptions {
  timeLimitMs?: number;
  seed?: number;
  onProgress?: (p: SolveProgress) => void;
  clock?: () => number;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

/**
 * Time kept back from the search so that the whole solve (reasons, output)
 * returns within the limit: 5 % of it, at least 10 ms, at most 1 s. A search
 * step already started finishes, so the limit is a target, not a guarantee.
 */
export function outputReserveMs(timeLimitMs: number): number {
  return Math.min(1000, Math.max(10, timeLimitMs * 0.05));
}

/**
 * Plans every patient of `problem`. `problem` has already passed the input
 * checker (valid, references resolved). Options override problem.options.
 *
 * Compiles the problem to integers (model/), narrows each patient's domains
 * by propagation (an empty one proves the patient unschedulable), places
 * patients least-slack first with a per-patient branch-and-bound search
 * (solver/patient-search); if some are left out, re-builds in the squeaky
 * wheel's learned orders with first-fit packing (solver/squeaky-wheel); then
 * improves by ruin-and-recreate and re-planning (solver/planner). Re-building
 * and local search are bounded in rounds, so small problems give the same
 * solution for the same seed on any machine; the time limit only cuts large
 * ones short (the search stops `outputReserveMs` before it). `proof` is "optimal" only when every patient is
 * scheduled with no moves, no breaks and its earliest possible finish, and
 * "infeasible" only when some patient cannot be scheduled even alone.
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  const clock = options.clock ?? (() => Date.now());
  const t0 = clock();
  const timeLimitMs = options.timeLimitMs ?? problem.options?.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const seed = options.seed ?? problem.options?.seed ?? 1;
  const model = compileModel(problem);
  const total = model.patients.length;
  const progress = (placed: number, score: Score | null) =>
    options.onProgress?.({
      elapsedMs: clock() - t0,
      patientsPlaced: placed,
      patientsTotal: total,
      bestScore: score,
    });
  const planner = new Planner(model, {
    seed,
    deadline: t0 + timeLimitMs - outputReserveMs(timeLimitMs),
    clock,
    onPlaced: (placed) => progress(placed, null),
    onImproved: () => {
      const score = planner.score();
      progress(score.scheduledPatients, score);
    },
  });
  planner.construct();
  progress(planner.score().scheduledPatients, planner.score());
  planner.improve();
  const score = planner.score();
  progress(score.scheduledPatients, score);

  const unscheduled = model.patients
    .filter((p) => !planner.plans[p.index])
    .map((p) => ({ patient: p.id, reasons: explainUnscheduled(planner, p.index) }));
  let proof: Proof;
  if (planner.provenInfeasible.size > 0) proof = 'infeasible';
  else if (score.scheduledPatients === total && provenOptimal(planner)) proof = 'optimal';
  else proof = score.scheduledPatients === total ? 'feasible' : 'unknown';
  return {
    formatVersion: problem.formatVersion,
    status:
      score.scheduledPatients === total
        ? 'complete'
        : score.scheduledPatients === 0
          ? 'none'
          : 'partial',
    appointments: appointmentsOf(model, planner.plans),
    unscheduled,
    score,
    stats: { elapsedMs: clock() - t0, proof },
  };
}
