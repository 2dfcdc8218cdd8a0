/**
 * The first-fit planted sweep (issue 7, item 4): for each seed of a set,
 * `firstFitPlanted(seed)` (test/factories/planning/firstfit-planted.ts) builds
 * a clinic whose staff and rooms are available exactly where one first-fit
 * pass booked its patients, with the patients shuffled, so a complete schedule
 * exists. Per set: how many instances the planner completes, how often it
 * schedules fewer patients than the naive booker on the same (shuffled)
 * problem, how many of its solutions the validator rejects, how many say
 * something false (a capacity or rule reason, a proof of infeasibility, a
 * bound below every patient: a complete schedule exists), and the time per
 * instance. The tuning seeds are the ones to develop against; the held-out
 * seeds are for reporting only.
 */
import { performance } from 'node:perf_hooks';
import { solveAsync } from '../src/domain/planning/solve-async';
import { validateSolution } from '../src/domain/planning/solution-check';
import {
  firstFitPlanted,
  HELD_OUT_SEEDS,
  TUNING_SEEDS,
} from '../test/factories/planning/firstfit-planted';
import { firstFitBook } from '../src/domain/planning/first-fit/first-fit-booker';
import { falseClaimsOnFeasible } from '../test/factories/planning/feasible-claims';

export interface FirstFitSweepOptions {
  sets: ('tuning' | 'held-out')[];
  /** Seeds per set (the first ones of each set). */
  seeds: number;
  timeLimitMs: number;
  /**
   * Run the solver on the process's CPU time instead of the wall clock, so
   * that its time limit means the same on a loaded shared machine: the
   * limit is then CPU milliseconds of this process (single-threaded).
   */
  cpuClock?: boolean;
}

/** CPU milliseconds used by this process so far (user time). */
function cpuMs(): number {
  return process.cpuUsage().user / 1000;
}

interface Outcome {
  seed: number;
  patients: number;
  naive: number;
  scheduled: number;
  violations: string[];
  falseClaims: string[];
  solveMs: number;
  solveCpuMs: number;
  plantMs: number;
  protocols: string;
  zone: string;
}

export async function firstFitSweep(options: FirstFitSweepOptions): Promise<boolean> {
  console.log(
    `\nFirst-fit planted sweep: ${options.seeds} seeds per set, solver time limit ${options.timeLimitMs} ms${options.cpuClock ? ' of CPU time (--cpu-clock)' : ''}\n`,
  );
  console.log(
    '| set | seeds | instances (patients) | naive complete | planner complete | planner < naive | invalid | false claims | solve median / max ms | solve CPU median / max ms | plant median ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const failures: string[] = [];
  for (const set of options.sets) {
    const seeds = (set === 'tuning' ? TUNING_SEEDS : HELD_OUT_SEEDS).slice(0, options.seeds);
    const outcomes: Outcome[] = [];
    for (const seed of seeds)
      outcomes.push(await runOne(seed, options.timeLimitMs, !!options.cpuClock));
    console.log(row(set, seeds, outcomes));
    for (const o of outcomes) {
      const what = [
        o.scheduled < o.patients ? `planner ${o.scheduled}/${o.patients}` : '',
        o.scheduled < o.naive ? `below naive (${o.naive})` : '',
        o.violations.length ? `invalid: ${o.violations.join('; ')}` : '',
        o.falseClaims.length ? `false claims: ${o.falseClaims.slice(0, 3).join('; ')}` : '',
      ].filter(Boolean);
      if (what.length)
        failures.push(`${set} seed ${o.seed}: ${what.join(', ')} — ${o.zone}, ${o.protocols}`);
    }
  }
  console.log(failures.length ? `\nFailing seeds:\n${failures.join('\n')}` : '\nNo failing seed.');
  return failures.length === 0;
}

async function runOne(seed: number, timeLimitMs: number, cpuClock: boolean): Promise<Outcome> {
  const t0 = performance.now();
  const { problem } = firstFitPlanted(seed);
  const plantMs = performance.now() - t0;
  const naive = firstFitBook(problem).score.scheduledPatients;
  const t1 = performance.now();
  const c1 = cpuMs();
  const solution = await solveAsync(problem, {
    timeLimitMs,
    seed: 1,
    // CP-SAT's threads would run the process's CPU clock: that mode measures the planner alone.
    ...(cpuClock && { clock: cpuMs, cp: false }),
  });
  const solveMs = performance.now() - t1;
  const solveCpuMs = cpuMs() - c1;
  const violations = validateSolution(problem, solution).map((v) => `${v.rule}: ${v.message}`);
  const outcome: Outcome = {
    seed,
    patients: problem.patients.length,
    naive,
    scheduled: solution.score.scheduledPatients,
    violations: violations.slice(0, 2),
    falseClaims: falseClaimsOnFeasible(solution, problem.patients.length),
    solveMs,
    solveCpuMs,
    plantMs,
    protocols: problem.protocols.map((p) => p.id).join(', '),
    zone: problem.clinic.timeZone,
  };
  console.error(
    `seed ${seed}: ${outcome.scheduled}/${outcome.patients} (naive ${naive}), ` +
      `${violations.length} violations, ${outcome.falseClaims.length} false claims, solve ${Math.round(solveMs)} ms (CPU ${Math.round(solveCpuMs)} ms), plant ${Math.round(plantMs)} ms; ` +
      `${outcome.zone} ${problem.horizon.start}..${problem.horizon.end}; ${outcome.protocols}`,
  );
  return outcome;
}

function row(set: string, seeds: number[], outcomes: Outcome[]): string {
  const sizes = outcomes.map((o) => o.patients);
  const count = (f: (o: Outcome) => boolean) => outcomes.filter(f).length;
  return `| ${set} | ${seeds[0]}–${seeds[seeds.length - 1]} | ${outcomes.length} (${Math.min(...sizes)}–${Math.max(...sizes)}) | ${count((o) => o.naive === o.patients)} | ${count((o) => o.scheduled === o.patients)} | ${count((o) => o.scheduled < o.naive)} | ${count((o) => o.violations.length > 0)} | ${count((o) => o.falseClaims.length > 0)} | ${medianMax(outcomes.map((o) => o.solveMs))} | ${medianMax(outcomes.map((o) => o.solveCpuMs))} | ${medianMax(outcomes.map((o) => o.plantMs)).split(' / ')[0]} |`;
}

function medianMax(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${Math.round(sorted[sorted.length >> 1])} / ${Math.round(sorted[sorted.length - 1])}`;
}
