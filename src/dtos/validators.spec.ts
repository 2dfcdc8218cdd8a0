import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { IsAfter, IsIanaTimeZone, IsLocalDate, IsLocalTime, isRrule, IsRrule } from './validators';

class Sample {
  @IsOptional() @IsIanaTimeZone() zone?: unknown;
  @IsOptional() @IsLocalDate() date?: unknown;
  @IsOptional() @IsLocalTime() start?: unknown;
  @IsOptional() @IsLocalTime() @IsAfter('start') end?: unknown;
  @IsOptional() @IsRrule() rrule?: unknown;
}

const codes = (plain: object) =>
  validateSync(plainToInstance(Sample, plain)).flatMap((e) => Object.keys(e.constraints ?? {}));

describe('field validators', () => {
  it('accept good values', () => {
    expect(
      codes({
        zone: 'America/New_York',
        date: '2028-02-29',
        start: '08:00',
        end: '16:30',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
      }),
    ).toEqual([]);
  });

  it.each([
    [{ zone: 'Mars/Olympus' }, 'INVALID_TIME_ZONE'],
    [{ zone: '+05:00' }, 'INVALID_TIME_ZONE'],
    [{ zone: 42 }, 'INVALID_TIME_ZONE'],
    [{ date: '2027-02-29' }, 'INVALID_DATE'],
    [{ date: '2027-3-1' }, 'INVALID_DATE'],
    [{ start: '24:00' }, 'INVALID_TIME'],
    [{ start: '09:00', end: '09:00' }, 'END_NOT_AFTER_START'],
    [{ start: '09:00', end: '08:59' }, 'END_NOT_AFTER_START'],
    [{ rrule: 'FREQ=SOMETIMES' }, 'INVALID_RRULE'],
    [{ rrule: 'BYDAY=MO' }, 'INVALID_RRULE'],
    [{ rrule: 'DTSTART:20270101T000000\nRRULE:FREQ=DAILY' }, 'INVALID_RRULE'],
  ])('reject %j with %s', (plain, code) => {
    expect(codes(plain)).toEqual([code]);
  });

  it('isRrule rejects junk without throwing', () => {
    expect(isRrule('FREQ=WEEKLY;BYDAY=XX')).toBe(false);
    expect(isRrule('FREQ=DAILY;COUNT=3')).toBe(true);
  });
});
