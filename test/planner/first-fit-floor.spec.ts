/**
 * The first-fit floor (issue 7: "never below a first-fit floor"): the solve
 * starts from the first-fit booker's plans (src/domain/planning/first-fit,
 * the problem's own patient order) and keeps the best plan it sees, so it
 * never schedules fewer patients than that booker, whatever the time limit.
 * Checked on instances from two generators built differently (first-fit
 * planted clinics on seeds outside the sweep's tuning and held-out sets, and
 * the planted clinic scenarios), with a short limit and the patients in the
 * generator's order and reversed.
 */
import { firstFitBook } from '../../src/domain/planning/first-fit/first-fit-booker';
import type { Problem } from '../../src/domain/planning/format';
import { clinicProblem } from '../../bench/scenarios/clinic';
import { firstFitPlanted } from '../factories/planning/firstfit-planted';
import { solve } from './support/planner-api';
import { validateSolution } from './support/validator-api';

const FIRST_FIT_PLANTED: Array<[number, number]> = [
  [501, 10],
  [503, 9],
  [504, 14],
];
const CLINICS: Array<[number, number]> = [[12, 3]];

function expectAtLeastFirstFit(problem: Problem): void {
  for (const patients of [problem.patients, [...problem.patients].reverse()]) {
    const ordered = { ...problem, patients };
    const floor = firstFitBook(ordered).score.scheduledPatients;
    const solution = solve(ordered, { timeLimitMs: 300, seed: 1 });
    expect(validateSolution(ordered, solution)).toEqual([]);
    expect(solution.score.scheduledPatients).toBeGreaterThanOrEqual(floor);
  }
}

describe('first-fit floor', () => {
  it.each(FIRST_FIT_PLANTED)(
    'first-fit planted seed %i (%i patients): never below the first-fit booker',
    (seed, patients) => expectAtLeastFirstFit(firstFitPlanted(seed, { patients }).problem),
    60_000,
  );

  it.each(CLINICS)(
    'planted clinic of %i patients (seed %i): never below the first-fit booker',
    (patients, seed) => expectAtLeastFirstFit(clinicProblem(patients, seed)),
    60_000,
  );
});
