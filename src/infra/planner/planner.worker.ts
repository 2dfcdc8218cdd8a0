import { createHash } from 'node:crypto';
import type { Problem, Solution } from '../../domain/planning/format';
import type { SolveOptions } from '../../domain/planning/solve';
import { solveChecked, violationCodes, type Solver } from '../../domain/planning/solve-checked';

/** One solve, as posted to a pool thread; see planner-runner.ts. */
export interface PlannerJob {
  problem: Problem;
  options: Pick<SolveOptions, 'timeLimitMs' | 'seed'>;
}

/**
 * A solution the independent validator accepted, or what an operator may see of one it
 * rejected: the SHA-256 of `JSON.stringify(problem)` and the broken rules' codes. Never
 * the problem or the rejected solution themselves.
 */
export type PlannerJobResult =
  | { ok: true; solution: Solution }
  | { ok: false; problemSha256: string; violationCodes: string[]; violationCount: number };

/** Solve, then validate, inside the worker thread. `solver` is for test workers only. */
export function runPlannerJob(job: PlannerJob, solver?: Solver): PlannerJobResult {
  const result = solveChecked(job.problem, job.options, solver);
  if (result.ok) return result;
  return {
    ok: false,
    problemSha256: createHash('sha256').update(JSON.stringify(job.problem)).digest('hex'),
    violationCodes: violationCodes(result.violations),
    violationCount: result.violations.length,
  };
}

/** piscina's entry point: called once per job, in a thread that stays up between jobs. */
export default function plannerJob(job: PlannerJob): PlannerJobResult {
  return runPlannerJob(job);
}
