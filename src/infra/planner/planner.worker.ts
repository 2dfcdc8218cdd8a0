import { createHash } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import type { Problem, Solution } from '../../domain/planning/format';
import type { SolveOptions, SolveProgress } from '../../domain/planning/solve';
import { solveChecked, violationCodes, type Solver } from '../../domain/planning/solve-checked';

/** One solve, as posted to a pool thread; see planner-runner.ts. */
export interface PlannerJob {
  problem: Problem;
  options: Pick<SolveOptions, 'timeLimitMs' | 'seed'>;
  /** Where the thread posts SolveProgress (at most every PROGRESS_EVERY_MS); plan runs. */
  progress?: MessagePort;
}

/** Least time between two progress messages of one job. */
export const PROGRESS_EVERY_MS = 250;

/**
 * A solution the independent validator accepted, or what an operator may see of one it
 * rejected: the SHA-256 of `JSON.stringify(problem)` and the broken rules' codes. Never
 * the problem or the rejected solution themselves.
 */
export type PlannerJobResult =
  | { ok: true; solution: Solution }
  | { ok: false; problemSha256: string; violationCodes: string[]; violationCount: number };

/** Solve, then validate, inside the worker thread. `solver` is for test workers only. */
export async function runPlannerJob(job: PlannerJob, solver?: Solver): Promise<PlannerJobResult> {
  const port = job.progress;
  let last = 0;
  const onProgress = port
    ? (p: SolveProgress) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS) return;
        last = now;
        port.postMessage(p);
      }
    : undefined;
  const result = await solveChecked(job.problem, { ...job.options, onProgress }, solver);
  port?.close();
  if (result.ok) return result;
  return {
    ok: false,
    problemSha256: createHash('sha256').update(JSON.stringify(job.problem)).digest('hex'),
    violationCodes: violationCodes(result.violations),
    violationCount: result.violations.length,
  };
}

/** piscina's entry point: called once per job, in a thread that stays up between jobs. */
export default function plannerJob(job: PlannerJob): Promise<PlannerJobResult> {
  return runPlannerJob(job);
}
