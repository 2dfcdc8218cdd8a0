import { parentPort } from 'node:worker_threads';
import type { Problem } from '../../domain/planning/format';
import { solve, SolveOptions } from '../../domain/planning/solve';

/** Runs one solve off the HTTP event loop; see planner-runner.ts. */
export interface PlannerJob {
  problem: Problem;
  options: Pick<SolveOptions, 'timeLimitMs' | 'seed'>;
}

parentPort?.once('message', (job: PlannerJob) => {
  try {
    parentPort?.postMessage({ ok: true, solution: solve(job.problem, job.options) });
  } catch (error) {
    parentPort?.postMessage({ ok: false, message: (error as Error)?.stack ?? String(error) });
  }
});
