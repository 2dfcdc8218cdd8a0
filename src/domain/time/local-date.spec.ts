import { dayNumber, formatDay, minuteOfDay, parseLocalDateTime, weekdayOf } from './local-date';

describe('local dates and times', () => {
  it('round-trips dates through day numbers', () => {
    for (const d of ['1970-01-01', '2027-02-28', '2028-02-29', '2027-12-31'])
      expect(formatDay(dayNumber(d))).toBe(d);
    expect(dayNumber('2027-03-01') - dayNumber('2027-02-28')).toBe(1);
  });

  it('names weekdays', () => {
    expect(weekdayOf(dayNumber('2027-03-15'))).toBe('MO');
    expect(weekdayOf(dayNumber('2027-03-14'))).toBe('SU');
    expect(weekdayOf(dayNumber('1969-12-31'))).toBe('WE');
  });

  it('parses times and date-times and rejects malformed ones', () => {
    expect(minuteOfDay('09:30')).toBe(570);
    expect(parseLocalDateTime('2027-03-14T02:30')).toEqual({
      day: dayNumber('2027-03-14'),
      minute: 150,
    });
    expect(() => minuteOfDay('24:00')).toThrow();
    expect(() => dayNumber('2027-3-1')).toThrow();
  });
});
