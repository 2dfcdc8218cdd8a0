/**
 * One one-patient problem through three deciders that must agree: the exhaustive enumerator,
 * the planner's complete one-patient search and `solve` (checked by the validator). Used by
 * the completeness property tests.
 */
import { compileModel } from '../../../src/domain/planning/model/compile';
import { computeDomains } from '../../../src/domain/planning/solver/domains';
import { courseModel } from '../../../src/domain/planning/solver/course';
import { exactPatientSearch } from '../../../src/domain/planning/solver/exact-search';
import { ResourceState } from '../../../src/domain/planning/solver/resource-state';
import { solve } from '../../../src/domain/planning/solve';
import type { Problem, Solution } from '../../../src/domain/planning/format';
import { BruteForce, SearchTooLarge } from './brute-force';
import { validateSolution } from './validator-api';

/** The complete search's outcome on the (course view of the) problem's only patient. */
export function exactOutcome(problem: Problem): string {
  // Courses in progress (the generator makes some) are searched in their course view.
  const model = courseModel(compileModel(problem));
  const doms = computeDomains(model, model.patients[0], new Map());
  if (doms.failure) return 'infeasible';
  return exactPatientSearch(model, new ResourceState(model), 0, doms.domains, {
    nodeLimit: 200_000,
  }).outcome;
}

/**
 * Expects the three to agree on `problem` (a checked one-patient problem), naming the seed on a
 * mismatch; undefined when the enumerator's space is too large to decide.
 */
export function expectOnePatientAgreement(
  problem: Problem,
  seed: number,
): { exists: boolean; solution: Solution; context: string } | undefined {
  let exists: boolean;
  try {
    exists = new BruteForce(problem, 4_000).candidates(problem.patients[0]).length > 0;
  } catch (e) {
    if (!(e instanceof SearchTooLarge)) throw e;
    return undefined;
  }
  const outcome = exactOutcome(problem);
  const solution = solve(problem, { timeLimitMs: 3_000, seed: 1 });
  const context = `seed ${seed}: exhaustive ${exists ? 'feasible' : 'infeasible'}, exact ${outcome}, solve ${solution.status}/${solution.stats.proof}`;
  expect({ context, outcome }).toEqual({ context, outcome: exists ? 'found' : 'infeasible' });
  expect({ context, status: solution.status }).toEqual({
    context,
    status: exists ? 'complete' : 'none',
  });
  expect({ context, violations: validateSolution(problem, solution) }).toEqual({
    context,
    violations: [],
  });
  return { exists, solution, context };
}
