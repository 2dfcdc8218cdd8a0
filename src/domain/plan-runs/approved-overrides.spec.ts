import type { ProtocolDefinition } from '../catalog/protocol-definition';
import { checkProblem } from '../planning/problem-check';
import { solve } from '../planning/solve';
import { validateSolution } from '../planning/solution-check';
import { approvedExceptions, approvedProtocol, unplannableOverrides } from './approved-overrides';
import { buildPlanRunProblem, planRunRefusals, type StoredEnrollment } from './build-problem';
import { appointment, at, H, input } from './build-problem.testing';

const ZONE = 'America/New_York';

/** Three doses, gap 44–100 h, M/W/F, a span of at most 10 days, no Sundays. */
function enrollment(over: Partial<ProtocolDefinition> = {}): StoredEnrollment {
  const base = input().enrollments[0];
  return {
    ...base,
    definition: {
      series: [
        {
          id: 'dose',
          sessionType: 'iv',
          count: { min: 3, max: 3 },
          gapHours: { min: 44, max: 100 },
          days: ['MO', 'WE', 'FR'],
        },
      ],
      spanDays: { max: 10 },
      restDays: ['SU'],
      ...over,
    },
  };
}

/** A dose booked at a New York wall time (EST, -05:00), 2 h long. */
const dose = (id: string, index: number, local: string, overrideRules?: string[]) => {
  const start = at(`${local}:00-05:00`);
  return appointment({ id, index, start, end: start + 2 * H, overrideRules });
};

describe('approvedProtocol', () => {
  it('lowers the gap minimum exactly to the approved gap, and changes nothing else', () => {
    const e = enrollment();
    const rows = [
      dose('a1', 1, '2027-03-08T15:00'),
      dose('a2', 2, '2027-03-10T08:00', ['GAP_HOURS']), // 41 h after dose 1
    ];
    const { definition, relaxed } = approvedProtocol(e, rows, ZONE);
    expect(relaxed).toEqual(['GAP_HOURS']);
    expect(definition.series[0]).toEqual({
      ...e.definition.series[0],
      gapHours: { min: 41, max: 100 },
    });
    expect({ ...definition, series: e.definition.series }).toEqual(e.definition);
    expect(e.definition.series[0].gapHours).toEqual({ min: 44, max: 100 }); // not mutated
  });

  it('raises the gap maximum to the approved gap, for the gap after the approved session too', () => {
    const rows = [
      dose('a1', 1, '2027-03-08T09:00', ['GAP_HOURS']),
      dose('a2', 2, '2027-03-13T09:00'), // 120 h later
    ];
    const { definition } = approvedProtocol(enrollment(), rows, ZONE);
    expect(definition.series[0].gapHours).toEqual({ min: 44, max: 120 });
  });

  it('relaxes only what an override names: a breach nobody approved stays, so does another rule', () => {
    const e = enrollment();
    const breach = [dose('a1', 1, '2027-03-08T15:00'), dose('a2', 2, '2027-03-10T08:00')];
    expect(approvedProtocol(e, breach, ZONE)).toEqual({ definition: e.definition, relaxed: [] });
    const other = [
      dose('a1', 1, '2027-03-08T15:00'),
      dose('a2', 2, '2027-03-10T08:00', ['SPAN_DAYS']),
    ];
    expect(approvedProtocol(e, other, ZONE).relaxed).toEqual([]);
    // An approval within the rules by now (its neighbour moved): nothing to relax.
    const within = [
      dose('a1', 1, '2027-03-08T09:00'),
      dose('a2', 2, '2027-03-10T09:00', ['GAP_HOURS']),
    ];
    expect(approvedProtocol(e, within, ZONE).relaxed).toEqual([]);
    // Cancelled and missed sessions do not count.
    const gone = [
      { ...dose('a1', 1, '2027-03-08T15:00'), status: 'cancelled' as const },
      dose('a2', 2, '2027-03-10T08:00', ['GAP_HOURS']),
    ];
    expect(approvedProtocol(e, gone, ZONE).relaxed).toEqual([]);
  });

  it('widens the span to the stored course, adds the approved weekday, lifts the approved rest day', () => {
    const rows = [
      dose('a1', 1, '2027-03-01T09:00'),
      dose('a2', 2, '2027-03-03T09:00'),
      dose('a3', 3, '2027-03-14T09:00', ['SPAN_DAYS', 'SERIES_DAYS', 'REST_DAY', 'GAP_HOURS']),
    ];
    const { definition, relaxed } = approvedProtocol(enrollment(), rows, ZONE);
    expect(relaxed).toEqual(['GAP_HOURS', 'REST_DAY', 'SERIES_DAYS', 'SPAN_DAYS']);
    expect(definition.spanDays).toEqual({ max: 14 });
    expect(definition.series[0].days).toEqual(['MO', 'WE', 'FR', 'SU']);
    expect(definition.restDays).toEqual([]);
    // 2027-03-03 09:00 to 2027-03-14 09:00 -05:00 (10:00 EDT): 11 days, 264 h.
    expect(definition.series[0].gapHours).toEqual({ min: 44, max: 264 });
  });
});

