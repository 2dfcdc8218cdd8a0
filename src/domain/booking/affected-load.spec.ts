import type { BookedView } from './affected';
import { protocolConflicts } from './affected';
import { type LoadContext, roomCapacityWhys, staffDayWhys } from './affected-load';

const ZONE = 'America/New_York';
const ms = (iso: string) => new Date(iso).getTime();
const MIN = 60_000;

/** A session of `minutes` in Bay 1 (15 min turnover) with RN B occupied throughout. */
function session(id: string, start: string, minutes = 120, index = 1): BookedView {
  const s = ms(start);
  return {
    id,
    series: 'dose',
    index,
    sessionType: 'ketamine-iv',
    durationMinutes: minutes,
    start: s,
    end: s + minutes * MIN,
    roomId: 'bay1',
    turnoverMinutes: 15,
    roomFeatures: [],
    staff: [{ staffId: 'rnB', role: 'rn', start: s, end: s + minutes * MIN }],
  };
}

function context(views: BookedView[], over: Partial<LoadContext> = {}): LoadContext {
  return {
    zone: ZONE,
    staff: new Map([['rnB', { name: 'RN B', limits: { maxSessionsPerDay: 2 } }]]),
    rooms: new Map([['bay1', { name: 'Bay 1', capacity: 1 }]]),
    assignments: views.flatMap((v) =>
      v.staff.map((s) => ({ ...s, appointmentId: v.id, sessionStart: v.start })),
    ),
    holds: views.map((v) => ({
      appointmentId: v.id,
      roomId: v.roomId!,
      start: v.start,
      end: v.end + v.turnoverMinutes * MIN,
    })),
    ...over,
  };
}

describe('staffDayWhys', () => {
  it('counts the sessions of the local day, across the DST change', () => {
    // Sunday 2027-03-14 is the change: 23:30 EDT on Monday's eve is still Sunday locally,
    // although it is Monday in UTC; only Monday's three sessions count for Monday.
    const sun = session('sun', '2027-03-14T23:30:00-04:00', 20);
    const mon = ['09:00', '11:30', '14:00'].map((t, i) =>
      session(`m${i}`, `2027-03-15T${t}:00-04:00`),
    );
    const ctx = context([sun, ...mon]);
    expect(staffDayWhys(sun, ctx)).toEqual([]);
    expect(staffDayWhys(mon[0], ctx)).toEqual([
      {
        code: 'STAFF_DAILY_SESSIONS',
        resource: 'staff',
        resourceId: 'rnB',
        message: 'RN B has 3 sessions on 2027-03-15; the limit is 2',
      },
    ]);
  });

  it('counts overlapping minutes once, and ignores a person only present', () => {
    const a = session('a', '2027-03-15T09:00:00-04:00');
    const b = session('b', '2027-03-15T10:00:00-04:00');
    const limits = new Map([['rnB', { name: 'RN B', limits: { maxMinutesPerDay: 180 } }]]);
    expect(staffDayWhys(a, context([a, b], { staff: limits }))).toEqual([]);
    const c = session('c', '2027-03-15T13:00:00-04:00', 30);
    expect(staffDayWhys(c, context([a, b, c], { staff: limits })).map((w) => w.message)).toEqual([
      'RN B works 210 min on 2027-03-15; the limit is 180',
    ]);
    const present = { ...c, staff: c.staff.map((s) => ({ ...s, mode: 'present' })) };
    expect(staffDayWhys(present, context([a, b, c], { staff: limits }))).toEqual([]);
  });
});

describe('roomCapacityWhys', () => {
  it('counts the room time with turnover; sessions that only touch do not share it', () => {
    const a = session('a', '2027-03-15T09:00:00-04:00');
    const touching = session('t', '2027-03-15T11:15:00-04:00'); // a's turnover ends 11:15
    expect(roomCapacityWhys(a, context([a, touching]))).toEqual([]);
    const inTurnover = session('b', '2027-03-15T11:10:00-04:00');
    expect(roomCapacityWhys(a, context([a, inTurnover])).map((w) => w.code)).toEqual([
      'ROOM_CAPACITY',
    ]);
    const two = new Map([['bay1', { name: 'Bay 1', capacity: 2 }]]);
    expect(roomCapacityWhys(a, context([a, inTurnover], { rooms: two }))).toEqual([]);
  });

  it('finds the peak, not the count of sessions met', () => {
    // Capacity 2: b and c both meet a, but never at the same time.
    const a = session('a', '2027-03-15T09:00:00-04:00', 240);
    const b = session('b', '2027-03-15T09:00:00-04:00', 45);
    const c = session('c', '2027-03-15T11:00:00-04:00', 45);
    const two = new Map([['bay1', { name: 'Bay 1', capacity: 2 }]]);
    expect(roomCapacityWhys(a, context([a, b, c], { rooms: two }))).toEqual([]);
    const d = session('d', '2027-03-15T11:30:00-04:00', 45);
    expect(roomCapacityWhys(a, context([a, b, c, d], { rooms: two }))[0].message).toBe(
      'Bay 1 holds 2 sessions at once; 3 are booked there together with dose 1 (turnover included)',
    );
  });
});

describe('protocolConflicts with approved overrides', () => {
  const definition = {
    series: [
      {
        id: 'dose',
        sessionType: 'ketamine-iv',
        count: { min: 3, max: 3 },
        gapHours: { min: 44, max: 100 },
      },
    ],
    spanDays: { max: 5 },
  };
  const d1 = session('d1', '2027-03-12T09:00:00-05:00', 120, 1);
  const d2 = session('d2', '2027-03-13T13:00:00-05:00', 120, 2); // 28 h after dose 1
  const d3 = session('d3', '2027-03-17T09:00:00-04:00', 120, 3); // 91 h later; 6 days in all
  const course = [d1, d2, d3].map((v) => ({ ...v }));
  const why = (v: BookedView, approved: Record<string, string[]>) =>
    protocolConflicts(v, course, definition, {}, ZONE, new Map(Object.entries(approved))).map((w) =>
      w.message.slice(0, 28),
    );

  it('drops the approved rules of the session and of the course’s sessions it involves', () => {
    expect(why(d2, {})).toEqual(['dose 2 would be 28 h after d', 'the course would span 6 days']);
    expect(why(d1, {})).toEqual(['dose 2 would be 28 h after d', 'the course would span 6 days']);
    expect(why(d2, { d2: ['GAP_HOURS'] })).toEqual(['the course would span 6 days']);
    expect(why(d1, { d2: ['GAP_HOURS'] })).toEqual(['the course would span 6 days']);
    // dose 2 is in the middle: the 6-day span is dose 1's and dose 3's, not what was approved.
    expect(why(d3, { d2: ['GAP_HOURS', 'SPAN_DAYS'] })).toEqual(['the course would span 6 days']);
    expect(why(d1, { d3: ['SPAN_DAYS'] })).toEqual(['dose 2 would be 28 h after d']);
    // An override of another rule hides nothing else.
    expect(why(d1, { d2: ['OFFSET_RULE'] })).toHaveLength(2);
  });
});
