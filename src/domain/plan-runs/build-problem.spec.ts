import { checkProblem } from '../planning/problem-check';
import {
  buildPlanRunProblem,
  inRequirementOrder,
  planRunRefusals,
  type StoredAppointment,
} from './build-problem';
import { appointment, at, H, input } from './build-problem.testing';
import { fingerprintChanges, RunFingerprint } from './fingerprint';

describe('buildPlanRunProblem', () => {
  it('builds a valid format 1.1 problem: own bookings existing, others busy, no now before the horizon', () => {
    const other = appointment({
      id: 'b1',
      enrollmentId: 'e2',
      patientId: 'p2',
      start: at('2027-03-11T14:00:00Z'),
      end: at('2027-03-11T16:00:00Z'),
    });
    other.staff[0] = { ...other.staff[0], start: other.start, end: other.start + 0.75 * H };
    const problem = buildPlanRunProblem(
      input({
        appointments: [appointment({}), appointment({ id: 'm1', status: 'missed' }), other],
      }),
    );
    // Valid; only the planner gate may refuse (missed sessions, until the planner plans them).
    const checked = checkProblem(problem);
    const errors = checked.ok ? [] : checked.errors;
    expect(errors.filter((e) => e.code !== 'NOT_SUPPORTED_BY_PLANNER')).toEqual([]);
    expect(problem.now).toBeUndefined();
    expect(problem.horizon).toEqual({ start: '2027-03-08', end: '2027-03-26' });
    expect(problem.sessionTypes.map((t) => t.id)).toEqual(['iv']);
    expect(problem.existing).toEqual([
      expect.objectContaining({
        id: 'a1',
        patient: 'e1',
        mode: 'pinned',
        start: '2027-03-10T09:00',
        room: 'bay',
      }),
      expect.objectContaining({ id: 'm1', mode: 'missed' }),
    ]);
    expect(problem.busy).toEqual([
      { resource: 'bay', start: '2027-03-11T09:00', end: '2027-03-11T11:15' }, // with turnover
      { resource: 'dr', start: '2027-03-11T09:00', end: '2027-03-11T09:45' },
    ]);
  });

  it('gives stored recurring windows without `from` the RULE_EPOCH-counted `from`', () => {
    const fortnightly = { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', start: '08:00', end: '17:00' };
    const base = input();
    const catalog = {
      ...base.catalog,
      staff: [{ ...base.catalog.staff[0], availability: [fortnightly] }],
      rooms: [{ ...base.catalog.rooms[0], availability: [fortnightly] }],
    };
    // Horizon from 2027-03-08 (on: 1366 weeks after 2001-01-01) or 2027-03-15 (off): the
    // anchor is 2027-03-08 both times, so the same Mondays are worked.
    for (const earliestStart of ['2027-03-08', '2027-03-15', '2027-03-21']) {
      const problem = buildPlanRunProblem(
        input({ catalog, enrollments: [{ ...base.enrollments[0], earliestStart }] }),
      );
      expect(problem.horizon.start).toBe(earliestStart);
      expect(problem.staff[0].availability).toEqual([{ ...fortnightly, from: '2027-03-08' }]);
      expect(problem.rooms[0].availability).toEqual([{ ...fortnightly, from: '2027-03-08' }]);
    }
  });

  it('repair: booked ones keepIfPossible, completed done; now set (rounded up) when the horizon starts today', () => {
    const problem = buildPlanRunProblem(
      input({
        repair: true,
        now: new Date('2027-03-09T15:07:30Z'),
        appointments: [
          appointment({
            status: 'completed',
            start: at('2027-03-08T14:00:00Z'),
            end: at('2027-03-08T16:00:00Z'),
          }),
          appointment({ id: 'a2', index: 2 }),
        ],
      }),
    );
    expect(problem.now).toBe('2027-03-09T10:08');
    expect(problem.horizon.start).toBe('2027-03-09');
    expect(problem.existing!.map((e) => e.mode)).toEqual(['done', 'keepIfPossible']);
  });

  it("a booster carries the completed therapy sessions of the patient's other courses as done history, with now", () => {
    const base = input();
    const booster = {
      ...base.enrollments[0],
      id: 'e2',
      protocolKey: 'booster@v1',
      definition: {
        series: [
          { id: 'previous-therapy', sessionType: 'emdr', count: { min: 0, max: 2, default: 0 } },
          { id: 'dose', sessionType: 'iv', count: { min: 1, max: 1 } },
          { id: 'therapy', sessionType: 'emdr', count: { sameAs: 'dose' } },
        ],
        continuity: [
          { series: ['previous-therapy', 'therapy'], role: 'prescriber', mode: 'prefer' as const },
        ],
      },
    };
    const course = (id: string, day: string, over: Partial<StoredAppointment> = {}) =>
      appointment({
        id,
        enrollmentId: 'e-course',
        seriesId: 'emdr',
        sessionType: 'emdr',
        status: 'completed',
        start: at(`2027-01-${day}T15:00:00Z`),
        end: at(`2027-01-${day}T16:30:00Z`),
        ...over,
      });
    const problem = buildPlanRunProblem(
      input({
        enrollments: [booster],
        appointments: [
          course('c1', '11'),
          course('c2', '13'),
          course('c3', '15'),
          course('cx', '18', { status: 'cancelled' }),
          course('ci', '19', { sessionType: 'iv' }),
          course('gone', '20', { roomId: 'archived-room' }),
        ],
      }),
    );
    // The two most recent completed EMDR sessions (max 2), in time order; the cancelled one, the
    // infusion and the one in a room no longer in the catalog are not carried.
    expect(problem.existing).toEqual([
      expect.objectContaining({
        id: 'c2',
        patient: 'e2',
        series: 'previous-therapy',
        index: 1,
        mode: 'done',
        start: '2027-01-13T10:00',
      }),
      expect.objectContaining({
        id: 'c3',
        patient: 'e2',
        series: 'previous-therapy',
        index: 2,
        mode: 'done',
        staff: [{ id: 'dr', role: 'prescriber' }],
      }),
    ]);
    expect(problem.patients[0].counts).toEqual({ 'previous-therapy': 2 });
    expect(problem.now).toBe('2027-03-01T12:00');
  });

  it('refuses inactive enrollments, one patient twice and started bookings not resolved', () => {
    const base = input();
    const issues = planRunRefusals({
      ...base,
      now: new Date('2027-03-10T15:00:00Z'),
      enrollments: [base.enrollments[0], { ...base.enrollments[0], id: 'e9', status: 'withdrawn' }],
      appointments: [appointment({})],
    });
    expect(issues.map((i) => i.code).sort()).toEqual([
      'APPOINTMENT_NOT_RESOLVED',
      'DUPLICATE',
      'ENROLLMENT_NOT_ACTIVE',
    ]);
  });
});

describe('planRunRefusals: the sessions it names', () => {
  // Tuesday 2027-03-16 09:00 EDT, after the change to daylight time: 13:00Z.
  const edt = { start: at('2027-03-16T13:00:00Z'), end: at('2027-03-16T15:00:00Z') };

  it('names a started, unresolved session with the clinic offset', () => {
    const issues = planRunRefusals(
      input({
        appointments: [appointment({ ...edt, staff: [] })],
        now: new Date('2027-03-16T14:00:00Z'),
      }),
    );
    expect(issues.map((i) => [i.code, i.message])).toEqual([
      [
        'APPOINTMENT_NOT_RESOLVED',
        'appointment a1 (dose 1, 2027-03-16T09:00:00-04:00) has started but is still booked; mark it completed or no-show first',
      ],
    ]);
  });

  it('names a session booked with another shape with the clinic offset', () => {
    const issues = planRunRefusals(
      input({ appointments: [appointment({ ...edt, end: at('2027-03-16T14:00:00Z') })] }),
    );
    expect(issues.map((i) => i.code)).toEqual(['APPOINTMENT_NEEDS_REPAIR']);
    expect(issues[0].message).toMatch(
      /^appointment a1 \(dose 1, 2027-03-16T09:00:00-04:00\) no longer has its session type's shape: it is booked for 60 min/,
    );
  });
});

describe('inRequirementOrder', () => {
  it('lists a person on the occupied and the present requirement where each was booked', () => {
    const start = at('2027-03-10T14:00:00Z');
    const row = (staffId: string, role: string, mode: string, from: number, minutes: number) => ({
      staffId,
      role,
      mode,
      start: start + from * 60_000,
      end: start + (from + minutes) * 60_000,
    });
    // Present listed first in the type, both from the start: storage order cannot tell them apart.
    const type = {
      id: 'iv',
      durationMinutes: 120,
      room: null,
      staff: [
        { role: 'prescriber', count: 1, mode: 'present' as const },
        { role: 'rn', count: 1 },
        { role: 'prescriber', count: 1, durationMinutes: 55 },
      ],
    };
    const stored = [
      row('dr', 'prescriber', 'occupied', 0, 55),
      row('rn', 'rn', 'occupied', 0, 120),
      row('dr', 'prescriber', 'present', 0, 120),
    ];
    expect(
      inRequirementOrder({ start, staff: stored }, type).map((s) => `${s.staffId} ${s.mode}`),
    ).toEqual(['dr present', 'rn occupied', 'dr occupied']);
    expect(inRequirementOrder({ start, staff: stored }, undefined)).toBe(stored);
  });
});

describe('fingerprintChanges', () => {
  const base: RunFingerprint = {
    clinic: 't0',
    staff: { s: '1' },
    rooms: {},
    sessionTypes: {},
    enrollments: { e: '1' },
    appointments: { a: 'booked:1' },
  };
  it('names each change, and nothing when equal', () => {
    expect(fingerprintChanges(base, base)).toEqual([]);
    const issues = fingerprintChanges(base, {
      ...base,
      staff: { s: '2' },
      appointments: { a: 'cancelled:2', b: 'booked:1' },
    });
    expect(issues.map((i) => i.pointer).sort()).toEqual([
      '/appointments/a',
      '/appointments/b',
      '/staff/s',
    ]);
    expect(issues.find((i) => i.pointer === '/appointments/b')!.message).toMatch(
      /was booked since/,
    );
  });
});
