import {
  canonicalTimeZone,
  isLocalDate,
  isLocalDateTime,
  isLocalTime,
  isValidTimeZone,
  localDateProblem,
  localDateTimeProblem,
  localTimeToMinutes,
  missingDateProblem,
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

describe('why a local date is refused', () => {
  it.each([
    ['2027-02-30', '2027-02-30 does not exist: February 2027 has 28 days'],
    ['2028-02-30', '2028-02-30 does not exist: February 2028 has 29 days'],
    ['2027-04-31', '2027-04-31 does not exist: April 2027 has 30 days'],
    ['2027-01-00', '2027-01-00 does not exist: January 2027 has 31 days'],
    ['2027-13-01', '2027-13-01 does not exist: there is no month 13'],
    ['2027-3-14', 'must be a local date YYYY-MM-DD'],
    [42, 'must be a local date YYYY-MM-DD'],
  ])('%s: %s', (value, message) => {
    expect(localDateProblem(value)).toBe(message);
  });

  it('says which date of a date-time does not exist', () => {
    expect(localDateTimeProblem('2027-02-29T10:00')).toBe(
      '2027-02-29 does not exist: February 2027 has 28 days',
    );
    expect(localDateTimeProblem('2027-02-28T24:00')).toBe(
      'must be a local date-time YYYY-MM-DDTHH:MM',
    );
    expect(localDateTimeProblem('2027-02-28T23:59')).toBeUndefined();
  });

  it('names the missing date at the start of any value (an instant too), nothing else', () => {
    expect(missingDateProblem('2027-02-30T10:00:00-05:00')).toBe(
      '2027-02-30 does not exist: February 2027 has 28 days',
    );
    expect(missingDateProblem('2027-13-01T00:00Z')).toBe(
      '2027-13-01 does not exist: there is no month 13',
    );
    expect(missingDateProblem('2027-02-28T99:99:99+99:99')).toBeUndefined();
    expect(missingDateProblem('x2027-02-30')).toBeUndefined();
    expect(missingDateProblem('27-02-30')).toBeUndefined();
  });
});

describe('canonicalTimeZone', () => {
  it.each([
    ['america/new_york', 'America/New_York'],
    ['EUROPE/BERLIN', 'Europe/Berlin'],
    ['America/Port-Au-Prince', 'America/Port-au-Prince'],
    ['America/New_York', 'America/New_York'],
    ['utc', 'UTC'],
    ['etc/gmt+5', 'Etc/GMT+5'],
    // Links kept as written in IANA's capitalisation, whatever name the runtime lists them by.
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['US/Eastern', 'US/Eastern'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
  ])('%s -> %s', (given, canonical) => {
    expect(canonicalTimeZone(given)).toBe(canonical);
  });

  it('a link in another capitalisation becomes a name of the same zone, in IANA case', () => {
    for (const given of ['asia/kolkata', 'us/eastern', 'ASIA/KOLKATA', 'Asia/kolkata']) {
      const stored = canonicalTimeZone(given)!;
      expect(stored).not.toBe(given);
      expect(canonicalTimeZone(stored)).toBe(stored);
      const at = Date.UTC(2027, 6, 1);
      const offset = (zone: string) =>
        new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(at);
      expect(offset(stored)).toBe(offset(given));
    }
  });

  it('keeps every name of the runtime list as it is, and refuses unknown zones', () => {
    for (const zone of Intl.supportedValuesOf('timeZone'))
      expect(canonicalTimeZone(zone)).toBe(zone);
    expect(canonicalTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(canonicalTimeZone('')).toBeUndefined();
    expect(canonicalTimeZone(7)).toBeUndefined();
  });
});
