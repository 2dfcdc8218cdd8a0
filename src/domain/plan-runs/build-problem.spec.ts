import { checkProblem } from '../planning/problem-check';
import {
  buildPlanRunProblem,
  BuildInput,
  inRequirementOrder,
  planRunRefusals,
  StoredAppointment,
} from './build-problem';
import { fingerprintChanges, RunFingerprint } from './fingerprint';
import { proposalOf, RunNames } from './proposal';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);

function appointment(over: Partial<StoredAppointment>): StoredAppointment {
  return {
    id: 'a1',
    enrollmentId: 'e1',
    patientId: 'p1',
    seriesId: 'dose',
    index: 1,
    sessionType: 'iv',
    status: 'booked',
    start: at('2027-03-10T14:00:00Z'),
    end: at('2027-03-10T16:00:00Z'),
    roomId: 'bay',
    turnoverMinutes: 15,
    staff: [
      {
        staffId: 'dr',
        role: 'prescriber',
        start: at('2027-03-10T14:00:00Z'),
        end: at('2027-03-10T14:45:00Z'),
        mode: 'occupied',
      },
    ],
    ...over,
  };
}

function input(over: Partial<BuildInput> = {}): BuildInput {
  return {
    clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: [] },
    catalog: {
      staff: [
        {
          id: 'dr',
          roles: ['prescriber'],
          availability: [
            { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' },
          ],
          timeOff: [],
        },
      ],
      rooms: [{ id: 'bay', features: ['infusion'], capacity: 1, timeOff: [] }],
      sessionTypes: [
        {
          id: 'iv',
          durationMinutes: 120,
          room: { features: ['infusion'], turnoverMinutes: 15 },
          staff: [{ role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 45 }],
        },
        { id: 'unused', durationMinutes: 60, room: null, staff: [] },
      ],
    },
    enrollments: [
      {
        id: 'e1',
        patientId: 'p1',
        status: 'active',
        protocolKey: 'iv@v1',
        definition: {
          series: [
            {
              id: 'dose',
              sessionType: 'iv',
              count: { min: 2, max: 2 },
              gapHours: { min: 44, max: 100 },
            },
          ],
        },
        counts: {},
        earliestStart: '2027-03-08',
        latestEnd: '2027-03-26',
        unavailable: [],
      },
    ],
    appointments: [],
    now: new Date('2027-03-01T17:00:00Z'),
    repair: false,
    timeLimitMs: 1000,
    seed: 1,
    ...over,
  };
}

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

describe('proposalOf', () => {
  it('tells added, kept, moved and removed apart, and leaves unscheduled patients alone', () => {
    const problem = buildPlanRunProblem(
      input({
        repair: true,
        appointments: [
          appointment({}),
          appointment({
            id: 'a2',
            index: 2,
            start: at('2027-03-12T14:00:00Z'),
            end: at('2027-03-12T16:00:00Z'),
          }),
        ],
      }),
    );
    const names: RunNames = {
      patients: { e1: { patientId: 'p1', displayName: 'Ann', initials: 'A', externalRef: null } },
      staff: { dr: 'Dr. A' },
      rooms: { bay: 'Bay 1' },
      sessionTypes: { iv: { id: 'st1', name: 'IV' } },
      existing: {
        a1: {
          index: 1,
          start: at('2027-03-10T14:00:00Z'),
          roomId: 'bay',
          staff: ['dr:prescriber'],
          status: 'booked',
        },
        a2: {
          index: 2,
          start: at('2027-03-12T14:00:00Z'),
          roomId: 'bay',
          staff: ['dr:prescriber'],
          status: 'booked',
        },
      },
    };
    const staff = (start: string) => [{ id: 'dr', role: 'prescriber', start, end: start }];
    const solution = {
      formatVersion: 1.1 as const,
      status: 'complete' as const,
      appointments: [
        {
          id: 'a1',
          patient: 'e1',
          series: 'dose',
          index: 1,
          sessionType: 'iv',
          start: '2027-03-10T09:00:00-05:00',
          end: '2027-03-10T11:00:00-05:00',
          room: 'bay',
          staff: staff('2027-03-10T09:00:00-05:00'),
        },
        {
          id: 'a2',
          patient: 'e1',
          series: 'dose',
          index: 2,
          sessionType: 'iv',
          start: '2027-03-15T09:00:00-04:00',
          end: '2027-03-15T11:00:00-04:00',
          room: 'bay',
          staff: staff('2027-03-15T09:00:00-04:00'),
        },
      ],
      unscheduled: [],
      score: { scheduledPatients: 1, movedAppointments: 1, continuityBreaks: 0, completionDays: 8 },
      stats: { elapsedMs: 1, proof: 'feasible' as const },
    };
    const p = proposalOf(problem, solution, names);
    expect(p.counts).toEqual({ added: 0, kept: 1, moved: 1, removed: 0, done: 0 });
    expect(p.appointments[0]).toMatchObject({
      change: 'kept',
      room: { name: 'Bay 1' },
      staff: [{ name: 'Dr. A' }],
      patient: { displayName: 'Ann' },
    });
    const dropped = proposalOf(
      problem,
      { ...solution, appointments: [solution.appointments[0]] },
      names,
    );
    expect(dropped.removed.map((r) => r.id)).toEqual(['a2']);
    const out = proposalOf(
      problem,
      { ...solution, appointments: [], unscheduled: [{ patient: 'e1', reasons: [] }] },
      names,
    );
    expect(out.counts).toEqual({ added: 0, kept: 0, moved: 0, removed: 0, done: 0 });
  });
});
