/**
 * The solve every product caller uses (the HTTP pool, plan runs, the CLI):
 * `solve` (solve.ts) with two clinic-wide completions for tight clinics,
 * the frontier search (solver/frontier-search.ts) and CP-SAT
 * (cp/cp-completion.ts). On problems they model (`cpScope` at any size) that
 * are small (CP-SAT's scope) or tight (`frontierApplies`):
 *
 * 1. the planner constructs; if patients are out, the frontier search gets
 *    `FRONTIER_FIRST_SHARE` of the search time;
 * 2. the planner's local search runs until it has placed no new patient for
 *    `STALL_SHARE` of the search time while patients not proven
 *    unschedulable are out (or its bounded phases end early);
 * 3. the frontier search gets `FRONTIER_SHARE` of what is left (a fifth on
 *    small clinics), then on small clinics CP-SAT the rest;
 * 4. the planner's local search goes on with any time left.
 *
 * A schedule from either replaces the planner's when it schedules more
 * patients and passes the independent validator. Then reasons and output as
 * in `solve`. One after the other, not side by side: CP-SAT's WebAssembly
 * threads keep the cores busy even when idle, and the planner's local search
 * beside them lost patients it finds alone (tuning seed 8 of the first-fit
 * planted sweep). A CP-SAT that cannot load or fails leaves the planner's
 * result as it is.
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
import { frontierSearch } from './solver/frontier-search';
import { frontierApplies } from './solver/frontier-scope';
import type { PatientPlan } from './solver/patient-plan';
import { Prng } from './solver/prng';
import { appointmentsOf } from './solver/solution-output';

/**
 * Share of the search time without a newly placed patient after which the
 * planner hands over to the completions. On the planted sweep the planner's last
 * patient came at most ~20 % of a 10 s limit after the one before.
 */
export const STALL_SHARE = 0.25;
/** Least time between two decisions of the stall rule. */
const STALL_CHECK_MS = 20;
/** Share of the search time the frontier search may take right after the construction. */
const FRONTIER_FIRST_SHARE = 0.05;
/** Share of the time left at the hand-over that the frontier search may take. */
const FRONTIER_SHARE = 0.5;
/** The same on small clinics, where CP-SAT comes after it. */
const FRONTIER_SMALL_SHARE = 0.2;
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
  // CP-SAT's scope (small clinics), or any size for the frontier search on a tight clinic.
  const small = cpScope(run.model) === null;
  cp =
    options.cp !== false &&
    run.model.patients.length > 1 &&
    cpScope(run.model, Infinity) === null &&
    (small || frontierApplies(run.model, candidates(run)));
  run.planner.construct();
  run.progress(run.planner.score().scheduledPatients, run.planner.score());
  // A clinic booked to the minute is often complete within a few thousand frontier nodes (the
  // search does not start on clinics with room to spare).
  if (cp && openAfter(run, run.planner.score().scheduledPatients) > 0)
    frontier(run, run.clock() + (run.searchEnd - run.clock()) * FRONTIER_FIRST_SHARE, 0);
  run.planner.improve();
  run.resume();
  // The planner's phases are bounded in work: it may also end early with patients still out.
  const stopped =
    handedOver ||
    (cp &&
      run.clock() < run.searchEnd &&
      openAfter(run, run.planner.score().scheduledPatients) > 0);
  if (stopped) {
    // Small clinics: the frontier search, then CP-SAT with most of what is left; larger ones:
    // the frontier search, then the planner gets half of it back (it may still place patients).
    const share = small ? FRONTIER_SMALL_SHARE : FRONTIER_SHARE;
    frontier(run, run.clock() + (run.searchEnd - run.clock()) * share, 1);
    if (small && openAfter(run, run.planner.score().scheduledPatients) > 0) {
      // Loaded only when needed (~1.4 s once per thread): loaded eagerly, its compilation took
      // CPU from every solve in scope, most of which never need it.
      const loaded =
        run.searchEnd - run.clock() >= CP_MIN_MS ? await loadCpSat().catch(() => null) : null;
      if (loaded && run.searchEnd - run.clock() >= CP_MIN_MS) await complete(run, loaded);
    }
    // Time CP-SAT did not use (it finished early, or its schedule was not taken) goes back.
    if (run.clock() < run.searchEnd) run.planner.improve();
  }
  return finishSolve(run);
}

/** The patients not proven unschedulable. */
function candidates(run: SolveRun): number[] {
  const { model, planner } = run;
  return model.patients.map((p) => p.index).filter((p) => !planner.provenInfeasible.has(p));
}

/** Patients neither among the `placed` best nor proven unschedulable. */
function openAfter(run: SolveRun, placed: number): number {
  return run.model.patients.length - placed - run.planner.provenInfeasible.size;
}

/**
 * The frontier search (solver/frontier-search.ts) for everyone not proven
 * out, until `until`; `call` varies its random seed between calls.
 */
function frontier(run: SolveRun, until: number, call: number): void {
  const { model, planner } = run;
  const patients = candidates(run);
  const found = frontierSearch(
    model,
    patients,
    (p) => planner.domains[p].domains,
    new Prng(run.seed * 7919 + call),
    {
      deadline: until,
      clock: run.clock,
    },
  );
  if (!found.plans) return;
  const plans: Array<PatientPlan | null> = model.patients.map(() => null);
  for (const plan of found.plans) plans[plan.patient] = plan;
  adoptSchedule(run, appointmentsOf(model, plans), found.plans.length);
}

/** CP-SAT until the search ends (or it is done); whether its schedule was adopted. */
async function complete(run: SolveRun, sat: CpSat): Promise<boolean> {
  const found = await cpCompletion(sat, run.model, {
    timeLimitMs: run.searchEnd - run.clock(),
    seed: run.seed,
    skip: run.planner.provenInfeasible,
  }).catch(() => null);
  return found !== null && adoptSchedule(run, found.appointments, found.scheduledPatients);
}

/**
 * Adopts a schedule found outside the planner (CP-SAT, the frontier search)
 * when it schedules more and passes the independent validator; whether it did.
 */
export function adoptSchedule(
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
