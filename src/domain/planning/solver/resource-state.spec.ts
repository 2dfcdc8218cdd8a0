import type { Problem } from '../format';
import { compileModel } from '../model/compile';
import { ResourceState, unionLength, unionLengthWith } from './resource-state';

const problem: Problem = {
  formatVersion: 1,
  clinic: { timeZone: 'UTC', slotMinutes: 15 },
  horizon: { start: '2027-03-01', end: '2027-03-02' },
  staff: [
    {
      id: 'rn',
      roles: ['rn'],
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '18:00' }],
    },
    {
      id: 'dr',
      roles: ['prescriber'],
      availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '18:00' }],
      limits: { maxSessionsPerDay: 2, maxMinutesPerDay: 90 },
    },
  ],
  rooms: [{ id: 'lounge', features: ['recliner'], capacity: 2 }],
  sessionTypes: [
    {
      id: 's',
      durationMinutes: 60,
      room: { features: ['recliner'], turnoverMinutes: 15 },
      staff: [],
    },
  ],
  protocols: [],
  patients: [],
};

describe('ResourceState', () => {
  const model = compileModel(problem);
  const h = (hh: number, mm = 0) => model.dayStartAt[0] + hh * 60 + mm;

  it('lets shared assignments overlap up to the smallest maxConcurrent, never with an exclusive one', () => {
    const s = new ResourceState(model);
    s.addStaff(0, h(9), h(11), 3, 0, 1);
    expect(s.staffFree(0, h(10), h(12), 1, 0)).toBe(false); // exclusive on top of shared
    expect(s.staffFree(0, h(10), h(12), 3, 0)).toBe(true);
    s.addStaff(0, h(10), h(12), 3, 0, 2);
    expect(s.staffFree(0, h(10, 30), h(11, 30), 3, 0)).toBe(true); // third at once: allowed by 3
    expect(s.staffFree(0, h(10, 30), h(11, 30), 2, 0)).toBe(false); // its own limit is 2
    expect(s.staffFree(0, h(11), h(13), 2, 0)).toBe(true); // only one other from 11:00
    s.addStaff(0, h(10, 30), h(11, 30), 3, 0, 3);
    expect(s.staffFree(0, h(10, 45), h(11), 3, 0)).toBe(false); // would be a fourth
    expect(s.staffFree(0, h(11, 30), h(12), 3, 0)).toBe(true); // half-open: 11:30 is free again
    s.removeStaff(0, h(10, 30), h(11, 30), 0, 3);
    expect(s.staffFree(0, h(10, 45), h(11), 3, 0)).toBe(true);
  });

  it('never lets an exclusive assignment overlap anything', () => {
    const s = new ResourceState(model);
    s.addStaff(0, h(9), h(10), 1, 0, 1);
    expect(s.staffFree(0, h(9, 45), h(10, 30), 3, 0)).toBe(false);
    expect(s.staffFree(0, h(10), h(10, 30), 1, 0)).toBe(true);
    expect(s.staffFree(0, h(7, 45), h(8, 15), 1, 0)).toBe(false); // outside availability
  });

  it('applies staff limits per local day: sessions, and occupied minutes counted once', () => {
    const s = new ResourceState(model);
    s.addStaff(1, h(9), h(10), 1, 0, 1);
    expect(s.staffFree(1, h(11), h(11, 45), 1, 0)).toBe(false); // 60 + 45 > 90
    expect(s.staffFree(1, h(11), h(11, 30), 1, 0)).toBe(true);
    s.addStaff(1, h(11), h(11, 30), 1, 0, 2);
    expect(s.staffFree(1, h(12), h(12, 15), 1, 0)).toBe(false); // third session
    expect(s.staffFree(1, h(12) + 1440, h(13) + 1440, 1, 1)).toBe(true); // next day
  });

  it('holds at most `capacity` sessions in a room at any instant, turnover included', () => {
    const s = new ResourceState(model);
    s.addRoom(0, h(9), h(10, 15), 1);
    s.addRoom(0, h(9, 30), h(10, 45), 2);
    expect(s.roomFree(0, h(10), h(11))).toBe(false);
    expect(s.roomFree(0, h(10, 15), h(11))).toBe(true);
    expect(s.roomFree(0, h(8), h(9))).toBe(true);
  });

  it('measures unions of intervals', () => {
    expect(
      unionLength([
        [0, 10],
        [5, 20],
        [30, 40],
      ]),
    ).toBe(30);
    expect(unionLength([])).toBe(0);
  });

  it('measures the union of sorted intervals and one more without copying them', () => {
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let run = 0; run < 500; run++) {
      const list: Array<[number, number]> = Array.from({ length: next(5) }, () => {
        const a = next(100);
        return [a, a + 1 + next(30)] as [number, number];
      }).sort((x, y) => x[0] - y[0]);
      const s = next(100);
      const e = s + 1 + next(30);
      expect(unionLengthWith(list, s, e)).toBe(unionLength([...list, [s, e]]));
    }
    expect(unionLengthWith([], 5, 9)).toBe(4);
  });
});
