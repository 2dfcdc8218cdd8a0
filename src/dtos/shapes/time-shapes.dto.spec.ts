import { AvailabilityWindowDto, LocalPeriodDto, StaffLimitsDto } from './index';
import { issueKeys, messageOf } from './validation.testing';

describe('AvailabilityWindowDto', () => {
  it('accepts recurring and one-off windows', async () => {
    expect(
      await issueKeys(AvailabilityWindowDto, {
        rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
        start: '08:00',
        end: '16:00',
      }),
    ).toEqual([]);
    expect(
      await issueKeys(AvailabilityWindowDto, {
        rrule: 'FREQ=WEEKLY;BYDAY=TU',
        start: '08:00',
        end: '12:00',
        from: '2027-03-01',
        until: '2027-03-01',
      }),
    ).toEqual([]);
    expect(
      await issueKeys(AvailabilityWindowDto, { date: '2027-03-13', start: '09:00', end: '12:00' }),
    ).toEqual([]);
  });

  it('rejects an invalid RRULE with the reason', async () => {
    const plain = { rrule: 'FREQ=HOURLY', start: '08:00', end: '16:00' };
    expect(await issueKeys(AvailabilityWindowDto, plain)).toEqual(['rrule:isRrule']);
    expect(await messageOf(AvailabilityWindowDto, plain, 'rrule', 'isRrule')).toContain(
      'invalid FREQ value "HOURLY"',
    );
    expect(
      await issueKeys(AvailabilityWindowDto, {
        rrule: 'DTSTART:20270101\nFREQ=DAILY',
        start: '08:00',
        end: '09:00',
      }),
    ).toEqual(['rrule:isRrule']);
  });

  it('requires exactly one of rrule and date', async () => {
    expect(await issueKeys(AvailabilityWindowDto, { start: '08:00', end: '16:00' })).toEqual([
      'rrule:exactlyOneOf',
    ]);
    expect(
      await issueKeys(AvailabilityWindowDto, { rrule: null, start: '08:00', end: '16:00' }),
    ).toEqual(['rrule:isRrule']);
    expect(
      await issueKeys(AvailabilityWindowDto, {
        rrule: 'FREQ=DAILY',
        date: '2027-03-13',
        start: '08:00',
        end: '16:00',
      }),
    ).toEqual(['rrule:exactlyOneOf']);
  });

  it('rejects from/until on a one-off window and until before from', async () => {
    expect(
      await issueKeys(AvailabilityWindowDto, {
        date: '2027-03-13',
        from: '2027-03-01',
        start: '08:00',
        end: '16:00',
      }),
    ).toEqual(['from:notWith']);
    expect(
      await issueKeys(AvailabilityWindowDto, {
        rrule: 'FREQ=DAILY',
        from: '2027-03-10',
        until: '2027-03-09',
        start: '08:00',
        end: '16:00',
      }),
    ).toEqual(['until:isNotBefore']);
  });

  it('rejects an end not after the start, bad times and dates, and unknown fields', async () => {
    expect(
      await issueKeys(AvailabilityWindowDto, { rrule: 'FREQ=DAILY', start: '16:00', end: '16:00' }),
    ).toEqual(['end:isAfter']);
    expect(
      await issueKeys(AvailabilityWindowDto, { rrule: 'FREQ=DAILY', start: '8:00', end: '24:00' }),
    ).toEqual(['end:isLocalTime', 'start:isLocalTime']);
    expect(
      await issueKeys(AvailabilityWindowDto, { date: '2027-02-30', start: '08:00', end: '09:00' }),
    ).toEqual(['date:isLocalDate']);
    expect(
      await issueKeys(AvailabilityWindowDto, {
        rrule: 'FREQ=DAILY',
        start: '08:00',
        end: '09:00',
        tz: 'UTC',
      }),
    ).toEqual(['tz:whitelistValidation']);
  });
});

describe('LocalPeriodDto and StaffLimitsDto', () => {
  it('accepts a period and rejects one that does not end after it starts', async () => {
    expect(
      await issueKeys(LocalPeriodDto, { start: '2027-03-10T00:00', end: '2027-03-11T00:00' }),
    ).toEqual([]);
    expect(
      await issueKeys(LocalPeriodDto, { start: '2027-03-10T09:00', end: '2027-03-10T08:59' }),
    ).toEqual(['end:isAfter']);
    expect(
      await issueKeys(LocalPeriodDto, { start: '2027-03-10 09:00', end: '2027-03-10T10:00' }),
    ).toEqual(['start:isLocalDateTime']);
  });

  it('bounds the daily limits', async () => {
    expect(
      await issueKeys(StaffLimitsDto, { maxSessionsPerDay: 4, maxMinutesPerDay: 420 }),
    ).toEqual([]);
    expect(
      await issueKeys(StaffLimitsDto, { maxSessionsPerDay: 0, maxMinutesPerDay: 1441 }),
    ).toEqual(['maxMinutesPerDay:max', 'maxSessionsPerDay:min']);
  });
});
