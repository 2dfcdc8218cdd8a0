import { dayNumber } from '../../time/local-date';
import { formatInstant, localOf } from '../../time/zone';
import { buildGrid } from './grid';

const slotsOfDay = (zone: string, date: string, slot: number) => {
  const g = buildGrid(zone, dayNumber(date), 1, slot);
  return Array.from(g.slotStart);
};

describe('slot grid', () => {
  it('has 23 h of slots on the spring-forward day and 25 h on the fall-back day', () => {
    expect(slotsOfDay('America/New_York', '2027-03-14', 15)).toHaveLength(92);
    expect(slotsOfDay('America/New_York', '2027-11-07', 15)).toHaveLength(100);
    expect(slotsOfDay('America/New_York', '2027-03-15', 15)).toHaveLength(96);
  });

  it('counts from local midnight: in a +05:30 zone local 09:00 is on an hourly grid', () => {
    const zone = 'Asia/Kolkata';
    const slots = slotsOfDay(zone, '2027-03-15', 60);
    expect(slots).toHaveLength(24);
    expect(slots.map((t) => formatInstant(zone, t))).toContain('2027-03-15T09:00:00+05:30');
    for (const t of slots) expect(localOf(zone, t).minute % 60).toBe(0);
  });

  it('stays on the local grid on both sides of a transition', () => {
    const zone = 'Australia/Sydney';
    for (const date of ['2027-04-04', '2027-10-03']) {
      for (const t of slotsOfDay(zone, date, 30)) {
        const local = localOf(zone, t);
        expect(local.minute % 30).toBe(0);
        expect(local.day).toBe(dayNumber(date));
      }
    }
  });

  it('indexes days and their first slots', () => {
    const g = buildGrid('Europe/Berlin', dayNumber('2027-03-27'), 3, 60);
    expect(Array.from(g.daySlot)).toEqual([0, 24, 47, 71]);
    expect(g.slotDay[23]).toBe(0);
    expect(g.slotDay[24]).toBe(1);
    expect(g.weekday).toEqual([5, 6, 0, 1]);
  });
});