describe('unplannableOverrides', () => {
  it('names each booked or completed session of the run with a rule no relaxation keeps', () => {
    const rows = [
      dose('a1', 1, '2027-03-08T09:00', ['GAP_HOURS', 'FOLLOW_UP']),
      { ...dose('a2', 2, '2027-03-10T09:00', ['OFFSET_RULE']), status: 'missed' as const },
      { ...dose('x1', 1, '2027-03-10T09:00', ['CONTINUITY']), enrollmentId: 'e2' },
    ];
    const issues = unplannableOverrides(new Set(['e1']), rows, ZONE);
    expect(issues).toEqual([
      expect.objectContaining({ pointer: '/enrollmentIds', code: 'OVERRIDE_NOT_PLANNABLE' }),
    ]);
    expect(issues[0].message).toMatch(
      /^appointment a1 \(dose 1, 2027-03-08T09:00:00-05:00\).*FOLLOW_UP/,
    );
    expect(planRunRefusals(input({ appointments: rows })).map((i) => i.code)).toContain(
      'OVERRIDE_NOT_PLANNABLE',
    );
  });
});

describe('a plan run with an approved override', () => {
  it('plans the enrollment with its own relaxed copy; the planner plans around it and the validator accepts', () => {
    const run = input();
    const base = run.enrollments[0];
    const e = {
      ...base,
      definition: {
        series: [{ ...base.definition.series[0], count: { min: 3, max: 3 } }],
      },
    };
    const other = { ...e, id: 'e2', patientId: 'p2' };
    const rows = [
      dose('a1', 1, '2027-03-08T15:00'),
      dose('a2', 2, '2027-03-10T08:00', ['GAP_HOURS']),
    ];
    const problem = buildPlanRunProblem({ ...run, enrollments: [e, other], appointments: rows });
    expect(problem.patients.map((p) => p.protocol)).toEqual(['iv@v1~e1', 'iv@v1']);
    expect(problem.protocols.map((p) => [p.id, p.series[0].gapHours])).toEqual([
      ['iv@v1~e1', { min: 41, max: 100 }],
      ['iv@v1', { min: 44, max: 100 }],
    ]);
    const checked = checkProblem(problem);
    expect(checked.ok ? [] : checked.errors).toEqual([]);
    const solution = solve(problem, { timeLimitMs: 2000 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.unscheduled).toEqual([]);
    const e1 = solution.appointments
      .filter((a) => a.patient === 'e1')
      .map((a) => a.start.slice(0, 16));
    expect(e1.slice(0, 2)).toEqual(['2027-03-10T08:00', '2027-03-08T15:00'].sort());
    expect(e1).toHaveLength(3);
  });
});

describe('approvedExceptions', () => {
  it('says in words what the copy relaxes, and nothing when nothing is approved', () => {
    const e = enrollment();
    const plain = [dose('a1', 1, '2027-03-08T09:00'), dose('a2', 2, '2027-03-10T09:00')];
    expect(approvedExceptions(e, plain, ZONE)).toEqual([]);
    const rows = [
      dose('a1', 1, '2027-03-08T15:00'),
      dose('a2', 2, '2027-03-09T19:00', ['GAP_HOURS', 'SERIES_DAYS']), // a Tuesday, 28 h later
      dose('a3', 3, '2027-03-21T09:00', ['SPAN_DAYS', 'REST_DAY', 'GAP_HOURS']), // a Sunday
    ];
    expect(approvedExceptions(e, rows, ZONE)).toEqual([
      'dose: gapHours.min 44 h → 28 h',
      'dose: gapHours.max 100 h → 278 h',
      'dose: days + TU',
      'spanDays.max 10 → 14 days',
      'restDays − SU',
    ]);
  });
});
