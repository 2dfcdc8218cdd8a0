import {
  isLocalDate,
  isLocalDateTime,
  isLocalTime,
  isValidTimeZone,
  localTimeToMinutes,
  parseRruleValue,
} from './local-values';

describe('local values', () => {
  it.each(['2027-03-14', '2028-02-29', '2027-12-31'])('accepts the local date %s', (v) => {
    expect(isLocalDate(v)).toBe(true);
  });
  it.each(['2027-02-29', '2027-13-01', '2027-3-14', '2027-03-14T09:00', 20270314, null])(
    'rejects the local date %s',
    (v) => expect(isLocalDate(v)).toBe(false),
  );

  it.each(['00:00', '09:05', '23:59'])('accepts the local time %s', (v) => {
    expect(isLocalTime(v)).toBe(true);
  });
  it.each(['24:00', '9:00', '09:60', '09:00:00', '12:00 PM', 900])(
    'rejects the local time %s',
    (v) => expect(isLocalTime(v)).toBe(false),
  );

  it('converts a local time to minutes since midnight', () => {
    expect(localTimeToMinutes('13:45')).toBe(825);
  });

  it.each(['2027-03-14T02:30', '2027-11-07T01:30'])('accepts the local date-time %s', (v) => {
    expect(isLocalDateTime(v)).toBe(true);
  });
  it.each(['2027-03-14 02:30', '2027-03-14T02:30:00', '2027-03-14T02:30Z', '2027-02-30T10:00'])(
    'rejects the local date-time %s',
    (v) => expect(isLocalDateTime(v)).toBe(false),
  );

  it.each(['America/New_York', 'Asia/Kolkata', 'UTC'])('accepts the zone %s', (v) => {
    expect(isValidTimeZone(v)).toBe(true);
  });
  it.each(['America/Springfield', 'EST5EDT+1', '', 5])('rejects the zone %s', (v) =>
    expect(isValidTimeZone(v)).toBe(false),
  );

  it.each([
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    'FREQ=DAILY;INTERVAL=2;COUNT=10',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=WEEKLY;UNTIL=20270401;WKST=SU',
    'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=14',
  ])('accepts the RRULE value %s', (v) => {
    expect(parseRruleValue(v)).toMatchObject({ ok: true });
  });

  it.each([
    ['garbage', /unknown part "garbage"/],
    ['FREQ=FOO', /invalid FREQ/],
    ['FREQ=WEEKLY;BYDAY=XX', /invalid BYDAY/],
    ['FREQ=WEEKLY;INTERVAL=x', /invalid INTERVAL/],
    ['FREQ=HOURLY', /invalid FREQ/],
    ['FREQ=DAILY;BYHOUR=9', /unknown part "BYHOUR"/],
    ['BYDAY=MO', /must have a FREQ/],
    ['DTSTART:20270301T090000\nRRULE:FREQ=DAILY', /single RRULE value line/],
    ['FREQ=DAILY;DTSTART=20270301', /DTSTART/],
    ['FREQ=DAILY;TZID=America/New_York', /TZID/],
    ['RRULE:FREQ=DAILY', /without "RRULE:"/],
    ['FREQ=DAILY;COUNT=3;UNTIL=20270401', /both COUNT and UNTIL/],
    ['FREQ=DAILY;FREQ=WEEKLY', /repeats/],
    ['', /non-empty/],
  ])('rejects the RRULE value %s', (v, message) => {
    const result = parseRruleValue(v);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
