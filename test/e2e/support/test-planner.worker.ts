/**
 * Test-only planner worker (never reachable in production: only a test can build a pool
 * with this file). It runs the real job (solve, then the independent validator) and is
 * steered by the first patient's id:
 * - every job appends that id to `started.log` in `testPlannerDir()` when it starts;
 * - `hold-…` waits until the test calls `openGate(id)`, keeping the thread busy;
 * - `broken-…` uses a solver with a bug (two sessions at the same time), so the validator
 *   must reject its output.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Problem, Solution } from '../../../src/domain/planning/format';
import { solve, type SolveOptions } from '../../../src/domain/planning/solve';
import {
  runPlannerJob,
  type PlannerJob,
  type PlannerJobResult,
} from '../../../src/infra/planner/planner.worker';

/** Shared by the test and its worker threads (same process, same pid). */
export const testPlannerDir = (): string => join(tmpdir(), `kps-test-planner-${process.pid}`);
export const gateFile = (id: string): string => join(testPlannerDir(), `${id}.open`);
export const startedLog = (): string => join(testPlannerDir(), 'started.log');

const HOLD_AT_MOST_MS = 20_000;

function waitForGate(id: string): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const until = Date.now() + HOLD_AT_MOST_MS;
  while (!existsSync(gateFile(id))) {
    if (Date.now() > until) throw new Error(`test gate ${id} was never opened`);
    Atomics.wait(sleeper, 0, 0, 5);
  }
}

function doubleBookingSolver(problem: Problem, options: SolveOptions): Solution {
  const solution = structuredClone(solve(problem, options));
  const [first, second] = solution.appointments;
  if (first && second) {
    second.start = first.start;
    second.end = first.end;
  }
  return solution;
}

export default function testPlannerJob(job: PlannerJob): Promise<PlannerJobResult> {
  const id = job.problem.patients[0]?.id ?? '';
  appendFileSync(startedLog(), `${id}\n`);
  if (id.startsWith('hold-')) waitForGate(id);
  return runPlannerJob(job, id.startsWith('broken-') ? doubleBookingSolver : undefined);
}
