import type { FieldIssue } from '../../errors';
import { dayNumber } from '../../time/local-date';
import type { Problem } from '../format';

/**
 * Bounds on what one stateless solve may ask for, so a single request cannot hold a worker
 * for minutes or exhaust memory. The solver itself has no such limits (the CLI and the
 * benchmark may go further).
 */
export interface PlanLimits {
  maxTimeLimitMs: number;
  defaultTimeLimitMs: number;
  maxPatients: number;
  maxHorizonDays: number;
}

export const HTTP_PLAN_LIMITS: PlanLimits = {
  maxTimeLimitMs: 30_000,
  defaultTimeLimitMs: 10_000,
  maxPatients: 500,
  maxHorizonDays: 366,
};

/** Problems of an already-checked problem against `limits`, as field issues (empty: fine). */
export function checkPlanLimits(problem: Problem, limits: PlanLimits): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const timeLimit = problem.options?.timeLimitMs;
  if (timeLimit !== undefined && timeLimit > limits.maxTimeLimitMs) {
    issues.push({
      pointer: '/options/timeLimitMs',
      code: 'TIME_LIMIT_TOO_LARGE',
      message: `timeLimitMs may be at most ${limits.maxTimeLimitMs} here, got ${timeLimit}`,
    });
  }
  if (problem.patients.length > limits.maxPatients) {
    issues.push({
      pointer: '/patients',
      code: 'TOO_MANY_PATIENTS',
      message: `at most ${limits.maxPatients} patients per solve, got ${problem.patients.length}; split the problem by program or cohort`,
    });
  }
  const days = dayNumber(problem.horizon.end) - dayNumber(problem.horizon.start) + 1;
  if (days > limits.maxHorizonDays) {
    issues.push({
      pointer: '/horizon/end',
      code: 'HORIZON_TOO_LONG',
      message: `the horizon may span at most ${limits.maxHorizonDays} days, got ${days}`,
    });
  }
  return issues;
}
