/**
 * Compares the solver with the exhaustive optimum of a tiny problem: the
 * solution must be valid, its score the optimum, and its proof claim honest.
 */
import type { Problem, Solution } from '../../../src/domain/planning/format';
import { BruteForce, type BruteForceResult } from './brute-force';
import { solve } from './planner-api';
import { counterexample } from './report';
import { validateSolution } from './validator-api';

export interface OptimumComparison {
  exact: BruteForceResult;
  solution: Solution;
}

/** Throws SearchTooLarge (from the exhaustive search) when the problem is not tiny enough. */
export function compareWithOptimum(
  problem: Problem,
  timeLimitMs = 2000,
  seed = 1,
  maxCalls?: number,
): OptimumComparison {
  const exact = new BruteForce(problem, maxCalls).run();
  const solution = solve(problem, { timeLimitMs, seed });
  const fail = (title: string, details: unknown) => {
    throw new Error(
      counterexample(title, problem, { ...(details as object), optimum: exact.best }, solution),
    );
  };
  const violations = validateSolution(problem, solution);
  if (violations.length > 0) fail('solver solution breaks the rules', { violations });
  const complete = exact.bestScore.scheduledPatients === problem.patients.length;
  if (solution.stats.proof === 'infeasible' && complete) {
    fail('solver claims infeasible, but a complete schedule exists', {
      optimumScore: exact.bestScore,
    });
  }
  if (solution.stats.proof === 'infeasible') {
    // The claim must rest on a patient who cannot be scheduled even alone.
    const alone = problem.patients.map((p, i) => [p.id, exact.candidatesPerPatient[i]] as const);
    if (!alone.some(([, n]) => n === 0)) {
      fail('solver claims infeasible, but every patient can be scheduled on their own', { alone });
    }
  }
  const bound = solution.stats.bound?.scheduledPatients;
  if (bound === undefined || bound < exact.bestScore.scheduledPatients) {
    fail('stats.bound is missing or below the optimum', {
      bound,
      optimumScore: exact.bestScore,
    });
  }
  if (
    solution.stats.proof === 'optimal' &&
    JSON.stringify(solution.score) !== JSON.stringify(exact.bestScore)
  ) {
    fail('solver claims optimal with a score that is not the optimum', {
      solverScore: solution.score,
      optimumScore: exact.bestScore,
    });
  }
  if (JSON.stringify(solution.score) !== JSON.stringify(exact.bestScore)) {
    fail('solver score differs from the exhaustive optimum', {
      solverScore: solution.score,
      optimumScore: exact.bestScore,
    });
  }
  return { exact, solution };
}
