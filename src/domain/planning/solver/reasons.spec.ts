import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem, Solution } from '../format';
import { compileModel } from '../model/compile';
import { validateSolution } from '../solution-check';
import { solve } from '../solve';
import { Planner } from './planner';
import { FLOOR_BUDGET } from './planner-budgets';
import { explainAll } from './reasons';
import { appointmentsOf } from './solution-output';

/** A nurse free 09:00–11:00 on Monday 15 March 2027; each patient needs one 60-minute talk. */
function nurseMorning(patients: Problem['patients']): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-15' },
    staff: [
      {
        id: 'rn',
        roles: ['rn'],
        availability: [{ date: '2027-03-15', start: '09:00', end: '11:00' }],
      },
    ],
    rooms: [],
    sessionTypes: [{ id: 'talk', durationMinutes: 60, room: null, staff: [{ role: 'rn' }] }],
    protocols: [
      { id: 'one', series: [{ id: 't', sessionType: 'talk', count: { min: 1, max: 1 } }] },
    ],
    patients,
  };
}

const onlyNine = [{ start: '2027-03-15T10:00', end: '2027-03-15T23:00' }];

describe('explainAll', () => {
  it('says BOOKED_BY_OTHERS, naming who holds the role, when counting proves no shortage', () => {
    // Both can only come at 09:00; the nurse's two free hours are enough by counting.
    const problem = nurseMorning([
      { id: 'a', protocol: 'one', unavailable: onlyNine },
      { id: 'b', protocol: 'one', unavailable: onlyNine },
    ]);
    const solution = solve(problem, { timeLimitMs: 2000 });
    expect(solution.score.scheduledPatients).toBe(1);
    expect(solution.stats.proof).toBe('unknown');
    expect(solution.stats.bound).toEqual({ scheduledPatients: 2 });
    const [left] = solution.unscheduled;
    const other = left.patient === 'a' ? 'b' : 'a';
    expect(left.reasons[0].code).toBe('BOOKED_BY_OTHERS');
    expect(left.reasons[0].message).toContain(`role rn (held then by ${other})`);
    // One more nurse at 09:00 is verified to let the patient in.
    expect(left.reasons[0].suggestion).toBe(
      'one more person with role rn, available 2027-03-15 09:00–10:00 (1 window, 1 h in total)',
    );
  });

  it('calls a patient whose only hour is pinned by another unschedulable alone, for want of staff', () => {
    const problem = nurseMorning([
      { id: 'a', protocol: 'one' },
      { id: 'b', protocol: 'one', unavailable: onlyNine },
    ]);
    problem.existing = [
      {
        id: 'a-1',
        patient: 'a',
        series: 't',
        index: 1,
        start: '2027-03-15T09:00',
        room: null,
        staff: [{ id: 'rn', role: 'rn' }],
        mode: 'pinned',
      },
    ];
    const solution = solve(problem, { timeLimitMs: 2000 });
    expect(solution.unscheduled.map((u) => u.patient)).toEqual(['b']);
    expect(solution.stats.proof).toBe('infeasible');
    expect(solution.stats.bound).toEqual({ scheduledPatients: 1 });
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('NO_RESOURCE_AVAILABILITY');
    expect(reason.message).toMatch(/even alone .* \(proven by propagation, with pinned bookings/);
    expect(reason.suggestion).toBe(
      'one more person with role rn, available 2027-03-15 09:00–10:00 (1 window, 1 h in total)',
    );
  });

  it('gives a counting proof when the role lacks time whatever the plan', () => {
    const problem = nurseMorning(['a', 'b', 'c'].map((id) => ({ id, protocol: 'one' })));
    const solution = solve(problem, { timeLimitMs: 2000 });
    expect(solution.score.scheduledPatients).toBe(2);
    expect(solution.stats.bound).toEqual({ scheduledPatients: 2 });
    expect(solution.unscheduled[0].reasons[0]).toMatchObject({
      code: 'NO_RN_CAPACITY',
      message: expect.stringMatching(/^counting proves that at most 2 of these 3 patients/),
    });
  });

  it('leads with BOOKED_BY_OTHERS when more are out than counting forces out', () => {
    // The nurse's 09:00 and 10:00 hours; a and b can come only at 09:00, c at any hour.
    // Counting: at most 2 of the 3 fit (one out). A plan with c at 09:00 leaves both a and
    // b out: capacity explains one of them, the plan the other, and neither reason alone
    // is the whole truth for either.
    const problem = nurseMorning([
      { id: 'a', protocol: 'one', unavailable: onlyNine },
      { id: 'b', protocol: 'one', unavailable: onlyNine },
      { id: 'c', protocol: 'one' },
    ]);
    const model = compileModel(problem);
    const planner = new Planner(model, { seed: 1, deadline: Infinity, clock: () => 0 });
    expect(planner.insert(2, FLOOR_BUDGET)).toBe(true);
    expect(model.slotStart[planner.plans[2]!.sessions[0].slot]).toBe(
      Date.parse('2027-03-15T09:00Z') / 60_000,
    );
    const explained = explainAll(planner, { deadline: Infinity, clock: () => 0 });
    expect(explained.adopted).toEqual([]);
    for (const p of [0, 1])
      expect(explained.reasons.get(p)!.map((r) => r.code)).toEqual([
        'BOOKED_BY_OTHERS',
        'NO_RN_CAPACITY',
      ]);
  });

  it('places a patient whose schedule it finds around the others (adopted, valid)', () => {
    const problem: Problem = JSON.parse(
      readFileSync(
        join(__dirname, '../../../../test/fixtures/examples/retreat-3-day.json'),
        'utf8',
      ),
    );
    const model = compileModel(problem);
    // Nobody placed yet: every patient is classified, and each found schedule is kept.
    const planner = new Planner(model, { seed: 1, deadline: Infinity, clock: () => 0 });
    const explained = explainAll(planner, { deadline: Infinity, clock: () => 0 });
    expect(explained.adopted).toHaveLength(problem.patients.length);
    expect(explained.reasons.size).toBe(0);
    const score = planner.score();
    const solution: Solution = {
      formatVersion: 1,
      status: 'complete',
      appointments: appointmentsOf(model, planner.plans),
      unscheduled: [],
      score,
      stats: { elapsedMs: 0, proof: 'feasible' },
    };
    expect(validateSolution(problem, solution)).toEqual([]);
  });

  it('stops at its deadline: no search once the time is up', () => {
    const problem = nurseMorning(['a', 'b', 'c'].map((id) => ({ id, protocol: 'one' })));
    const model = compileModel(problem);
    const planner = new Planner(model, { seed: 1, deadline: Infinity, clock: () => 0 });
    const explained = explainAll(planner, { deadline: 0, clock: () => 0 });
    expect(explained.adopted).toEqual([]);
    for (const reasons of explained.reasons.values()) {
      expect(reasons[0].code).toBe('SEARCH_LIMIT');
      expect(reasons[0].message).toMatch(
        /stopped on its limit at once \(the time limit left no time to search\)/,
      );
      expect(reasons.some((r) => r.suggestion)).toBe(false);
    }
  });
});
