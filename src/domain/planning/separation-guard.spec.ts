import type { Problem } from './format';
import { compileModel } from './model/compile';
import { dropSeparationBreaks } from './separation-guard';
import { solve } from './solve';
import { validateSolution } from './solution-check';
import { tinyProblem } from './solution-check/tiny-problem.testing';
import type { PatientPlan } from './solver/patient-plan';

function withSeparation(minHours: number): Problem {
  const problem = tinyProblem();
  problem.formatVersion = 1.1;
  problem.protocols[0].rules!.push({ type: 'separation', series: ['dose', 'talk'], minHours });
  return problem;
}

/** A plan of patient 0 with sessions (series index, start in epoch minutes). */
function plan(sessions: [number, number][]): PatientPlan {
  return {
    patient: 0,
    sessions: sessions.map(([series, start], i) => ({
      series,
      index: i + 1,
      slot: 0,
      start,
      day: 0,
      room: -1,
      staff: [],
      existing: null,
      moved: false,
      booking: i,
    })),
    moved: 0,
    breaks: 0,
    lastDay: 0,
  };
}

describe('separation guard (interim, until the solver plans separations)', () => {
  const model = compileModel(withSeparation(20));
  const t0 = 28_000_000;

  it('keeps a plan whose listed sessions all start at least minHours apart', () => {
    const plans = [
      plan([
        [0, t0],
        [1, t0 + 20 * 60],
        [0, t0 + 48 * 60],
      ]),
    ];
    expect(dropSeparationBreaks(model, plans).size).toBe(0);
    expect(plans[0]).not.toBeNull();
  });

  it('drops a plan with two listed sessions too close, with a reason naming them', () => {
    const plans = [
      plan([
        [0, t0],
        [1, t0 + 48 * 60],
        [1, t0 + 19 * 60],
      ]),
    ];
    const reasons = dropSeparationBreaks(model, plans);
    expect(plans[0]).toBeNull();
    expect(reasons.get(0)).toEqual({
      code: 'SEPARATION_NOT_PLANNED',
      message: expect.stringMatching(/dose #1 and talk #3 19 h apart.*at least 20 h/),
    });
  });

  it.each([0, 4, 20, 30])(
    'never answers with a schedule breaking a %i h separation',
    (minHours) => {
      const problem = withSeparation(minHours);
      const solution = solve(problem, { timeLimitMs: 2000, seed: 1 });
      expect(solution.formatVersion).toBe(1.1);
      expect(validateSolution(problem, solution)).toEqual([]);
      for (const u of solution.unscheduled) expect(u.reasons.length).toBeGreaterThan(0);
    },
  );
});
