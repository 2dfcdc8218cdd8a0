import type { ProtocolDefinition } from '../catalog/protocol-definition';
import {
  BookedView,
  CalendarContext,
  calendarConflicts,
  newWhys,
  protocolConflicts,
  StaffCalendar,
} from './affected';
import { patientConflicts } from './affected-patient';

const ZONE = 'America/New_York';
const ms = (iso: string) => new Date(iso).getTime();

const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }];
const drA: StaffCalendar = {
  name: 'Dr. A',
  roles: ['prescriber'],
  availability: weekdays,
  timeOff: [],
};

/** A 45-minute prescriber session in Bay 1 (needs infusion; 15 min turnover). */
function session(start: string, minutes = 45): BookedView {
  return {
    id: 'a1',
    series: 'dose',
    index: 1,
    sessionType: 'ketamine-iv',
    durationMinutes: minutes,
    start: ms(start),
    end: ms(start) + minutes * 60_000,
    roomId: 'bay1',
    turnoverMinutes: 15,
    roomFeatures: ['infusion'],
    staff: [
      { staffId: 'drA', role: 'prescriber', start: ms(start), end: ms(start) + minutes * 60_000 },
    ],
  };
}

function ctx(
  over: Partial<StaffCalendar> = {},
  extra: Partial<CalendarContext> = {},
): CalendarContext {
  return {
    zone: ZONE,
    closures: [],
    staff: new Map([['drA', { ...drA, ...over }]]),
    rooms: new Map([
      ['bay1', { name: 'Bay 1', features: ['infusion'], availability: null, timeOff: [] }],
    ]),
    ...extra,
  };
}

const codes = (v: BookedView, c: CalendarContext) => calendarConflicts(v, c).map((w) => w.code);

