import type { Problem, Proof, Score, Solution } from './format';
import { compileModel } from './model/compile';
import { Planner } from './solver/planner';
import { appointmentsOf } from './solver/solution-output';
import { courseModel } from './solver/course';
import { missedRecords, withDoneSessions } from './solver/course-output';
import { explainAll } from './solver/reasons';
import type { ProblemEdit, ReasonBudgets } from './solver/reasons-context';
import { provenOptimal } from './solver/bounds';
import { featureUses } from './format-features';
import { firstFitBook } from './first-fit/first-fit-booker';
import { validateSolution } from './solution-check';
import type { Model } from './model/types';
import type { PatientPlan } from './solver/patient-plan';
import { plansFromAppointments } from './solver/plans-from-appointments';

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
  /** Node limits of the reasons' searches (tests and tools; defaults REASON_BUDGETS). */
  reasonBudgets?: Partial<ReasonBudgets>;
}

export const DEFAULT_TIME_LIMIT_MS = 10_000;

/** Share of the output reserve kept for writing the solution (the reasons use the rest). */
const OUTPUT_SHARE = 0.2;

/**
 * Time kept back from the search so that the whole solve returns within the
 * limit, with reasons for the patients left out (each classified by a
 * complete single-patient search and its suggestions verified): 10 % of it,
 * at least 10 ms, at most 2 s. A search step already started finishes, so
 * the limit is a target, not a guarantee.
 */
export function outputReserveMs(timeLimitMs: number): number {
  return Math.min(2000, Math.max(10, timeLimitMs * 0.1));
}

