import { checkProblem } from '../planning/problem-check';
import type { Solution } from '../planning/format';
import { buildPlanRunProblem, planRunRefusals } from './build-problem';
import { appointment, at, input } from './build-problem.testing';
import { outsideProtocol } from './outside-protocol';
import { proposalOf, type RunNames } from './proposal';

/** e1 pinned to a version with 2 doses and no `intake`: dose 3 and the intake are outside. */
const rows = [
  appointment({ id: 'd1', index: 1 }),
  appointment({
    id: 'd3',
    index: 3,
    start: at('2027-03-15T14:00:00Z'),
    end: at('2027-03-15T16:00:00Z'),
  }),
  appointment({ id: 'in', seriesId: 'intake', sessionType: 'intake', index: 1 }),
  appointment({ id: 'old', seriesId: 'intake', sessionType: 'intake', status: 'completed' }),
  appointment({ id: 'gone', seriesId: 'intake', status: 'cancelled' }),
  appointment({ id: 'm4', index: 4, status: 'missed' }),
  appointment({ id: 'other', enrollmentId: 'e2', patientId: 'p2', seriesId: 'x', index: 9 }),
];

const names = (over: Partial<RunNames> = {}): RunNames => ({
  patients: { e1: { patientId: 'p1', displayName: 'P', initials: 'P', externalRef: null } },
  staff: {},
  rooms: {},
  sessionTypes: {},
  existing: {},
  ...over,
});

describe('outsideProtocol', () => {
  it('lists removed series (booked, completed, missed) and indexes beyond the count (not missed)', () => {
    const out = outsideProtocol(input({ appointments: rows }));
    expect(out.map((a) => [a.id, a.status, a.cause])).toEqual([
      ['in', 'booked', 'SERIES_REMOVED'],
      ['old', 'completed', 'SERIES_REMOVED'],
      ['d3', 'booked', 'INDEX_OUT_OF_RANGE'],
    ]);
    expect(out.find((a) => a.id === 'd3')!.message).toBe(
      'the enrollment gets 2 dose sessions under iv@v1; there is no dose 3',
    );
    expect(out.find((a) => a.id === 'in')!.message).toBe(
      'iv@v1 has no series "intake" (it has: dose)',
    );
  });

  it('reads the enrollment counts (linked and default resolved as the format does)', () => {
    const base = input();
    const e = base.enrollments[0];
    const widened = {
      ...e,
      definition: {
        series: [{ id: 'dose', sessionType: 'iv', count: { min: 2, max: 4, default: 3 } }],
      },
    };
    const three = appointment({ id: 'd3', index: 3 });
    expect(outsideProtocol(input({ enrollments: [widened], appointments: [three] }))).toEqual([]);
    const two = { ...widened, counts: { dose: 2 } };
    expect(outsideProtocol(input({ enrollments: [two], appointments: [three] }))).toHaveLength(1);
  });

  it('a normal run is refused naming each booked one and its cause, never /existing', () => {
    const issues = planRunRefusals(input({ appointments: rows }));
    expect(issues.map((i) => i.code)).toEqual([
      'APPOINTMENT_OUTSIDE_PROTOCOL',
      'APPOINTMENT_OUTSIDE_PROTOCOL',
    ]);
    const text = issues.map((i) => i.message).join('\n');
    expect(text).toMatch(/appointment d3 \(dose 3, 2027-03-15T10:00:00-04:00\) is booked, but/);
    expect(text).toMatch(/beyond the count/);
    expect(text).toMatch(/appointment in \(intake 1, .*\) .*series was removed/);
    expect(text).toContain('{"enrollmentIds": ["e1"], "repair": true}');
    expect(text).not.toMatch(/shape|\/existing/);
  });

  it('a repair run is not refused; the problem leaves them out and is valid', () => {
    const repair = input({ appointments: rows, repair: true });
    expect(planRunRefusals(repair)).toEqual([]);
    const problem = buildPlanRunProblem(repair);
    expect((problem.existing ?? []).map((x) => x.id).sort()).toEqual(['d1', 'm4']);
    expect(checkProblem(problem).ok).toBe(true);
  });

  it('the proposal removes the booked ones (not completed ones, not an unscheduled patient)', () => {
    const repair = input({ appointments: rows, repair: true });
    const problem = buildPlanRunProblem(repair);
    const solution = {
      status: 'complete',
      appointments: [],
      unscheduled: [],
    } as unknown as Solution;
    const n = names({ outsideProtocol: outsideProtocol(repair) });
    const proposal = proposalOf(problem, solution, n);
    const removed = proposal.removed.filter((r) => r.reason);
    expect(removed.map((r) => r.id).sort()).toEqual(['d3', 'in']);
    expect(proposal.outsideProtocol.map((a) => [a.id, a.cancel])).toEqual(
      expect.arrayContaining([
        ['d3', true],
        ['in', true],
        ['old', false],
      ]),
    );
    const out = { ...solution, unscheduled: [{ patient: 'e1', reasons: [] }] } as Solution;
    const left = proposalOf(problem, out, n);
    expect(left.removed).toEqual([]);
    expect(left.outsideProtocol.every((a) => !a.cancel)).toBe(true);
  });
});
