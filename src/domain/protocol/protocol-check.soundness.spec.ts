/**
 * Soundness of the check against the planner: whenever the planner schedules
 * a patient completely (and the independent validator accepts it), the check
 * must not have reported an error for that protocol — errors claim that no
 * patient can ever be scheduled.
 */
import fc from 'fast-check';
import type { Problem, Protocol, Series } from '../planning/format';
import { WEEKDAYS } from '../planning/format';
import { solve } from '../planning/solve';
import { validateSolution } from '../planning/solution-check';
import { checkProtocol } from './protocol-check';
import { catalog } from './protocol-check.fixture';

const weekday = fc.constantFrom(...WEEKDAYS);

const seriesArb = (id: string): fc.Arbitrary<Series> =>
  fc.record(
    {
      id: fc.constant(id),
      sessionType: fc.constantFrom('ketamine-iv', 'emdr-90', 'integration-50'),
      count: fc.integer({ min: 1, max: 5 }).map((n) => ({ min: n, max: n })),
      gapHours: fc
        .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 80 }))
        .map(([min, extra]) => ({ min, max: min + extra })),
      days: fc.uniqueArray(weekday, { minLength: 1, maxLength: 5 }),
    },
    { requiredKeys: ['id', 'sessionType', 'count'] },
  );

const protocolArb: fc.Arbitrary<Protocol> = fc
  .record({
    series: fc.tuple(seriesArb('a'), fc.option(seriesArb('b'), { nil: undefined })),
    spanMax: fc.integer({ min: 1, max: 21 }),
    day: fc.constantFrom(['08:00', '18:00'], ['09:00', '12:00'], ['07:00', '21:00']),
    maxSessions: fc.integer({ min: 1, max: 3 }),
    restDays: fc.uniqueArray(weekday, { maxLength: 3 }),
    followUp: fc.option(
      fc.record({
        min: fc.integer({ min: 0, max: 30 }),
        extra: fc.integer({ min: 1, max: 60 }),
        sameDay: fc.boolean(),
      }),
      { nil: undefined },
    ),
    notSameDay: fc.boolean(),
    separation: fc.option(
      fc.record({ both: fc.boolean(), minHours: fc.integer({ min: 1, max: 120 }) }),
      { nil: undefined },
    ),
  })
  .map((r) => {
    const series = r.series.filter((s): s is Series => s !== undefined);
    const two = series.length === 2;
    return {
      id: 'p',
      spanDays: { max: r.spanMax },
      series,
      rules: [
        ...(two && r.followUp
          ? [
              {
                type: 'followUp' as const,
                anchor: 'a',
                targets: ['b'],
                hours: { min: r.followUp.min, max: r.followUp.min + r.followUp.extra },
                sameDay: r.followUp.sameDay,
              },
            ]
          : []),
        ...(two && r.notSameDay ? [{ type: 'notSameDay' as const, series: ['a', 'b'] }] : []),
        ...(r.separation
          ? [
              {
                type: 'separation' as const,
                series: two && r.separation.both ? ['a', 'b'] : ['a'],
                minHours: r.separation.minHours,
              },
            ]
          : []),
      ],
      patientDay: {
        start: r.day[0],
        end: r.day[1],
        maxSessions: r.maxSessions,
        minBreakMinutes: 15,
      },
      restDays: r.restDays,
    };
  });

function problemOf(protocol: Protocol): Problem {
  const c = catalog();
  const open = [{ rrule: 'FREQ=DAILY', start: '06:00', end: '22:00' }];
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    horizon: { start: '2027-03-01', end: '2027-04-30' },
    staff: c.staff.map((s) => ({ ...s, availability: open })),
    rooms: c.rooms.map((r) => ({ ...r, capacity: 2 })),
    sessionTypes: c.sessionTypes,
    protocols: [protocol],
    patients: [{ id: 'p-1', protocol: 'p', earliestStart: '2027-03-08' }],
  };
}

describe('checkProtocol soundness against the planner', () => {
  it('reports no error for any protocol the planner schedules completely', () => {
    let scheduled = 0;
    let withErrors = 0;
    fc.assert(
      fc.property(protocolArb, (protocol) => {
        const findings = checkProtocol(protocol, catalog());
        const errors = findings.filter((f) => f.severity === 'error');
        if (errors.length > 0) withErrors++;
        const problem = problemOf(protocol);
        const solution = solve(problem, { timeLimitMs: 300, seed: 1 });
        if (solution.status === 'complete' && validateSolution(problem, solution).length === 0) {
          scheduled++;
          expect(errors).toEqual([]);
        }
      }),
      { numRuns: 60, seed: 3 },
    );
    // Not vacuous: both outcomes occur.
    expect(scheduled).toBeGreaterThan(5);
    expect(withErrors).toBeGreaterThan(5);
  });
});
