import type { Problem, Solution } from './format';
import { validateSolution, type Violation } from './solution-check';
import type { SolveOptions } from './solve';
import { solveAsync } from './solve-async';

export type Solver = (problem: Problem, options: SolveOptions) => Solution | Promise<Solution>;

/** A solution the independent validator accepted, or the rules it breaks (never both). */
export type CheckedSolve =
  { ok: true; solution: Solution } | { ok: false; violations: Violation[] };

/**
 * Solves, then re-checks the output with the independent validator (solution-check, which
 * shares no code with the solver). Every caller that hands a solution to someone goes
 * through here, so a solver bug surfaces as `ok: false` instead of a schedule that breaks a
 * rule. `solver` is injectable for tests only.
 */
export async function solveChecked(
  problem: Problem,
  options: SolveOptions = {},
  solver: Solver = solveAsync,
): Promise<CheckedSolve> {
  const solution = await solver(problem, options);
  const violations = validateSolution(problem, solution);
  return violations.length === 0 ? { ok: true, solution } : { ok: false, violations };
}

/** The distinct rule codes of `violations`, sorted: safe to log (no ids, no problem data). */
export function violationCodes(violations: readonly Violation[]): string[] {
  return [...new Set(violations.map((v) => v.rule))].sort();
}
