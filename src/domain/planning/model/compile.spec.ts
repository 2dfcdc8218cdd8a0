import type { Problem } from '../format';
import { formatInstant } from '../../time/zone';
import { compileModel } from './compile';

const problem: Problem = {
  formatVersion: 1,
  clinic: { timeZone: 'America/New_York', slotMinutes: 30, closures: ['2027-03-17'] },
  horizon: { start: '2027-03-13', end: '2027-03-18' },
  staff: [
    {
      id: 'dr',
      roles: ['prescriber'],
      availability: [
        { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH', start: '09:00', end: '12:00' },
        { date: '2027-03-13', start: '10:00', end: '11:00' },
      ],
      timeOff: [{ start: '2027-03-16T00:00', end: '2027-03-16T10:00' }],
      limits: { maxSessionsPerDay: 2 },
    },
    { id: 'nobody', roles: ['prescriber'] },
  ],
  rooms: [{ id: 'r1', features: ['infusion'], capacity: 2 }],
  sessionTypes: [
    {
      id: 'dose',
      durationMinutes: 60,
      room: { features: ['infusion'], turnoverMinutes: 15 },
      staff: [{ role: 'prescriber', offsetMinutes: 0, durationMinutes: 30 }],
    },
  ],
  protocols: [
    {
      id: 'p',
      series: [
        {
          id: 'dose',
          sessionType: 'dose',
          count: { min: 2, max: 3 },
          gapHours: { min: 20 },
          days: ['MO', 'TU'],
        },
      ],
      patientDay: { start: '08:00', end: '17:00', minBreakMinutes: 15 },
      restDays: ['SU'],
    },
  ],
  patients: [{ id: 'a', protocol: 'p', counts: { dose: 3 }, earliestStart: '2027-03-14' }],
  busy: [{ resource: 'dr', start: '2027-03-15T11:00', end: '2027-03-15T11:30' }],
};

describe('compileModel', () => {
  const model = compileModel(problem);
  const fmt = (t: number) => formatInstant(model.zone, t);
  const pairs = (list: number[]) => {
    const out: string[] = [];
    for (let i = 0; i < list.length; i += 2) out.push(`${fmt(list[i])}/${fmt(list[i + 1])}`);
    return out;
  };

  it('builds staff free time: windows minus time off, busy and closures', () => {
    expect(pairs(model.staff[0].free)).toEqual([
      '2027-03-13T10:00:00-05:00/2027-03-13T11:00:00-05:00',
      '2027-03-15T09:00:00-04:00/2027-03-15T11:00:00-04:00',
      '2027-03-15T11:30:00-04:00/2027-03-15T12:00:00-04:00',
      '2027-03-16T10:00:00-04:00/2027-03-16T12:00:00-04:00',
      '2027-03-18T09:00:00-04:00/2027-03-18T12:00:00-04:00',
    ]);
    expect(model.staff[0].maxSessionsPerDay).toBe(2);
    expect(model.staff[1].free).toEqual([]);
  });

  it('opens rooms without availability across the horizon except closures', () => {
    expect(pairs(model.rooms[0].free)).toEqual([
      '2027-03-13T00:00:00-05:00/2027-03-17T00:00:00-04:00',
      '2027-03-18T00:00:00-04:00/2027-03-19T00:00:00-04:00',
    ]);
    expect(model.rooms[0].capacity).toBe(2);
  });

  it('marks slots where resources could serve a session, ignoring other bookings', () => {
    const st = model.sessionTypes[0];
    const ok = [...model.slotStart].filter((_, i) => st.staticOk[i]).map(fmt);
    // The prescriber's 30 minutes must fit her free time; the room must be free with turnover.
    expect(ok).toContain('2027-03-15T09:00:00-04:00');
    expect(ok).toContain('2027-03-15T10:30:00-04:00');
    expect(ok).not.toContain('2027-03-15T11:00:00-04:00');
    expect(ok).toContain('2027-03-15T11:30:00-04:00');
    expect(ok).not.toContain('2027-03-16T09:30:00-04:00');
    expect(st.needs[0]).toMatchObject({
      offset: 0,
      duration: 30,
      maxConcurrent: 1,
      count: 1,
      candidates: [0, 1],
    });
  });

  it('compiles protocols and patients to minutes, masks and day indices', () => {
    const proto = model.protocols[0];
    expect(proto.series[0]).toMatchObject({ gapMin: 1200, gapMax: Infinity, dayMask: 0b11 });
    expect(proto).toMatchObject({ dayStart: 480, dayEnd: 1020, minBreak: 15, restMask: 1 << 6 });
    expect(model.patients[0]).toMatchObject({
      counts: [3],
      firstDay: 1,
      lastDay: 5,
      completionBase: 1,
    });
    expect(model.closed).toEqual([false, false, false, false, true, false]);
  });
});
