import type { Solution } from '../domain/planning/format';
import { tinyProblem, tinySolution } from '../domain/planning/solution-check/tiny-problem.testing';
import {
  formatProblemErrors,
  formatProgress,
  formatScore,
  formatSummary,
  throttled,
} from './plan-output';

describe('plan output', () => {
  it('prints each input error as pointer: message [code]', () => {
    expect(
      formatProblemErrors([
        {
          pointer: '/staff/2/availability/0/rrule',
          code: 'INVALID_RRULE',
          message: 'RRULE "x" is bad',
        },
        { pointer: '', code: 'INVALID_TYPE', message: 'must be an object' },
      ]),
    ).toBe(
      '/staff/2/availability/0/rrule: RRULE "x" is bad [INVALID_RRULE]\n/: must be an object [INVALID_TYPE]',
    );
  });

  it('prints progress with elapsed seconds, patients placed and the best score', () => {
    expect(
      formatProgress({
        elapsedMs: 2345,
        patientsPlaced: 3,
        patientsTotal: 8,
        bestScore: {
          scheduledPatients: 3,
          movedAppointments: 0,
          continuityBreaks: 2,
          completionDays: 40,
        },
      }),
    ).toBe(
      '[2.3 s] placed 3/8 patients; best: 3 patients scheduled, 0 moved, 2 continuity breaks, 40 completion days',
    );
    expect(formatScore(null)).toBe('no score yet');
  });

  it('throttles progress to one line per interval, none before the first interval', () => {
    let now = 0;
    const seen: number[] = [];
    const emit = throttled<number>(
      1000,
      () => now,
      (v) => seen.push(v),
    );
    for (const [t, v] of [
      [200, 1],
      [999, 2],
      [1000, 3],
      [1500, 4],
      [2100, 5],
    ]) {
      now = t;
      emit(v);
    }
    expect(seen).toEqual([3, 5]);
  });

  it('prints sessions in clinic time with weekday, series#index, room and staff', () => {
    const text = formatSummary(tinyProblem(), tinySolution());
    expect(text).toContain('Status: complete (proof: optimal, 5 ms)');
    expect(text).toContain(
      'Score:  1/1 patients scheduled, 0 moved, 0 continuity breaks, 2 completion days',
    );
    expect(text).toContain('p1 (iv), 4 sessions, times in America/New_York:');
    expect(text).toMatch(
      /2027-03-01 {2}Mon {2}09:00-11:00 {2}dose#1 {3}inf-1 {2}doc, rn-1, ther-1/,
    );
    expect(text).toMatch(/2027-03-03 {2}Wed {2}13:00-14:00 {2}talk#2 {3}th-1 {3}ther-1/);
  });

  it('prints local wall-clock times after the DST change', () => {
    const solution = tinySolution();
    solution.appointments[3].start = '2027-03-15T13:00:00-04:00';
    solution.appointments[3].end = '2027-03-15T14:00:00-04:00';
    expect(formatSummary(tinyProblem(), solution)).toMatch(/2027-03-15 {2}Mon {2}13:00-14:00/);
  });

  it('marks EDT/EST on a time in the hour the clocks repeat (a 150-min dose 00:00 EDT-01:30 EST)', () => {
    const solution = tinySolution();
    solution.appointments[0].start = '2027-11-07T00:00:00-04:00';
    solution.appointments[0].end = '2027-11-07T01:30:00-05:00';
    solution.appointments[3].start = '2027-11-07T01:15:00-04:00';
    solution.appointments[3].end = '2027-11-07T02:15:00-05:00';
    const text = formatSummary(tinyProblem(), solution);
    expect(text).toMatch(/2027-11-07 {2}Sun {2}00:00-01:30 EST {2}dose#1/);
    expect(text).toMatch(/2027-11-07 {2}Sun {2}01:15 EDT-02:15 {2}talk#2/);
  });

  it('lists reasons and suggestions for patients left out', () => {
    const solution: Solution = {
      ...tinySolution(),
      status: 'none',
      appointments: [],
      unscheduled: [
        {
          patient: 'p1',
          reasons: [
            {
              code: 'RULE_CONFLICT',
              message: 'days and gap cannot both hold',
              suggestion: 'allow Mondays',
            },
          ],
        },
      ],
    };
    const text = formatSummary(tinyProblem(), solution);
    expect(text).not.toContain('p1 (iv)');
    expect(text).toContain(
      'Not scheduled:\n  p1:\n    - [RULE_CONFLICT] days and gap cannot both hold\n      suggestion: allow Mondays',
    );
  });
});
