/**
 * Presence requirements (format 1.1) in the complete one-patient search: on
 * the single-patient completeness instances with a cover requirement added
 * (withPresenceCover), the exhaustive enumerator (which knows presence only
 * through the independent validator) decides whether any valid schedule
 * exists; the complete search and solve() must agree every time, and every
 * plan must pass the validator.
 */
import { checkProblem } from '../../src/domain/planning/problem-check';
import { singlePatientProblem } from '../factories/planning/single-patient';
import { withPresenceCover } from '../factories/planning/with-presence';
import { expectOnePatientAgreement } from './support/one-patient-agreement';

const RUNS = Number(process.env.COMPLETENESS_RUNS ?? 40);

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
      const agreed = expectOnePatientAgreement(problem, seed);
      if (!agreed) {
        skipped++;
        continue;
      }
      const { exists } = agreed;
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
