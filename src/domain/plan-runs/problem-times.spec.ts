import { checkProblem } from '../planning/problem-check';
import { placeLocal } from '../time/zone';
import { buildPlanRunProblem, planRunRefusals } from './build-problem';
import { appointment, at, input } from './build-problem.testing';
import { localNotBefore } from './problem-times';

// America/New_York, 2027-11-07: 01:00-01:59 happens twice (EDT, then EST).
const ZONE = 'America/New_York';
/** The test enrollment in November, its dose sessions 60 minutes long. */
const november = (over: Parameters<typeof input>[0] = {}) => {
  const base = input();
  const types = base.catalog.sessionTypes.map((t) =>
    t.id === 'iv' ? { ...t, durationMinutes: 60 } : t,
  );
  return input({
    catalog: { ...base.catalog, sessionTypes: types },
    enrollments: [{ ...base.enrollments[0], earliestStart: '2027-11-07', latestEnd: '2027-11-20' }],
    now: new Date('2027-11-01T12:00:00Z'),
    ...over,
  });
};
/** One session of another patient from `start` to `end` (staff the whole time). */
const other = (id: string, start: string, end: string) =>
  appointment({
    id,
    enrollmentId: 'e2',
    patientId: 'p2',
    start: at(start),
    end: at(end),
    turnoverMinutes: 0,
    staff: [
      { staffId: 'dr', role: 'prescriber', start: at(start), end: at(end), mode: 'occupied' },
    ],
  });
/** The instant the planning format reads a local date-time as (its rule, zone.ts). */
const readBack = (local: string) => {
  const [date, time] = local.split('T');
  const day = Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const [h, m] = time.split(':').map(Number);
  return placeLocal(ZONE, day, h * 60 + m) * 60_000;
};

describe('plan runs across the hour the clocks repeat', () => {
  it('never reads a busy period shorter than it is: an end in the second 01:xx becomes 02:00', () => {
    const problem = buildPlanRunProblem(
      november({
        appointments: [other('b1', '2027-11-07T00:30:00-04:00', '2027-11-07T01:30:00-05:00')],
      }),
    );
    // Was 00:30 -> 01:30, read as 00:30 EDT -> 01:30 EDT: an hour short.
    expect(problem.busy).toEqual([
      { resource: 'bay', start: '2027-11-07T00:30', end: '2027-11-07T02:00' },
      { resource: 'dr', start: '2027-11-07T00:30', end: '2027-11-07T02:00' },
    ]);
  });

  it('a session from 01:30 EDT to 01:30 EST is busy 01:30-02:00, a valid problem', () => {
    const problem = buildPlanRunProblem(
      november({
        appointments: [other('b1', '2027-11-07T01:30:00-04:00', '2027-11-07T01:30:00-05:00')],
      }),
    );
    // Was 01:30 -> 01:30: "/busy/0/end: end must be later than start", nothing could be planned.
    expect(problem.busy?.[0]).toEqual({
      resource: 'bay',
      start: '2027-11-07T01:30',
      end: '2027-11-07T02:00',
    });
    const checked = checkProblem(problem);
    const errors = checked.ok ? [] : checked.errors;
    expect(errors.filter((e) => e.code !== 'NOT_SUPPORTED_BY_PLANNER')).toEqual([]);
  });

  it("another course of the run's patient is unavailable until 02:00, not 01:30 EDT", () => {
    const course = appointment({
      id: 'c1',
      enrollmentId: 'e-old',
      start: at('2027-11-07T00:45:00-04:00'),
      end: at('2027-11-07T01:15:00-05:00'),
      roomId: null,
      staff: [],
    });
    const problem = buildPlanRunProblem(november({ appointments: [course] }));
    expect(problem.patients[0].unavailable).toEqual([
      { start: '2027-11-07T00:45', end: '2027-11-07T02:00' },
    ]);
  });

  it('every end, minute by minute across the fold, is read at or after the true end and at most an hour later', () => {
    for (let t = at('2027-11-07T04:00:00Z'); t <= at('2027-11-07T08:00:00Z'); t += 60_000) {
      const read = readBack(localNotBefore(t, ZONE));
      expect(read).toBeGreaterThanOrEqual(t);
      expect(read - t).toBeLessThanOrEqual(60 * 60_000); // 01:00 EST -> 02:00 EST at most
    }
  });

  it('now in the second 01:xx is 02:00, so nothing is planned in the hour already past', () => {
    const problem = buildPlanRunProblem(november({ now: new Date('2027-11-07T01:20:00-05:00') }));
    expect(problem.now).toBe('2027-11-07T02:00');
    const earlier = buildPlanRunProblem(november({ now: new Date('2027-11-07T01:20:00-04:00') }));
    expect(earlier.now).toBe('2027-11-07T01:20');
  });

  it("refuses the run's own session starting in the second 01:xx, naming it with both offsets; not the one before it", () => {
    const own = (
      id: string,
      index: number,
      start: string,
      end: string,
      status = 'booked' as const,
    ) => appointment({ id, index, status, start: at(start), end: at(end), staff: [] });
    const appointments = [
      own('a4', 1, '2027-11-07T01:30:00-04:00', '2027-11-07T01:30:00-05:00'),
      own('a5', 2, '2027-11-07T01:30:00-05:00', '2027-11-07T02:30:00-05:00'),
    ];
    const issues = planRunRefusals(november({ appointments }));
    // Before: no refusal, and the built problem pinned a5 at 01:30 EDT, on top of a4.
    expect(issues).toEqual([
      {
        pointer: '/enrollmentIds',
        code: 'APPOINTMENT_IN_REPEATED_HOUR',
        message:
          'appointment a5 (dose 2) starts at 2027-11-07 01:30 EST, in the hour the clocks repeat ' +
          'that night: a plan names times by the wall clock, which would put it at 01:30 EDT, ' +
          '60 minutes earlier than it is; move it out of that hour (PATCH /v1/appointments/a5) ' +
          'or cancel it, then plan again',
      },
    ]);
    const repair = planRunRefusals(november({ appointments, repair: true }));
    expect(repair.map((i) => i.code)).toEqual(['APPOINTMENT_IN_REPEATED_HOUR']);
    const done = planRunRefusals(
      november({
        appointments: [
          own(
            'd1',
            1,
            '2027-11-07T01:00:00-05:00',
            '2027-11-07T02:00:00-05:00',
            'completed' as never,
          ),
        ],
      }),
    );
    expect(done[0].message).toMatch(
      /^appointment d1 \(dose 1\) starts at 2027-11-07 01:00 EST.*took place, so plan the rest of this course by hand/,
    );
  });

  it('a cancelled session there, or one of another patient, is not refused', () => {
    const appointments = [
      appointment({
        id: 'x',
        status: 'cancelled',
        start: at('2027-11-07T01:30:00-05:00'),
        end: at('2027-11-07T02:30:00-05:00'),
      }),
      other('b1', '2027-11-07T01:30:00-05:00', '2027-11-07T02:30:00-05:00'),
    ];
    expect(planRunRefusals(november({ appointments }))).toEqual([]);
  });
});