describe('calendarConflicts', () => {
  it('finds nothing for a session inside the hours', () => {
    expect(calendarConflicts(session('2027-03-08T09:00:00-05:00'), ctx())).toEqual([]);
  });

  it('places recurring hours as wall-clock on both sides of the spring DST change', () => {
    // Monday 2027-03-15 is after the change (EDT, -04:00): 08:00 local is 12:00Z. A window
    // placed with the winter offset would start at 13:00Z and miss this session.
    expect(codes(session('2027-03-15T08:00:00-04:00'), ctx())).toEqual([]);
    // 16:30–17:15 EDT runs past 17:00 local.
    expect(codes(session('2027-03-15T16:30:00-04:00'), ctx())).toEqual(['STAFF_UNAVAILABLE']);
    // The same wall-clock times the Friday before the change (EST, -05:00).
    expect(codes(session('2027-03-12T08:00:00-05:00'), ctx())).toEqual([]);
    expect(codes(session('2027-03-12T07:45:00-05:00'), ctx())).toEqual(['STAFF_UNAVAILABLE']);
  });

  it('places time off and closures in the clinic zone, also in autumn', () => {
    // Sunday 2027-11-07 is the fall-back day; Monday 08:00 EST is 13:00Z.
    const monday = session('2027-11-08T08:00:00-05:00');
    const off = ctx({ timeOff: [{ start: '2027-11-08T00:00', end: '2027-11-08T08:30' }] });
    const why = calendarConflicts(monday, off);
    expect(why).toEqual([
      {
        code: 'STAFF_TIME_OFF',
        resource: 'staff',
        resourceId: 'drA',
        message: expect.stringContaining('Dr. A is on time off 2027-11-08T00:00–2027-11-08T08:30'),
      },
    ]);
    // Time off ending at 08:00 local touches but does not overlap.
    expect(
      codes(monday, ctx({ timeOff: [{ start: '2027-11-07T00:00', end: '2027-11-08T08:00' }] })),
    ).toEqual([]);
    expect(codes(monday, ctx({}, { closures: ['2027-11-08'] }))).toEqual(['CLOSURE']);
    expect(codes(monday, ctx({}, { closures: ['2027-11-07', '2027-11-09'] }))).toEqual([]);
  });

  it('honours the windows’ from/until and one-off dates', () => {
    const monday = session('2027-03-08T09:00:00-05:00');
    const until = [{ ...weekdays[0], until: '2027-03-05' }];
    expect(codes(monday, ctx({ availability: until }))).toEqual(['STAFF_UNAVAILABLE']);
    const later = [{ ...weekdays[0], from: '2027-03-09' }];
    expect(codes(monday, ctx({ availability: later }))).toEqual(['STAFF_UNAVAILABLE']);
    const oneOff = [{ date: '2027-03-08', start: '09:00', end: '10:00' }];
    expect(codes(monday, ctx({ availability: oneOff }))).toEqual([]);
    // INTERVAL=2 counts from RULE_EPOCH (Monday 2001-01-01) when `from` is absent, whoever
    // the appointment is for: 2027-03-08 is 1366 weeks after it (on), 2027-03-15 is off.
    const fortnightly = [
      { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', start: '08:00', end: '17:00' },
    ];
    const next = session('2027-03-15T09:00:00-04:00');
    expect(codes(monday, ctx({ availability: fortnightly }))).toEqual([]);
    expect(codes(next, ctx({ availability: fortnightly }))).toEqual(['STAFF_UNAVAILABLE']);
    // `from` picks the weeks: from Monday 2027-03-01, the 1st and the 15th, not the 8th.
    const fromFirst = [{ ...fortnightly[0], from: '2027-03-01' }];
    expect(codes(monday, ctx({ availability: fromFirst }))).toEqual(['STAFF_UNAVAILABLE']);
    expect(codes(next, ctx({ availability: fromFirst }))).toEqual([]);
  });

  it('reports a removed role, a room’s hours, time off (turnover included) and features', () => {
    const monday = session('2027-03-08T09:00:00-05:00');
    expect(codes(monday, ctx({ roles: ['rn'] }))).toEqual(['STAFF_ROLE']);
    const rooms = (room: object) =>
      ctx(
        {},
        {
          rooms: new Map([
            [
              'bay1',
              { name: 'Bay 1', features: ['infusion'], availability: null, timeOff: [], ...room },
            ],
          ]),
        },
      );
    // The room is held until 10:00 (45 min + 15 turnover).
    expect(
      codes(monday, rooms({ timeOff: [{ start: '2027-03-08T09:55', end: '2027-03-08T12:00' }] })),
    ).toEqual(['ROOM_TIME_OFF']);
    expect(
      codes(
        monday,
        rooms({ availability: [{ date: '2027-03-08', start: '09:00', end: '09:50' }] }),
      ),
    ).toEqual(['ROOM_UNAVAILABLE']);
    expect(codes(monday, rooms({ availability: [] }))).toEqual(['ROOM_UNAVAILABLE']);
    expect(codes(monday, rooms({ features: ['therapy'] }))).toEqual(['ROOM_FEATURES']);
  });
});

describe('protocolConflicts', () => {
  const definition = (over: Partial<ProtocolDefinition> = {}): ProtocolDefinition => ({
    series: [
      {
        id: 'dose',
        sessionType: 'ketamine-iv',
        count: { min: 2, max: 4, default: 3 },
        gapHours: { min: 44 },
      },
    ],
    ...over,
  });
  const dose = (index: number, start: string): BookedView => ({
    ...session(start),
    id: `d${index}`,
    index,
  });
  const course = (...views: BookedView[]) =>
    views.map((v) => ({ id: v.id, series: v.series, index: v.index, start: v.start, end: v.end }));

  it('finds nothing when the version still has the session', () => {
    const d1 = dose(1, '2027-03-08T09:00:00-05:00');
    expect(protocolConflicts(d1, course(d1), definition(), {}, ZONE)).toEqual([]);
  });

  it('names a removed series, an index beyond the count and a changed session type', () => {
    const d3 = dose(3, '2027-03-12T09:00:00-05:00');
    const gone = definition({
      series: [{ id: 'infusion', sessionType: 'ketamine-iv', count: { min: 1, max: 1 } }],
    });
    expect(protocolConflicts(d3, [], gone, {}, ZONE).map((w) => w.code)).toEqual([
      'SERIES_REMOVED',
    ]);
    expect(protocolConflicts(d3, [], definition(), { dose: 2 }, ZONE).map((w) => w.code)).toEqual([
      'INDEX_OUT_OF_RANGE',
    ]);
    const other = definition({
      series: [{ id: 'dose', sessionType: 'ketamine-im', count: { min: 3, max: 3 } }],
    });
    expect(protocolConflicts(d3, [], other, {}, ZONE).map((w) => w.code)).toEqual([
      'SESSION_TYPE_CHANGED',
    ]);
  });

  it('names a session booked for another length than its session type now lasts', () => {
    const d1 = { ...dose(1, '2027-03-08T09:00:00-05:00'), durationMinutes: 60 };
    expect(protocolConflicts(d1, course(d1), definition(), {}, ZONE)).toEqual([
      {
        code: 'DURATION_CHANGED',
        resource: 'protocol',
        resourceId: null,
        message: 'dose 1 is booked for 45 min; session type "ketamine-iv" now lasts 60 min',
      },
    ]);
  });

  it('judges the timing rules with the course’s other sessions', () => {
    const d1 = dose(1, '2027-03-08T09:00:00-05:00');
    const d2 = dose(2, '2027-03-10T09:00:00-05:00'); // 48 h later
    const longer = definition({
      series: [
        {
          id: 'dose',
          sessionType: 'ketamine-iv',
          count: { min: 3, max: 3 },
          gapHours: { min: 72 },
        },
      ],
    });
    expect(protocolConflicts(d2, course(d1, d2), definition(), {}, ZONE)).toEqual([]);
    const why = protocolConflicts(d2, course(d1, d2), longer, {}, ZONE);
    expect(why).toEqual([
      {
        code: 'PROTOCOL_RULE',
        resource: 'protocol',
        resourceId: null,
        message: expect.stringContaining('72 h'),
      },
    ]);
  });

  it('lists a follow-up that leaves its anchor without one (counts as the enrollment gets them)', () => {
    const withFollowUp = definition({
      series: [
        { id: 'dose', sessionType: 'ketamine-iv', count: { min: 2, max: 3, default: 2 } },
        { id: 'int', sessionType: 'integration', count: { min: 2, max: 3, default: 2 } },
      ],
      rules: [{ type: 'followUp', anchor: 'dose', targets: ['int'], hours: { max: 24 } }],
    });
    const d1 = dose(1, '2027-03-08T09:00:00-05:00'); // ends 09:45
    const d2 = dose(2, '2027-03-10T09:00:00-05:00');
    // 26 h after dose 1 ends; int 2 (still to book) comes after it, too late for dose 1 as well.
    const int1: BookedView = {
      ...session('2027-03-09T11:45:00-05:00', 60),
      id: 'i1',
      series: 'int',
      sessionType: 'integration',
    };
    // No counts of its own: the series' defaults (2 and 2) apply.
    const why = protocolConflicts(int1, course(d1, d2, int1), withFollowUp, {}, ZONE);
    expect(why).toEqual([
      {
        code: 'PROTOCOL_RULE',
        resource: 'protocol',
        resourceId: null,
        message: expect.stringMatching(
          /^int 1 would start 26 h after the end of dose 1, which then has no follow-up of its own/,
        ),
      },
    ]);
    const onTime = { ...int1, start: d1.end + 3_600_000, end: d1.end + 2 * 3_600_000 };
    expect(protocolConflicts(onTime, course(d1, d2, onTime), withFollowUp, {}, ZONE)).toEqual([]);
  });
});

describe('newWhys', () => {
  it('keeps only what the change brought in, by code and resource (names may change)', () => {
    const base = { resource: 'staff' as const, resourceId: 'drA' };
    const before = [{ ...base, code: 'STAFF_UNAVAILABLE' as const, message: 'Dr. A …' }];
    const after = [
      { ...base, code: 'STAFF_UNAVAILABLE' as const, message: 'Dr. Amara …' },
      { ...base, code: 'STAFF_TIME_OFF' as const, message: 'Dr. Amara is on time off' },
    ];
    expect(newWhys(before, after).map((w) => w.code)).toEqual(['STAFF_TIME_OFF']);
    expect(newWhys(after, after)).toEqual([]);
  });
});

describe('patientConflicts', () => {
  const a = session('2027-03-08T09:00:00-05:00'); // 09:00–09:45 local
  const window = (over = {}) => ({
    enrollmentId: 'e1',
    earliestStart: '2027-03-01',
    latestEnd: '2027-03-31',
    unavailable: [],
    ...over,
  });
  const codes = (over = {}) => patientConflicts(a, window(over), ZONE).map((w) => w.code);

  it('finds nothing inside the window and clear of unavailability', () => {
    expect(
      codes({ unavailable: [{ start: '2027-03-08T09:45', end: '2027-03-08T12:00' }] }),
    ).toEqual([]);
    expect(codes({ earliestStart: '2027-03-08', latestEnd: '2027-03-08' })).toEqual([]);
  });

  it('names unavailability over the session and a window that no longer holds it', () => {
    expect(
      patientConflicts(
        a,
        window({ unavailable: [{ start: '2027-03-08T09:30', end: '2027-03-08T12:00' }] }),
        ZONE,
      ),
    ).toEqual([
      {
        code: 'PATIENT_UNAVAILABLE',
        resource: 'enrollment',
        resourceId: 'e1',
        message:
          'the patient is unavailable 2027-03-08T09:30–2027-03-08T12:00, over dose 1 (2027-03-08 09:00–09:45)',
      },
    ]);
    expect(codes({ latestEnd: '2027-03-07' })).toEqual(['OUTSIDE_PATIENT_WINDOW']);
    expect(codes({ earliestStart: '2027-03-09' })).toEqual(['OUTSIDE_PATIENT_WINDOW']);
  });
});
