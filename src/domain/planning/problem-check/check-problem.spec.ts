import type { ExistingBooking, Problem } from '../format';
import { tinyProblem } from '../solution-check/tiny-problem.testing';
import { checkProblem, type ProblemError } from './index';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function errorsAfter(mutate: (p: Loose) => void): Pick<ProblemError, 'pointer' | 'code'>[] {
  const problem = tinyProblem() as unknown as Loose;
  mutate(problem);
  const result = checkProblem(JSON.parse(JSON.stringify(problem)));
  return result.ok ? [] : result.errors.map(({ pointer, code }) => ({ pointer, code }));
}

const pinnedDose = (over: Partial<ExistingBooking> = {}): ExistingBooking => ({
  id: 'e1',
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
  ...over,
});

describe('checkProblem', () => {
  it('accepts a valid problem and returns it', () => {
    const problem = tinyProblem();
    expect(checkProblem(problem)).toEqual({ ok: true, problem });
  });

  it('rejects a document that is not an object', () => {
    expect(checkProblem([])).toEqual({
      ok: false,
      code: 'INVALID_PROBLEM',
      errors: [expect.objectContaining({ pointer: '', code: 'INVALID_TYPE' })],
    });
  });

  it.each<[string, (p: Loose) => void, string, string]>([
    ['an unknown root field', (p) => (p.colour = 'red'), '/colour', 'UNKNOWN_FIELD'],
    [
      'an unknown nested field',
      (p) => (p.staff[0].availability[0].note = 'x'),
      '/staff/0/availability/0/note',
      'UNKNOWN_FIELD',
    ],
    [
      'an unknown field in a rule',
      (p) => (p.protocols[0].rules[0].strict = true),
      '/protocols/0/rules/0/strict',
      'UNKNOWN_FIELD',
    ],
    ['a missing section', (p) => delete p.rooms, '/rooms', 'REQUIRED'],
    ['a missing nested field', (p) => delete p.staff[1].roles, '/staff/1/roles', 'REQUIRED'],
    [
      'a window with neither rrule nor date',
      (p) => delete p.staff[0].availability[0].rrule,
      '/staff/0/availability/0',
      'REQUIRED',
    ],
    ['a wrong type', (p) => (p.staff[0].roles = 'prescriber'), '/staff/0/roles', 'INVALID_TYPE'],
    [
      'a fractional duration',
      (p) => (p.sessionTypes[0].durationMinutes = 90.5),
      '/sessionTypes/0/durationMinutes',
      'INVALID_TYPE',
    ],
    ['an empty id', (p) => (p.patients[0].id = ''), '/patients/0/id', 'INVALID_TYPE'],
    [
      'another format version',
      (p) => (p.formatVersion = 2),
      '/formatVersion',
      'UNSUPPORTED_FORMAT_VERSION',
    ],
    [
      'an unknown zone',
      (p) => (p.clinic.timeZone = 'Mars/Olympus_Mons'),
      '/clinic/timeZone',
      'INVALID_TIME_ZONE',
    ],
    [
      'slotMinutes not dividing a day',
      (p) => (p.clinic.slotMinutes = 7),
      '/clinic/slotMinutes',
      'INVALID_SLOT_MINUTES',
    ],
    [
      'slotMinutes zero',
      (p) => (p.clinic.slotMinutes = 0),
      '/clinic/slotMinutes',
      'INVALID_SLOT_MINUTES',
    ],
    [
      'an impossible date',
      (p) => (p.clinic.closures = ['2027-02-30']),
      '/clinic/closures/0',
      'INVALID_DATE',
    ],
    [
      'a 12-hour time',
      (p) => (p.staff[0].availability[0].start = '8:00'),
      '/staff/0/availability/0/start',
      'INVALID_TIME',
    ],
    [
      'a date-time with seconds',
      (p) => (p.staff[0].timeOff = [{ start: '2027-03-10T00:00:00', end: '2027-03-11T00:00' }]),
      '/staff/0/timeOff/0/start',
      'INVALID_DATE_TIME',
    ],
    [
      'an RRULE with DTSTART',
      (p) => (p.staff[2].availability[0].rrule = 'DTSTART:20270301T000000\nRRULE:FREQ=DAILY'),
      '/staff/2/availability/0/rrule',
      'INVALID_RRULE',
    ],
    [
      'a garbage RRULE',
      (p) => (p.staff[2].availability[0].rrule = 'every monday'),
      '/staff/2/availability/0/rrule',
      'INVALID_RRULE',
    ],
    [
      'a window ending before it starts',
      (p) => (p.staff[0].availability[0].end = '07:00'),
      '/staff/0/availability/0/end',
      'END_NOT_AFTER_START',
    ],
    [
      'an empty window',
      (p) => (p.staff[0].availability[0].end = '08:00'),
      '/staff/0/availability/0/end',
      'END_NOT_AFTER_START',
    ],
    [
      'an empty busy period',
      (p) => (p.busy = [{ resource: 'doc', start: '2027-03-02T10:00', end: '2027-03-02T10:00' }]),
      '/busy/0/end',
      'END_NOT_AFTER_START',
    ],
    [
      'a horizon ending before it starts',
      (p) => (p.horizon.end = '2027-02-28'),
      '/horizon/end',
      'RANGE_REVERSED',
    ],
    [
      'latestEnd before earliestStart',
      (p) => (p.patients[0].latestEnd = '2027-02-28'),
      '/patients/0/latestEnd',
      'RANGE_REVERSED',
    ],
    [
      'a default above max',
      (p) => (p.protocols[0].series[0].count.default = 4),
      '/protocols/0/series/0/count/default',
      'COUNT_OUT_OF_RANGE',
    ],
    [
      'min above max',
      (p) => (p.protocols[0].series[1].count.min = 3),
      '/protocols/0/series/1/count/max',
      'COUNT_OUT_OF_RANGE',
    ],
    [
      'an inverted hour range',
      (p) => (p.protocols[0].series[0].gapHours = { min: 50, max: 40 }),
      '/protocols/0/series/0/gapHours/max',
      'RANGE_REVERSED',
    ],
    [
      'an unknown rule type',
      (p) => (p.protocols[0].rules[0].type = 'sometimes'),
      '/protocols/0/rules/0/type',
      'NOT_ALLOWED',
    ],
    [
      'an unknown weekday',
      (p) => (p.protocols[0].restDays = ['SUN']),
      '/protocols/0/restDays/0',
      'INVALID_WEEKDAY',
    ],
    [
      'an unknown continuity mode',
      (p) => (p.protocols[0].continuity = [{ series: ['talk'], role: 'therapist', mode: 'maybe' }]),
      '/protocols/0/continuity/0/mode',
      'NOT_ALLOWED',
    ],
    [
      'an unknown session type',
      (p) => (p.protocols[0].series[1].sessionType = 'yoga'),
      '/protocols/0/series/1/sessionType',
      'UNKNOWN_REFERENCE',
    ],
    [
      'an unknown followUp anchor',
      (p) => (p.protocols[0].rules[0].anchor = 'doze'),
      '/protocols/0/rules/0/anchor',
      'UNKNOWN_REFERENCE',
    ],
    [
      'an unknown followUp target',
      (p) => (p.protocols[0].rules[0].targets = ['talk', 'walk']),
      '/protocols/0/rules/0/targets/1',
      'UNKNOWN_REFERENCE',
    ],
    [
      'an unknown notSameDay series',
      (p) => p.protocols[0].rules.push({ type: 'notSameDay', series: ['dose', 'x'] }),
      '/protocols/0/rules/1/series/1',
      'UNKNOWN_REFERENCE',
    ],
    [
      'an occurrence beyond the series maximum',
      (p) =>
        p.protocols[0].rules.push({
          type: 'offset',
          from: { series: 'dose', occurrence: 4, point: 'end' },
          to: { series: 'talk', occurrence: 'last', point: 'start' },
          hours: { min: 0 },
        }),
      '/protocols/0/rules/1/from/occurrence',
      'OCCURRENCE_OUT_OF_RANGE',
    ],
    [
      'an unknown continuity series',
      (p) =>
        (p.protocols[0].continuity = [{ series: ['tlak'], role: 'therapist', mode: 'prefer' }]),
      '/protocols/0/continuity/0/series/0',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a continuity role the series does not need',
      (p) => (p.protocols[0].continuity = [{ series: ['talk'], role: 'rn', mode: 'prefer' }]),
      '/protocols/0/continuity/0/role',
      'CONTINUITY_ROLE_NOT_IN_SERIES',
    ],
    [
      'a role nobody holds',
      (p) => (p.sessionTypes[1].staff[0].role = 'art-practitioner'),
      '/sessionTypes/1/staff/0/role',
      'NO_STAFF_FOR_ROLE',
    ],
    [
      'more people than hold the role',
      (p) => (p.sessionTypes[1].staff[0].count = 3),
      '/sessionTypes/1/staff/0/role',
      'NO_STAFF_FOR_ROLE',
    ],
    [
      'room features no single room has',
      (p) => (p.sessionTypes[0].room.features = ['infusion', 'therapy']),
      '/sessionTypes/0/room/features',
      'NO_ROOM_WITH_FEATURES',
    ],
    [
      'a requirement beyond the session',
      (p) => (p.sessionTypes[0].staff[0].offsetMinutes = 100),
      '/sessionTypes/0/staff/0',
      'STAFF_REQUIREMENT_EXCEEDS_SESSION',
    ],
    [
      'an unknown protocol',
      (p) => (p.patients[0].protocol = 'ivv'),
      '/patients/0/protocol',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a patient count outside the range',
      (p) => (p.patients[0].counts = { dose: 4 }),
      '/patients/0/counts/dose',
      'COUNT_OUT_OF_RANGE',
    ],
    [
      'a patient count for an unknown series',
      (p) => (p.patients[0].counts = { 'a/b~': 1 }),
      '/patients/0/counts/a~1b~0',
      'UNKNOWN_REFERENCE',
    ],
    ['duplicate staff ids', (p) => (p.staff[3].id = 'ther-1'), '/staff/3/id', 'DUPLICATE_ID'],
    [
      'a room id equal to a staff id',
      (p) => (p.rooms[2].id = 'doc'),
      '/rooms/2/id',
      'DUPLICATE_ID',
    ],
    [
      'duplicate series ids',
      (p) =>
        p.protocols[0].series.push({ id: 'talk', sessionType: 'talk', count: { min: 1, max: 1 } }),
      '/protocols/0/series/2/id',
      'DUPLICATE_ID',
    ],
    [
      'duplicate patient ids',
      (p) => p.patients.push({ id: 'p1', protocol: 'iv' }),
      '/patients/1/id',
      'DUPLICATE_ID',
    ],
    [
      'a busy entry for an unknown resource',
      (p) =>
        (p.busy = [{ resource: 'dr-who', start: '2027-03-02T10:00', end: '2027-03-02T11:00' }]),
      '/busy/0/resource',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a booking of an unknown patient',
      (p) => (p.existing = [{ ...pinnedDose(), patient: 'p9', mode: 'keepIfPossible' }]),
      '/existing/0/patient',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a booking of an unknown series',
      (p) => (p.existing = [{ ...pinnedDose(), series: 'infusion', mode: 'keepIfPossible' }]),
      '/existing/0/series',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a booking in an unknown room',
      (p) => (p.existing = [{ ...pinnedDose(), room: 'inf-9', mode: 'keepIfPossible' }]),
      '/existing/0/room',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a booking with unknown staff',
      (p) => (p.existing = [pinnedDose({ staff: [{ id: 'nobody', role: 'rn' }] })]),
      '/existing/0/staff/0/id',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a booking index beyond the count',
      (p) => (p.existing = [pinnedDose({ index: 3 })]),
      '/existing/0/index',
      'INDEX_OUT_OF_RANGE',
    ],
    [
      'two bookings for one session',
      (p) => (p.existing = [pinnedDose(), pinnedDose({ id: 'e2', start: '2027-03-03T09:00' })]),
      '/existing/1/index',
      'DUPLICATE_BOOKING',
    ],
    [
      'duplicate booking ids',
      (p) => (p.existing = [pinnedDose(), pinnedDose({ index: 2, start: '2027-03-03T09:00' })]),
      '/existing/1/id',
      'DUPLICATE_ID',
    ],
  ])('reports %s', (_, mutate, pointer, code) => {
    expect(errorsAfter(mutate)).toEqual([{ pointer, code }]);
  });

  it('reports a continuity role no staff member holds', () => {
    const errors = errorsAfter((p) => {
      p.protocols[0].continuity = [{ series: ['talk'], role: 'therapist', mode: 'require' }];
      p.staff[2].roles = ['rn'];
      p.staff[3].roles = ['rn'];
    });
    expect(errors).toEqual([
      { pointer: '/protocols/0/continuity/0/role', code: 'NO_STAFF_FOR_ROLE' },
      { pointer: '/sessionTypes/0/staff/2/role', code: 'NO_STAFF_FOR_ROLE' },
      { pointer: '/sessionTypes/1/staff/0/role', code: 'NO_STAFF_FOR_ROLE' },
    ]);
  });

  it('does not require staff or rooms for session types no patient needs', () => {
    const errors = errorsAfter((p) =>
      p.sessionTypes.push({
        id: 'art-60',
        durationMinutes: 60,
        room: { features: ['studio'] },
        staff: [{ role: 'art' }],
      }),
    );
    expect(errors).toEqual([]);
  });

  it('collects every error, in document order', () => {
    const errors = errorsAfter((p) => {
      p.clinic.timeZone = 'Nowhere/Town';
      p.staff[0].availability[0].rrule = 'FREQ=WEEKLY;BYDAY=MO;TZID=UTC';
      p.patients[0].extra = 1;
      delete p.horizon.end;
    });
    expect(errors).toEqual([
      { pointer: '/clinic/timeZone', code: 'INVALID_TIME_ZONE' },
      { pointer: '/horizon/end', code: 'REQUIRED' },
      { pointer: '/staff/0/availability/0/rrule', code: 'INVALID_RRULE' },
      { pointer: '/patients/0/extra', code: 'UNKNOWN_FIELD' },
    ]);
  });

  it('explains each error in its message', () => {
    const problem = tinyProblem() as unknown as Loose;
    problem.staff[0].availability[0].rrule = 'FREQ=WEEKLY;DTSTART=20270301';
    const result = checkProblem(problem);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/DTSTART/);
  });

  describe('pinned bookings', () => {
    const check = (existing: ExistingBooking[], mutate: (p: Problem) => void = () => {}) => {
      const problem = tinyProblem();
      problem.existing = existing;
      mutate(problem);
      const result = checkProblem(problem);
      return result.ok ? [] : result.errors;
    };

    it('accepts pinned bookings that keep every rule', () => {
      expect(
        check([pinnedDose(), pinnedDose({ id: 'e2', index: 2, start: '2027-03-03T09:00' })]),
      ).toEqual([]);
    });

    it('names a pinned booking on a rest day and the rule it breaks', () => {
      expect(check([pinnedDose({ start: '2027-03-06T09:00' })])).toEqual([
        expect.objectContaining({
          pointer: '/existing/0',
          code: 'PINNED_BOOKING_INVALID',
          message: expect.stringMatching(/e1.*REST_DAY/),
        }),
        expect.objectContaining({
          pointer: '/existing/0',
          message: expect.stringMatching(/SERIES_DAYS/),
        }),
        expect.objectContaining({
          pointer: '/existing/0',
          message: expect.stringMatching(/STAFF_UNAVAILABLE.*doc/),
        }),
        expect.objectContaining({
          pointer: '/existing/0',
          message: expect.stringMatching(/STAFF_UNAVAILABLE.*rn-1/),
        }),
        expect.objectContaining({
          pointer: '/existing/0',
          message: expect.stringMatching(/STAFF_UNAVAILABLE.*ther-1/),
        }),
      ]);
    });

    it.each<[string, Partial<ExistingBooking>, (p: Problem) => void, RegExp]>([
      [
        'staff time off',
        {},
        (p) => (p.staff[0].timeOff = [{ start: '2027-03-01T09:00', end: '2027-03-01T10:00' }]),
        /STAFF_TIME_OFF/,
      ],
      [
        'a busy room',
        {},
        (p) =>
          (p.busy = [{ resource: 'inf-1', start: '2027-03-01T11:00', end: '2027-03-01T12:00' }]),
        /ROOM_BUSY/,
      ],
      ['a closure', {}, (p) => (p.clinic.closures = ['2027-03-01']), /CLOSURE/],
      ['the patient day', { start: '2027-03-01T16:30' }, () => {}, /PATIENT_DAY_WINDOW/],
      ['a room without the features', { room: 'th-1' }, () => {}, /ROOM_FEATURES/],
      [
        'a person without the role',
        {
          staff: [
            { id: 'doc', role: 'prescriber' },
            { id: 'rn-1', role: 'rn' },
            { id: 'ther-1', role: 'rn' },
          ],
        },
        () => {},
        /STAFF_ROLE/,
      ],
      [
        'a daily limit',
        {},
        (p) => (p.staff[0].limits = { maxMinutesPerDay: 20 }),
        /STAFF_DAILY_MINUTES/,
      ],
      ['off the slot grid', { start: '2027-03-01T09:10' }, () => {}, /SLOT_GRID/],
    ])('rejects a pinned booking breaking %s', (_, over, mutate, rule) => {
      const errors = check([pinnedDose(over)], mutate);
      expect(errors.length).toBeGreaterThan(0);
      expect(
        errors.every((e) => e.pointer === '/existing/0' && e.code === 'PINNED_BOOKING_INVALID'),
      ).toBe(true);
      expect(errors.map((e) => e.message).join('\n')).toMatch(rule);
    });

    it('rejects two pinned bookings that overlap, naming the later one', () => {
      const second = pinnedDose({
        id: 'e2',
        patient: 'p2',
        room: 'inf-2',
        start: '2027-03-01T10:00',
      });
      const errors = check([pinnedDose(), second], (p) =>
        p.patients.push({ id: 'p2', protocol: 'iv' }),
      );
      expect(errors).toEqual([
        expect.objectContaining({
          pointer: '/existing/1',
          message: expect.stringMatching(/STAFF_OVERLAP.*doc|STAFF_OVERLAP.*ther-1/),
        }),
      ]);
    });

    it('does not judge count-type rules on pinned bookings alone', () => {
      // Two doses 24 h apart break gapHours.min 44, but that is the planner's job to report.
      expect(
        check(
          [pinnedDose(), pinnedDose({ id: 'e2', index: 2, start: '2027-03-02T09:00' })],
          (p) => (p.protocols[0].series[0].days = undefined),
        ),
      ).toEqual([]);
    });

    it('does not judge keepIfPossible bookings', () => {
      expect(check([pinnedDose({ start: '2027-03-06T09:00', mode: 'keepIfPossible' })])).toEqual(
        [],
      );
    });
  });
});
