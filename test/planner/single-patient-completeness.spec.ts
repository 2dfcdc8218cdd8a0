/**
 * Single-patient completeness: on random one-patient problems (other
 * patients' bookings as busy), the exhaustive enumerator decides whether any
 * valid schedule exists; the complete search must agree every time (never
 * "infeasible" when one exists, never stopped by its limits on these sizes),
 * and solve() must schedule the patient exactly when one exists, with a
 * proof claim that is true. One instance in three is a course in progress
 * (format 1.1 `now`, done and missed sessions, resumeGapHours).
 */
import { checkProblem } from '../../src/domain/planning/problem-check';
import { singlePatientProblem } from '../factories/planning/single-patient';
import { expectOnePatientAgreement } from './support/one-patient-agreement';

/** Tuned on seeds from 1; seeds from 5001 were only run after (held out). COMPLETENESS_RUNS=500 for a long run. */
const SEED_SETS: Array<[string, number]> = [
  ['tuning', 1],
  ['held-out', 5001],
];
const RUNS = Number(process.env.COMPLETENESS_RUNS ?? 40);

describe.each(SEED_SETS)('single-patient completeness (%s seeds)', (_name, first) => {
  it('agrees with exhaustive enumeration on every instance', () => {
    let feasible = 0;
    let infeasible = 0;
    let skipped = 0;
    let courses = 0;
    for (let seed = first; seed < first + RUNS; seed++) {
      const raw = singlePatientProblem(seed);
      const checked = checkProblem(raw);
      if (!checked.ok) {
        skipped++;
        continue;
      }
      const problem = checked.problem;
      const agreed = expectOnePatientAgreement(problem, seed);
      if (!agreed) {
        skipped++;
        continue;
      }
      const { exists, solution, context } = agreed;
      if ((problem.existing ?? []).some((e) => e.mode === 'done')) courses++;
      if (exists) feasible++;
      else {
        infeasible++;
        // Proven: the complete search exhausted the patient's space with nobody else booked.
        expect({ context, proof: solution.stats.proof }).toEqual({ context, proof: 'infeasible' });
      }
    }
    // The generator must produce both kinds, and few instances too large to enumerate.
    expect(feasible).toBeGreaterThanOrEqual(RUNS / 6);
    expect(infeasible).toBeGreaterThanOrEqual(RUNS / 10);
    expect(skipped).toBeLessThan(RUNS / 2);
    // Courses in progress (done sessions) are among the instances compared.
    expect(courses).toBeGreaterThanOrEqual(RUNS / 20);
  });
});
