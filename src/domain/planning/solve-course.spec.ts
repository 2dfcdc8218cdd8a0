/**
 * Courses in progress (format 1.1) through the planner: `now`. Every
 * solution goes through the independent validator (solveChecked).
 */
import type { Problem } from './format';
import { checkProblem } from './problem-check';
import { solveChecked } from './solve-checked';
import { tinyProblem } from './solution-check/tiny-problem.testing';

function withNow(now: string): Problem {
  const problem = tinyProblem();
  problem.formatVersion = 1.1;
  problem.now = now;
  return problem;
}

function solved(problem: Problem) {
  const checked = checkProblem(problem);
  expect(checked.ok ? [] : checked.errors).toEqual([]);
  const result = solveChecked(problem, { timeLimitMs: 3000, seed: 1 });
  expect(result.ok ? [] : result.violations).toEqual([]);
  if (!result.ok) throw new Error('invalid solution');
  return result.solution;
}

const ms = (iso: string) => Date.parse(iso);

describe('now (format 1.1) through the planner', () => {
  it('starts every new session at or after now, on the first start it allows', () => {
    // Wednesday 3 March 10:00: the Monday dose is gone; Wed 10:00 is the first start.
    const solution = solved(withNow('2027-03-03T10:00'));
    expect(solution.status).toBe('complete');
    const starts = solution.appointments.map((a) => ms(a.start)).sort((a, b) => a - b);
    expect(starts[0]).toBe(ms('2027-03-03T10:00:00-05:00'));
    for (const t of starts) expect(t).toBeGreaterThanOrEqual(ms('2027-03-03T10:00:00-05:00'));
  });

  it('keeps a pinned booking that lies before now', () => {
    const problem = withNow('2027-03-02T12:00');
    problem.existing = [
      {
        id: 'pin-1',
        patient: 'p1',
        series: 'dose',
        index: 1,
        start: '2027-03-01T09:00',
        room: 'inf-1',
        staff: [
          { id: 'doc', role: 'prescriber' },
          { id: 'rn-1', role: 'rn' },
          { id: 'ther-1', role: 'therapist' },
        ],
        mode: 'pinned',
      },
    ];
    const solution = solved(problem);
    expect(solution.status).toBe('complete');
    const pinned = solution.appointments.find((a) => a.id === 'pin-1')!;
    expect(ms(pinned.start)).toBe(ms('2027-03-01T09:00:00-05:00'));
    // The talk following the Monday dose comes after now (Tue 12:00, within 30 h of its end).
    for (const a of solution.appointments.filter((x) => x.id !== 'pin-1'))
      expect(ms(a.start)).toBeGreaterThanOrEqual(ms('2027-03-02T12:00:00-05:00'));
  });

  it('explains a patient whose window lies before now (no allowed day after now), proven', () => {
    const solution = solved(withNow('2027-03-13T08:00'));
    expect(solution.status).toBe('none');
    expect(solution.stats.proof).toBe('infeasible');
    expect(solution.unscheduled[0].reasons[0]).toMatchObject({
      code: 'NO_ALLOWED_DAY',
      message: expect.stringContaining('before now'),
    });
  });

  it('leaves too little time after now as a rule conflict, not as a capacity shortage', () => {
    // Wed 10 March 16:30: a 2 h dose no longer fits Wednesday's patient day (ends 18:00),
    // doses are Mon/Wed/Fri only and the window closes Fri 12 March: one dose of two.
    const solution = solved(withNow('2027-03-10T16:30'));
    expect(solution.status).toBe('none');
    expect(solution.stats.proof).toBe('infeasible');
    expect(solution.unscheduled[0].reasons.map((r) => r.code)).not.toContain(
      'NO_PRESCRIBER_CAPACITY',
    );
    expect(solution.unscheduled[0].reasons[0].code).toBe('RULE_CONFLICT');
  });
});
