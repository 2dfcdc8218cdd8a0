/**
 * The staff chosen for one session can block a later one (a per-day minute
 * limit, a person free only in the morning): the search must also try other
 * people at the same start, not only the first assignment found in a fixed
 * or best-fit order.
 */
import type { Problem } from '../format';
import { solve } from '../solve';
import { validateSolution } from '../solution-check';

/**
 * Two 120-minute doses on one day. rn-capped may work 180 minutes a day (one
 * dose) and is free 10:00-13:00 and 14:00-19:00; rn-morning is free
 * 08:00-13:15. At 11:00 both are free and rn-capped's free time ends sooner
 * (best fit picks rn-capped); the only plan is rn-morning at 11:00 and
 * rn-capped in the afternoon.
 */
function cappedRnProblem(): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-15' },
    staff: [
      {
        id: 'rn-capped',
        roles: ['rn'],
        availability: [
          { date: '2027-03-15', start: '10:00', end: '13:00' },
          { date: '2027-03-15', start: '14:00', end: '19:00' },
        ],
        limits: { maxMinutesPerDay: 180 },
      },
      {
        id: 'rn-morning',
        roles: ['rn'],
        availability: [{ date: '2027-03-15', start: '08:00', end: '13:15' }],
      },
    ],
    rooms: [],
    sessionTypes: [{ id: 'dose-120', durationMinutes: 120, room: null, staff: [{ role: 'rn' }] }],
    protocols: [
      {
        id: 'two-doses',
        series: [{ id: 'dose', sessionType: 'dose-120', count: { min: 2, max: 2 } }],
        patientDay: { start: '11:00', end: '17:00' },
      },
    ],
    patients: [{ id: 'a', protocol: 'two-doses' }],
  };
}

describe('staff alternatives at one start', () => {
  it('gives the morning dose to the RN without a daily cap when the capped RN is needed later', () => {
    const problem = cappedRnProblem();
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.status).toBe('complete');
    const byStart = [...s.appointments].sort((x, y) => x.start.localeCompare(y.start));
    expect(byStart.map((x) => [x.start.slice(11, 16), x.staff[0].id])).toEqual([
      ['11:00', 'rn-morning'],
      [expect.stringMatching(/^1[45]:00$/), 'rn-capped'],
    ]);
  });

  it('finds the same plan when the staff are listed in the other order', () => {
    const problem = cappedRnProblem();
    problem.staff.reverse();
    const s = solve(problem);
    expect(validateSolution(problem, s)).toEqual([]);
    expect(s.status).toBe('complete');
  });
});
