import type { Problem } from './format';
import { solve } from './solve';
import { validateSolution } from './solution-check';
import { tinyProblem } from './solution-check/tiny-problem.testing';

function withSeparation(minHours: number): Problem {
  const problem = tinyProblem();
  problem.formatVersion = 1.1;
  problem.protocols[0].rules!.push({ type: 'separation', series: ['dose', 'talk'], minHours });
  return problem;
}

describe('separation (format 1.1)', () => {
  it.each([0, 4, 20])(
    'plans a %i h separation: the schedule keeps it (validator), nobody left out',
    (minHours) => {
      const problem = withSeparation(minHours);
      const solution = solve(problem, { timeLimitMs: 2000, seed: 1 });
      expect(solution.formatVersion).toBe(1.1);
      expect(validateSolution(problem, solution)).toEqual([]);
      expect(solution.status).toBe('complete');
    },
  );

  // Dose → talk within 30 h of its end but ≥ 30 h after its start, then the next dose
  // ≥ 30 h after that talk: Mon/Wed/Fri doses with weekends off cannot make it.
  it('proves a 30 h separation infeasible for the Mon/Wed/Fri course', () => {
    const problem = withSeparation(30);
    const solution = solve(problem, { timeLimitMs: 5000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('none');
    expect(solution.stats.proof).toBe('infeasible');
  });
});
