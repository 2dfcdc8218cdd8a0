import { DateTime } from 'luxon';
import type { LaneHold } from './lanes';
import { MoveCheck, type MoveContext } from './move-check';
import { moveOptions } from './move-options';

const zone = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();
const M = 60_000;
const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }];

const definition = {
  series: [
    {
      id: 'dose',
      sessionType: 'iv',
      count: { min: 3, max: 3 },
      gapHours: { min: 44, max: 100 },
      days: ['MO', 'WE', 'FR'] as ('MO' | 'WE' | 'FR')[],
    },
  ],
  patientDay: { start: '08:00', end: '18:00' },
  restDays: ['SA', 'SU'] as ('SA' | 'SU')[],
};
const type = {
  id: 'iv',
  durationMinutes: 120,
  room: { features: ['infusion'], turnoverMinutes: 15 },
  staff: [{ role: 'rn', count: 1 }],
};

/** Dose 1 Monday 2027-03-08 09:00; dose 2 (to move) Wednesday 09:00; RN Ada busy 13:00–15:00 Wed. */
function context(holds: Record<string, LaneHold[]> = {}): MoveContext {
  const dose1 = at('2027-03-08T09:00');
  const staff = [
    { id: 'ada', name: 'RN Ada', roles: ['rn'], archived: false, limits: null },
    { id: 'bo', name: 'RN Bo', roles: ['rn'], archived: true, limits: null },
  ];
  return {
    zone,
    now: at('2027-03-01T00:00'),
    series: 'dose',
    index: 2,
    definition,
    counts: { dose: 3 },
    type,
    patientId: 'pat',
    course: [{ series: 'dose', index: 1, start: dose1, end: dose1 + 120 * M }],
    rules: {
      clinic: { timeZone: zone, slotMinutes: 15, closures: ['2027-03-12'] },
      protocol: { code: 'iv', definition },
      enrollment: {
        counts: { dose: 3 },
        earliestStart: '2027-03-01',
        latestEnd: '2027-03-31',
        unavailable: [],
      },
      patientLabel: 'P',
      sessionTypes: [type],
      staff: staff.map((s) => ({ ...s, availability: weekdays, timeOff: [] })),
      rooms: [
        {
          id: 'bay',
          name: 'Bay',
          features: ['infusion'],
          capacity: 1,
          availability: null,
          timeOff: [],
        },
      ],
      booked: [
        {
          series: 'dose',
          index: 1,
          start: dose1,
          roomId: 'bay',
          staff: [{ staffId: 'ada', role: 'rn', start: dose1, end: dose1 + 120 * M }],
        },
      ],
    },
    staff: new Map(staff.map((s) => [s.id, s])),
    rooms: new Map([
      ['bay', { id: 'bay', name: 'Bay', features: ['infusion'], capacity: 1, archived: false }],
    ]),
    holds: new Map(Object.entries(holds)),
    loaded: { from: at('2027-03-01T00:00'), to: at('2027-04-01T00:00') },
    staffDays: new Map(),
  };
}

const busy = (from: string, to: string): LaneHold => ({
  id: from,
  appointmentId: `other ${from}`,
  start: at(from),
  end: at(to),
  lane: 0,
  cap: 1,
});

describe('moveOptions', () => {
  const current = {
    start: at('2027-03-10T09:00'),
    roomId: 'bay',
    staff: [{ staffId: 'ada', role: 'rn' }],
  };
  const window = { from: at('2027-03-09T00:00'), to: at('2027-03-13T00:00') };

  it('offers exactly the starts the booking checks accept, closest first', () => {
    const check = new MoveCheck(context({ ada: [busy('2027-03-10T13:00', '2027-03-10T15:00')] }));
    const options = moveOptions(check, { ...window, limit: 500, current, excludeCurrent: true });
    const offered = new Set(options.map((o) => o.start));
    const shifts = options.map((o) => Math.abs(o.start - current.start));
    expect(shifts).toEqual([...shifts].sort((a, b) => a - b));
    expect(options.every((o) => o.roomId === 'bay' && o.staff[0].staffId === 'ada')).toBe(true);
    // Wednesday 08:00–09:00 and 15:00 (Ada is busy 13–15, the patient day ends 18:00, Ada 17:00).
    const wednesday = options
      .map((o) => DateTime.fromMillis(o.start, { zone }).toFormat('ccc HH:mm'))
      .filter((s) => s.startsWith('Wed'));
    expect(wednesday).toEqual(
      expect.arrayContaining(['Wed 08:45', 'Wed 10:45', 'Wed 15:00', 'Wed 08:00']),
    );
    expect(wednesday).not.toContain('Wed 11:15');
    expect(wednesday).not.toContain('Wed 15:15');
    // Both ways, every 25 minutes of the window (on and off the grid): offered ⇔ accepted.
    for (let t = window.from; t < window.to; t += 25 * M) {
      if (t === current.start) continue;
      const ok = check.judge({ ...current, start: t }).ok;
      expect([DateTime.fromMillis(t, { zone }).toISO(), offered.has(t)]).toEqual([
        DateTime.fromMillis(t, { zone }).toISO(),
        ok,
      ]);
    }
    // Friday is a closure; Thursday is not a dose day.
    expect(options.some((o) => DateTime.fromMillis(o.start, { zone }).weekday >= 4)).toBe(false);
  });

  it('stops at the limit and never offers the past', () => {
    const ctx = { ...context(), now: at('2027-03-10T10:00') };
    const options = moveOptions(new MoveCheck(ctx), {
      ...window,
      limit: 3,
      current,
      excludeCurrent: true,
    });
    expect(options).toHaveLength(3);
    expect(options.every((o) => o.start >= ctx.now)).toBe(true);
  });

  it('offers nothing the patient is busy for, nor a room taken by another booking', () => {
    const check = new MoveCheck(
      context({
        pat: [busy('2027-03-10T08:00', '2027-03-10T12:00')],
        bay: [busy('2027-03-10T12:00', '2027-03-10T18:00')],
      }),
    );
    const options = moveOptions(check, { ...window, limit: 500, current, excludeCurrent: true });
    const wednesday = options.filter((o) => o.start < at('2027-03-11T00:00'));
    expect(wednesday).toEqual([]);
  });
});
