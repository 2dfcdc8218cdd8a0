/**
 * Measures one scenario in this process: the naive booker and the solver,
 * each warmed up once then timed over `repeat` runs (median), with the
 * independent validator's violations and score check, and memory.
 */
import { performance } from 'node:perf_hooks';
import type { Problem, Score, Solution } from '../src/domain/planning/format';
import { checkProblem } from '../src/domain/planning/problem-check';
import { computeScore, validateSolution } from '../src/domain/planning/solution-check';
import { solve } from '../src/domain/planning/solve';
import { firstFitBook } from '../src/domain/planning/first-fit/first-fit-booker';
import { scenarioByName } from './scenarios';

export interface BookerResult {
  booker: 'naive' | 'solver' | 'planted';
  timesMs: number[];
  medianMs: number;
  scheduled: number;
  score: Score;
  /** The validator's computeScore equals the score the booker reported. */
  scoreAgrees: boolean;
  proof: string;
  status: string;
  violations: number;
  firstViolations: string[];
  unscheduledCodes: string[];
  /** Solver only: median time until progress first reported every patient placed; null when a run never did. */
  firstCompleteMs?: number | null;
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  tight: boolean;
  patients: number;
  staff: number;
  rooms: number;
  problemErrors: string[];
  timeLimitMs: number;
  repeat: number;
  naive: BookerResult;
  solver: BookerResult | null;
  /** The planted complete solution, for planted scenarios (not timed). */
  planted?: BookerResult;
  solverError?: string;
  heapUsedMb: number;
  rssMb: number;
  peakRssMb: number;
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function timed(run: () => Solution, repeat: number): { times: number[]; last: Solution } {
  run(); // warm-up
  const times: number[] = [];
  let last: Solution | null = null;
  for (let i = 0; i < repeat; i++) {
    const t0 = performance.now();
    last = run();
    times.push(performance.now() - t0);
  }
  return { times, last: last as Solution };
}

function judge(
  booker: BookerResult['booker'],
  problem: Problem,
  times: number[],
  solution: Solution,
): BookerResult {
  const violations = validateSolution(problem, solution);
  const checked = computeScore(problem, solution);
  const codes = new Set<string>();
  for (const u of solution.unscheduled) for (const r of u.reasons) codes.add(r.code);
  return {
    booker,
    timesMs: times.map((t) => Math.round(t * 10) / 10),
    medianMs: Math.round(median(times) * 10) / 10,
    scheduled: solution.score.scheduledPatients,
    score: solution.score,
    scoreAgrees: JSON.stringify(checked) === JSON.stringify(solution.score),
    proof: solution.stats.proof,
    status: solution.status,
    violations: violations.length,
    firstViolations: violations.slice(0, 3).map((v) => `${v.rule}: ${v.message}`),
    unscheduledCodes: [...codes].sort(),
  };
}

export function measureScenario(
  name: string,
  opts: { repeat: number; timeLimitMs?: number; seed?: number },
): ScenarioResult {
  const scenario = scenarioByName(name);
  const planted = scenario.planted?.();
  const problem = planted?.problem ?? scenario.build();
  const check = checkProblem(JSON.parse(JSON.stringify(problem)));
  const problemErrors = check.ok
    ? []
    : check.errors.map((e) => `${e.pointer} ${e.code}: ${e.message}`);
  const timeLimitMs = opts.timeLimitMs ?? scenario.timeLimitMs;
  const seed = opts.seed ?? problem.options?.seed ?? 1;

  const naiveRun = timed(() => firstFitBook(problem), opts.repeat);
  const naive = judge('naive', problem, naiveRun.times, naiveRun.last);

  let solver: BookerResult | null = null;
  let solverError: string | undefined;
  try {
    // Time from the call until progress first reports every patient placed (null: never).
    let t0 = 0;
    let firstComplete: number | null = null;
    const firstCompletes: number[] = [];
    const solverRun = timed(() => {
      t0 = performance.now();
      firstComplete = null;
      const s = solve(problem, {
        timeLimitMs,
        seed,
        onProgress: (p) => {
          if (firstComplete === null && p.patientsPlaced === p.patientsTotal)
            firstComplete = performance.now() - t0;
        },
      });
      if (firstComplete !== null) firstCompletes.push(firstComplete);
      return s;
    }, opts.repeat);
    solver = judge('solver', problem, solverRun.times, solverRun.last);
    // The warm-up run's value is first: drop it.
    const timedCompletes = firstCompletes.slice(-opts.repeat);
    solver.firstCompleteMs =
      timedCompletes.length === opts.repeat ? Math.round(median(timedCompletes) * 10) / 10 : null;
  } catch (e) {
    solverError = e instanceof Error ? e.message : String(e);
  }
  const mem = process.memoryUsage();
  return {
    scenario: name,
    description: scenario.description,
    tight: scenario.tight,
    patients: problem.patients.length,
    staff: problem.staff.length,
    rooms: problem.rooms.length,
    problemErrors,
    timeLimitMs,
    repeat: opts.repeat,
    naive,
    solver,
    solverError,
    planted: planted ? judge('planted', problem, [], planted.reference) : undefined,
    heapUsedMb: Math.round(mem.heapUsed / 2 ** 20),
    rssMb: Math.round(mem.rss / 2 ** 20),
    // resourceUsage().maxRSS is in kilobytes: the peak of this (per-scenario) process, as /usr/bin/time -v reports it.
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
