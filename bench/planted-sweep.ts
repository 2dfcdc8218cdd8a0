/**
 * Robustness sweeps over planted instances (a complete schedule is known to
 * exist for each).
 *
 * 1. Planted clinics (bench/scenarios/clinic.ts): for each size, generator
 *    seeds 1..N; seeds the generator cannot plant are skipped. Per size: how
 *    many instances the naive booker, the solver's first construction alone
 *    and the whole solve complete, with the solve's median and maximum time.
 * 2. First-fit planted instances (bench/firstfit-sweep.ts): clinics shrunk to
 *    exactly the windows one first-fit pass used, over a tuning and a
 *    held-out seed set. Exits with status 1 when an instance is incomplete,
 *    below the naive booker or invalid.
 *
 * Every solution is checked by the validator.
 *
 *   npm run bench:planted -- [--only clinic|firstfit]
 *     [--sizes 12,16,20,24,32] [--seeds 25] [--time-limit 30000]        (planted clinics)
 *     [--sets tuning,held-out] [--ff-seeds 30] [--ff-time-limit 4000]    (first-fit planted)
 *     [--quick]                                                          (first-fit: 10 seeds, 3000 ms)
 *     [--cpu-clock]             (first-fit: the time limit in CPU ms of this process, for a loaded
 *                                machine; the planner alone, since CP-SAT's threads share that clock)
 */
import { clinicProblem } from './scenarios/clinic';
import { firstFitBook } from '../src/domain/planning/first-fit/first-fit-booker';
import { firstConstructionPlaced } from './first-construction';
import { solve } from '../src/domain/planning/solve';
import { validateSolution } from '../src/domain/planning/solution-check';
import type { Problem } from '../src/domain/planning/format';
import { firstFitSweep } from './firstfit-sweep';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function plant(n: number, seed: number): Problem | null {
  try {
    return clinicProblem(n, seed);
  } catch {
    return null; // the generator could not plant n patients with this seed
  }
}

function clinicSweep(): void {
  const sizes = option('--sizes', '12,16,20,24,32').split(',').map(Number);
  const seeds = Number(option('--seeds', '25'));
  const timeLimitMs = Number(option('--time-limit', '30000'));

  console.log(`Planted sweep: seeds 1..${seeds}, solver time limit ${timeLimitMs} ms\n`);
  console.log(
    '| patients | planted instances | naive complete | first construction complete | solve complete | invalid | solve median / max ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const n of sizes) {
    let planted = 0;
    let naive = 0;
    let first = 0;
    let complete = 0;
    let invalid = 0;
    const times: number[] = [];
    const missed: number[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const problem = plant(n, seed);
      if (!problem) continue;
      planted++;
      if (firstFitBook(problem).score.scheduledPatients === n) naive++;
      if (firstConstructionPlaced(problem) === n) first++;
      const t0 = performance.now();
      const solution = solve(problem, { timeLimitMs });
      times.push(performance.now() - t0);
      if (solution.score.scheduledPatients === n) complete++;
      else missed.push(seed);
      if (validateSolution(problem, solution).length > 0) invalid++;
    }
    times.sort((a, b) => a - b);
    const median = times.length ? Math.round(times[times.length >> 1]) : 0;
    const max = times.length ? Math.round(times[times.length - 1]) : 0;
    const note = missed.length ? ` (incomplete: seeds ${missed.join(', ')})` : '';
    console.log(
      `| ${n} | ${planted} | ${naive} | ${first} | ${complete}${note} | ${invalid} | ${median} / ${max} |`,
    );
  }
}

const only = option('--only', 'both');
const quick = process.argv.includes('--quick');
if (only !== 'firstfit') clinicSweep();
if (only !== 'clinic') {
  void firstFitSweep({
    sets: option('--sets', 'tuning,held-out').split(',') as ('tuning' | 'held-out')[],
    seeds: Number(option('--ff-seeds', quick ? '10' : '30')),
    timeLimitMs: Number(option('--ff-time-limit', quick ? '3000' : '4000')),
    cpuClock: process.argv.includes('--cpu-clock'),
  }).then((ok) => process.exit(ok ? 0 : 1)); // CP-SAT's threads would keep the process up
}
