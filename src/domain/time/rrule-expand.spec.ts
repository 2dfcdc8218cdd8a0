import { dayNumber, formatDay } from './local-date';
import { expandRruleDays } from './rrule-expand';

const days = (rule: string, from: string, to: string) =>
  expandRruleDays(rule, dayNumber(from), dayNumber(to)).map(formatDay);

describe('expandRruleDays (floating mode)', () => {
  it('expands weekly BYDAY across the DST change without shifting dates', () => {
    expect(days('FREQ=WEEKLY;BYDAY=MO,WE,FR', '2027-03-08', '2027-03-19')).toEqual([
      '2027-03-08',
      '2027-03-10',
      '2027-03-12',
      '2027-03-15',
      '2027-03-17',
      '2027-03-19',
    ]);
  });

  it('includes both bounds and honours COUNT and INTERVAL from DTSTART', () => {
    expect(days('FREQ=DAILY;COUNT=3', '2027-03-13', '2027-03-31')).toEqual([
      '2027-03-13',
      '2027-03-14',
      '2027-03-15',
    ]);
    expect(days('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', '2027-03-01', '2027-03-31')).toEqual([
      '2027-03-02',
      '2027-03-16',
      '2027-03-30',
    ]);
  });

  it('gives the same dates whatever the host zone', () => {
    // TZ is fixed per process; the spec suite runs under TZ=UTC and TZ=America/New_York.
    expect(days('FREQ=WEEKLY;BYDAY=SU', '2027-10-25', '2027-11-08')).toEqual([
      '2027-10-31',
      '2027-11-07',
    ]);
  });

  it('returns nothing for an empty range', () => {
    expect(days('FREQ=DAILY', '2027-03-02', '2027-03-01')).toEqual([]);
  });
});
