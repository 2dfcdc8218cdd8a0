/**
 * The solve every product caller uses (the HTTP pool, plan runs, the CLI):
 * `solve` (solve.ts) with the CP-SAT completion (cp/cp-completion.ts) for
 * small tight clinics. When the problem is in CP-SAT's scope (`cpScope`),
 * the planner runs as in `solve` until it has placed no new patient for
 * `STALL_SHARE` of the search time while patients not proven unschedulable
 * are still out; then CP-SAT searches the rest of the time for a schedule of
 * every such patient. Its schedule replaces the planner's when it schedules
 * more patients and passes the independent validator; the planner's local
 * search goes on with any time left (from CP-SAT's schedule or its own).
 * Then reasons and output as in `solve`.
 *
 * One after the other, not side by side: CP-SAT's WebAssembly threads keep
 * the cores busy even when idle, and the planner's local search beside them
 * lost patients it finds alone (tuning seed 8 of the first-fit planted sweep).
 * A CP-SAT that cannot load or fails leaves the planner's result as it is.
 */
import type { Appointment, Problem, Solution } from './format';
import { computeScore, validateSolution } from './solution-check';
import {
  finishSolve,
  startSolve,
  type DetailedSolve,
  type SolveOptions,
  type SolveProgress,
  type SolveRun,
} from './solve';
import { cpCompletion, cpScope } from './cp/cp-completion';
import { loadCpSat, type CpSat } from './cp/cp-sat-runtime';
import { plansFromAppointments } from './solver/plans-from-appointments';

/**
 * Share of the search time without a newly placed patient after which the
 * planner hands over to CP-SAT. On the planted sweep the planner's last
 * patient came at most ~20 % of a 10 s limit after the one before.
 */
export const STALL_SHARE = 0.25;
/** Least time between two decisions of the stall rule. */
const STALL_CHECK_MS = 20;
/** Least search time left worth starting CP-SAT for. */
const CP_MIN_MS = 1_000;

export interface AsyncSolveOptions extends SolveOptions {
  /** false: the planner alone (as `solve`). Default true. */
  cp?: boolean;
}

export async function solveAsync(
  problem: Problem,
  options: AsyncSolveOptions = {},
): Promise<Solution> {
  return (await solveDetailedAsync(problem, options)).solution;
}

export async function solveDetailedAsync(
  problem: Problem,
  options: AsyncSolveOptions = {},
): Promise<DetailedSolve> {
  let cp = false;
  let best = 0;
  let lastGain = 0;
  const onProgress = (p: SolveProgress) => {
    if (p.patientsPlaced > best) {
      best = p.patientsPlaced;
      lastGain = p.elapsedMs;
    }
    options.onProgress?.(p);
  };
  // Asked at every look at the planner's clock (a hot path): decided at most every STALL_CHECK_MS.
  let nextCheck = 0;
  let handedOver = false;
  const run: SolveRun = startSolve(problem, { ...options, onProgress }, () => {
    if (!cp) return false;
    const elapsed = run.clock() - run.t0;
    if (elapsed < nextCheck) return false;
    nextCheck = elapsed + STALL_CHECK_MS;
    // `best`, not the planner's working plans: its local search takes patients out for a moment.
    handedOver =
      elapsed - lastGain > (run.searchEnd - run.t0) * STALL_SHARE && openAfter(run, best) > 0;
    return handedOver;
  });
  cp = options.cp !== false && run.model.patients.length > 1 && cpScope(run.model) === null;
  run.planner.construct();
  run.progress(run.planner.score().scheduledPatients, run.planner.score());
  run.planner.improve();
  run.resume();
  if (handedOver) {
    if (run.searchEnd - run.clock() >= CP_MIN_MS) {
      // Loaded only when needed (~1.4 s once per thread): loaded eagerly, its compilation took
      // CPU from every solve in scope, most of which never need it.
      const loaded = await loadCpSat().catch(() => null);
      if (loaded && run.searchEnd - run.clock() >= CP_MIN_MS) await complete(run, loaded);
    }
    // Time CP-SAT did not use (it finished early, or its schedule was not taken) goes back.
    if (run.clock() < run.searchEnd) run.planner.improve();
  }
  return finishSolve(run);
}

/** Patients neither among the `placed` best nor proven unschedulable. */
function openAfter(run: SolveRun, placed: number): number {
  return run.model.patients.length - placed - run.planner.provenInfeasible.size;
}

/** CP-SAT until the search ends (or it is done); whether its schedule was adopted. */
async function complete(run: SolveRun, sat: CpSat): Promise<boolean> {
  const found = await cpCompletion(sat, run.model, {
    timeLimitMs: run.searchEnd - run.clock(),
    seed: run.seed,
    skip: run.planner.provenInfeasible,
  }).catch(() => null);
  return found !== null && adoptCpSchedule(run, found.appointments, found.scheduledPatients);
}

/** Adopts CP-SAT's appointments when they schedule more and pass the validator; whether it did. */
export function adoptCpSchedule(
  run: SolveRun,
  appointments: Appointment[],
  scheduled: number,
): boolean {
  const { planner, model, problem } = run;
  if (scheduled <= planner.score().scheduledPatients) return false;
  const placed = new Set(appointments.map((a) => a.patient));
  const draft: Solution = {
    formatVersion: problem.formatVersion,
    status: placed.size === model.patients.length ? 'complete' : 'partial',
    appointments,
    unscheduled: model.patients
      .filter((p) => !placed.has(p.id))
      .map((p) => ({ patient: p.id, reasons: [] })),
    score: { scheduledPatients: 0, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: 0, proof: 'unknown' },
  };
  draft.score = computeScore(problem, draft);
  // A CP model that let through something the format forbids: keep the planner's plans.
  if (validateSolution(problem, draft).length > 0) return false;
  const plans = plansFromAppointments(model, appointments);
  if (plans.filter(Boolean).length !== scheduled || !planner.adoptIfMore(plans)) return false;
  run.progress(planner.score().scheduledPatients, planner.score());
  return true;
}
