import { DateTime } from 'luxon';
import { dateParts, dayNumber } from './local-date';
import { formatInstant, localOf, offsetAt, placeLocal } from './zone';

const at = (zone: string, date: string, hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return formatInstant(zone, placeLocal(zone, dayNumber(date), h * 60 + m));
};

describe('placeLocal / formatInstant', () => {
  it('keeps 09:00 wall-clock across the New York spring-forward change', () => {
    expect(at('America/New_York', '2027-03-12', '09:00')).toBe('2027-03-12T09:00:00-05:00');
    expect(at('America/New_York', '2027-03-15', '09:00')).toBe('2027-03-15T09:00:00-04:00');
  });

  it('moves a time inside the spring-forward gap forward by the gap', () => {
    expect(at('America/New_York', '2027-03-14', '02:30')).toBe('2027-03-14T03:30:00-04:00');
    expect(at('America/New_York', '2027-03-14', '02:00')).toBe('2027-03-14T03:00:00-04:00');
    expect(at('Europe/Berlin', '2027-03-28', '02:15')).toBe('2027-03-28T03:15:00+02:00');
    expect(at('Australia/Sydney', '2027-10-03', '02:30')).toBe('2027-10-03T03:30:00+11:00');
  });

  it('takes the earlier instant of an ambiguous fall-back time', () => {
    expect(at('America/New_York', '2027-11-07', '01:30')).toBe('2027-11-07T01:30:00-04:00');
    expect(at('Europe/Berlin', '2027-10-31', '02:30')).toBe('2027-10-31T02:30:00+02:00');
    expect(at('Australia/Sydney', '2027-04-04', '02:30')).toBe('2027-04-04T02:30:00+11:00');
  });

  it('formats half-hour and quarter-hour offsets', () => {
    expect(at('Asia/Kolkata', '2027-03-15', '09:00')).toBe('2027-03-15T09:00:00+05:30');
    expect(at('Asia/Kathmandu', '2027-03-15', '09:00')).toBe('2027-03-15T09:00:00+05:45');
  });

  it('counts real elapsed minutes: Monday 09:00 to Wednesday 09:00 across spring-forward is 47 h', () => {
    const z = 'America/New_York';
    const mon = placeLocal(z, dayNumber('2027-03-13'), 9 * 60);
    const wed = placeLocal(z, dayNumber('2027-03-15'), 9 * 60);
    expect(wed - mon).toBe(47 * 60);
  });

  it('reads an instant back as local date and minute', () => {
    const z = 'Asia/Kolkata';
    const t = placeLocal(z, dayNumber('2027-03-15'), 23 * 60 + 45);
    expect(localOf(z, t)).toEqual({ day: dayNumber('2027-03-15'), minute: 23 * 60 + 45 });
    expect(offsetAt(z, t)).toBe(330);
  });

  it('gives the offset change at the exact minute of a transition', () => {
    const z = 'America/New_York';
    const transition = Date.UTC(2027, 2, 14, 7, 0) / 60_000; // 02:00 EST
    expect(offsetAt(z, transition - 1)).toBe(-300);
    expect(offsetAt(z, transition)).toBe(-240);
  });

  it('agrees with luxon (earliest valid offset, gap forward) over a whole year in several zones', () => {
    const reference = (zone: string, day: number, minute: number): number => {
      const { year, month, day: dom } = dateParts(day);
      const local = DateTime.fromObject(
        { year, month, day: dom, hour: Math.floor(minute / 60), minute: minute % 60 },
        { zone },
      );
      const valid = local
        .getPossibleOffsets()
        .map((d) => d.toMillis() / 60_000)
        .filter(
          (t) =>
            DateTime.fromMillis(t * 60_000, { zone }).toFormat('HH:mm') === local.toFormat('HH:mm'),
        );
      return valid.length > 0 ? Math.min(...valid) : local.toMillis() / 60_000;
    };
    for (const zone of [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Sydney',
      'Australia/Lord_Howe',
    ]) {
      for (let day = dayNumber('2027-01-01'); day < dayNumber('2028-01-01'); day += 1) {
        for (const minute of [0, 90, 120, 150, 180, 540]) {
          expect([zone, day, minute, placeLocal(zone, day, minute)]).toEqual([
            zone,
            day,
            minute,
            reference(zone, day, minute),
          ]);
        }
      }
    }
  });
});