/** A solution with what the reasons found behind it (for tests and tools). */
export interface DetailedSolve {
  solution: Solution;
  /** Per unscheduled patient id: the structured change behind each suggestion. */
  edits: Map<string, ProblemEdit[]>;
  /** The counting bound before it is clamped to the score (see stats.bound). */
  rawBound: number;
  /** Patients proven unschedulable even alone. */
  provenAlone: string[];
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
 * ones short (the search stops `outputReserveMs` before it). Then the
 * reasons (solver/reasons) classify each patient left out with the complete
 * single-patient search, within the rest of the limit, and may still place
 * one. `proof` is "optimal" only when every patient is scheduled with no
 * moves, no breaks and its earliest possible finish, and "infeasible" only
 * when some patient is proven unschedulable even alone (empty domains, a
 * complete search, or counting). `stats.bound` is the capacity-counting upper
 * bound on scheduled patients (solver/capacity-count).
 */
export function solve(problem: Problem, options: SolveOptions = {}): Solution {
  return solveDetailed(problem, options).solution;
}

export function solveDetailed(problem: Problem, options: SolveOptions = {}): DetailedSolve {
  const run = startSolve(problem, options);
  run.planner.construct();
  run.progress(run.planner.score().scheduledPatients, run.planner.score());
  run.planner.improve();
  return finishSolve(run);
}

/** A solve between its start and its output (solve-async.ts adds CP-SAT in between). */
export interface SolveRun {
  problem: Problem;
  model: Model;
  planner: Planner;
  clock: () => number;
  t0: number;
  timeLimitMs: number;
  seed: number;
  /** When the search must end (the output reserve follows). */
  searchEnd: number;
  progress: (placed: number, score: Score | null) => void;
  reasonBudgets?: Partial<ReasonBudgets>;
  /** Gives the planner its clock back after `shouldStop` ended its search. */
  resume: () => void;
}

/**
 * Compiles the problem and sets up the planner (deadline `searchEnd`). Once
 * `shouldStop` says so, the planner's clock reads +Infinity, so every one of
 * its searches ends at its next look at the clock, until `resume()`.
 */
export function startSolve(
  problem: Problem,
  options: SolveOptions,
  shouldStop?: () => boolean,
): SolveRun {
  const clock = options.clock ?? (() => Date.now());
  const t0 = clock();
  const timeLimitMs = options.timeLimitMs ?? problem.options?.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const seed = options.seed ?? problem.options?.seed ?? 1;
  // Courses in progress are planned from their done sessions on (solver/course).
  const model = courseModel(compileModel(problem));
  const total = model.patients.length;
  const progress = (placed: number, score: Score | null) =>
    options.onProgress?.({
      elapsedMs: clock() - t0,
      patientsPlaced: placed,
      patientsTotal: total,
      bestScore: score,
    });
  const searchEnd = t0 + timeLimitMs - outputReserveMs(timeLimitMs);
  let stop = shouldStop;
  let stopped = false;
  const plannerClock = () => {
    if (!stopped && stop?.()) stopped = true;
    return stopped ? Number.POSITIVE_INFINITY : clock();
  };
  const planner = new Planner(model, {
    firstFitPlans: () => firstFitPlans(problem, model),
    seed,
    deadline: searchEnd,
    clock: shouldStop ? plannerClock : clock,
    onPlaced: (placed) => progress(placed, null),
    onImproved: () => {
      const score = planner.score();
      progress(score.scheduledPatients, score);
    },
  });
  return {
    problem,
    model,
    planner,
    clock,
    t0,
    timeLimitMs,
    seed,
    searchEnd,
    progress,
    reasonBudgets: options.reasonBudgets,
    resume: () => {
      stop = undefined;
      stopped = false;
    },
  };
}

/** Reasons for the patients left out, proof, bound and the solution. */
export function finishSolve(run: SolveRun): DetailedSolve {
  const { problem, model, planner, clock, t0, timeLimitMs, progress } = run;
  const total = model.patients.length;
  const reserve = outputReserveMs(timeLimitMs);
  // Reasons may use the reserve but its last fifth, kept for the output.
  const explained = explainAll(planner, {
    deadline: t0 + timeLimitMs - reserve * OUTPUT_SHARE,
    clock,
    budgets: run.reasonBudgets,
  });
  const score = planner.score();
  progress(score.scheduledPatients, score);
  const unscheduled = model.patients
    .filter((p) => !planner.plans[p.index])
    .map((p) => ({
      patient: p.id,
      reasons: (explained.reasons.get(p.index) ?? []).map(({ edits: _edits, ...r }) => r),
    }));
  let proof: Proof;
  if (explained.provenAlone.size > 0) proof = 'infeasible';
  else if (score.scheduledPatients === total && provenOptimal(planner)) proof = 'optimal';
  else proof = score.scheduledPatients === total ? 'feasible' : 'unknown';
  const rawBound = explained.count.bound;
  const missed = missedRecords(problem);
  const solution: Solution = {
    formatVersion: problem.formatVersion,
    status:
      score.scheduledPatients === total
        ? 'complete'
        : score.scheduledPatients === 0
          ? 'none'
          : 'partial',
    appointments: withDoneSessions(problem, model, appointmentsOf(model, planner.plans)),
    ...(missed && { missed }),
    unscheduled,
    score,
    stats: {
      elapsedMs: clock() - t0,
      proof,
      // The bound is sound (property-tested); the clamp only guards the output against a bug.
      bound: { scheduledPatients: Math.max(rawBound, score.scheduledPatients) },
    },
  };
  const edits = new Map<string, ProblemEdit[]>();
  for (const [p, reasons] of explained.reasons)
    edits.set(
      model.patients[p].id,
      reasons.flatMap((r) => r.edits ?? []),
    );
  return {
    solution,
    edits,
    rawBound,
    provenAlone: [...explained.provenAlone].map((p) => model.patients[p].id),
  };
}

/**
 * The first-fit booker's plans (first-fit/first-fit-booker.ts: the problem's
 * patient order, each session at its earliest feasible start with the first
 * free room and staff, no backtracking), as the planner's floor: the solve
 * never schedules fewer patients than it. Only where the booker plans every
 * rule (no existing bookings, no format 1.1 feature) and its schedule passes
 * the validator; undefined otherwise. The planner asks for it only when its
 * own construction leaves someone out, or while that construction is still
 * running halfway through the search time (`FLOOR_EARLY_SHARE`), so that a
 * construction the time limit cuts finds it made; it is not cut by the time
 * limit itself (about 0.4 s with its validation at 200 patients).
 */
function firstFitPlans(problem: Problem, model: Model): Array<PatientPlan | null> | undefined {
  if (problem.patients.length < 2 || (problem.existing ?? []).length > 0) return undefined;
  if (featureUses(problem).length > 0) return undefined;
  try {
    const booked = firstFitBook(problem);
    if (validateSolution(problem, booked).length > 0) return undefined;
    return plansFromAppointments(model, booked.appointments);
  } catch {
    return undefined; // a floor the booker cannot give is no floor: the planner plans alone
  }
}
