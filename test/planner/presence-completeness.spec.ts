/**
 * Presence requirements (format 1.1) in the complete one-patient search: on
 * the single-patient completeness instances with a cover requirement added
 * (withPresenceCover), the exhaustive enumerator (which knows presence only
 * through the independent validator) decides whether any valid schedule
 * exists; the complete search and solve() must agree every time, and every
 * plan must pass the validator.
 */
import { checkProblem } from '../../src/domain/planning/problem-check';
import { compileModel } from '../../src/domain/planning/model/compile';
import { computeDomains } from '../../src/domain/planning/solver/domains';
import { courseModel } from '../../src/domain/planning/solver/course';
import { exactPatientSearch } from '../../src/domain/planning/solver/exact-search';
import { ResourceState } from '../../src/domain/planning/solver/resource-state';
import { solve } from '../../src/domain/planning/solve';
import type { Problem } from '../../src/domain/planning/format';
import { singlePatientProblem } from '../factories/planning/single-patient';
import { withPresenceCover } from '../factories/planning/with-presence';
import { BruteForce, SearchTooLarge } from './support/brute-force';
import { validateSolution } from './support/validator-api';

const RUNS = Number(process.env.COMPLETENESS_RUNS ?? 40);

function exactOutcome(problem: Problem): string {
  // Courses in progress (the generator makes some) are searched in their course view.
  const model = courseModel(compileModel(problem));
  const doms = computeDomains(model, model.patients[0], new Map());
  if (doms.failure) return 'infeasible';
  return exactPatientSearch(model, new ResourceState(model), 0, doms.domains, {
    nodeLimit: 200_000,
  }).outcome;
}

describe('single-patient completeness with presence requirements', () => {
  it('agrees with exhaustive enumeration on every instance', () => {
    let feasible = 0;
    let infeasible = 0;
    let skipped = 0;
    let withCover = 0;
    for (let seed = 9001; seed < 9001 + RUNS; seed++) {
      const checked = checkProblem(withPresenceCover(singlePatientProblem(seed), seed));
      if (!checked.ok) {
        skipped++;
        continue;
      }
      const problem = checked.problem;
      const covered = problem.sessionTypes.some((t) => t.staff.some((r) => r.mode === 'present'));
      let exists: boolean;
      try {
        exists = new BruteForce(problem, 4_000).candidates(problem.patients[0]).length > 0;
      } catch (e) {
        if (!(e instanceof SearchTooLarge)) throw e;
        skipped++;
        continue;
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
      if (covered) withCover++;
      if (exists) feasible++;
      else infeasible++;
    }
    expect(withCover).toBeGreaterThanOrEqual(RUNS / 4);
    expect(feasible).toBeGreaterThanOrEqual(RUNS / 6);
    expect(infeasible).toBeGreaterThanOrEqual(RUNS / 10);
    expect(skipped).toBeLessThan(RUNS / 2);
  });
});
