import { plainToInstance } from 'class-transformer';
import { IsOptional, validateSync } from 'class-validator';
import { shapeConstraintCode } from './constraint-codes';
import {
  elementTest,
  IsAfter,
  IsIanaTimeZone,
  IsLocalDate,
  IsLocalTime,
  isRrule,
  IsRrule,
  IsWeekday,
} from './index';

class Sample {
  @IsOptional() @IsIanaTimeZone() zone?: unknown;
  @IsOptional() @IsLocalDate() date?: unknown;
  @IsOptional() @IsLocalTime() start?: unknown;
  @IsOptional() @IsLocalTime() @IsAfter('start') end?: unknown;
  @IsOptional() @IsRrule() rrule?: unknown;
  @IsOptional() @IsLocalDate({ each: true }) closures?: unknown;
  @IsOptional() @IsWeekday({ each: true }) days?: unknown;
}

const errorsOf = (plain: object) => validateSync(plainToInstance(Sample, plain));

/** The stable problem+json code of each failing constraint. */
const codes = (plain: object) =>
  errorsOf(plain).flatMap((e) =>
    Object.keys(e.constraints ?? {}).map((name) => shapeConstraintCode(name) ?? name),
  );

describe('field validators', () => {
  it('accept good values', () => {
    expect(
      codes({
        zone: 'America/New_York',
        date: '2028-02-29',
        start: '08:00',
        end: '16:30',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
        closures: ['2027-12-24', '2028-02-29'],
        days: ['MO', 'SU'],
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
    [{ closures: ['2027-01-01', '2027-02-30'] }, 'INVALID_DATE'],
    [{ days: ['MO', 'mo'] }, 'INVALID_WEEKDAY'],
  ])('reject %j with %s', (plain, code) => {
    expect(codes(plain)).toEqual([code]);
  });

  it('isRrule rejects junk without throwing', () => {
    expect(isRrule('FREQ=WEEKLY;BYDAY=XX')).toBe(false);
    expect(isRrule('FREQ=DAILY;COUNT=3')).toBe(true);
  });
});

describe('elementTest', () => {
  const failure = (plain: object) => {
    const [error] = errorsOf(plain);
    const [constraint] = Object.keys(error.constraints ?? {});
    return { error, constraint, test: elementTest(constraint, error.contexts?.[constraint]) };
  };

  it('gives the per-element test of an `each: true` rule that failed', () => {
    const { test } = failure({ closures: ['2027-01-01', '2027-02-30'] });
    expect(test).toBeDefined();
    expect(['2027-01-01', '2027-02-30', 'x'].map((v) => test!(v))).toEqual([true, false, false]);
    const weekday = failure({ days: ['MO', 'XX'] }).test;
    expect(['MO', 'XX'].map((v) => weekday!(v))).toEqual([true, false]);
  });

  it('gives none for a single-value rule, even when it was sent an array', () => {
    const { constraint, test } = failure({ date: ['2027-01-01'] });
    expect(constraint).toBe('isLocalDate');
    expect(test).toBeUndefined();
    expect(elementTest('isLocalDate')).toBeUndefined();
  });

  it('gives none for rules that read sibling values', () => {
    const { constraint, test } = failure({ start: '09:00', end: '08:00' });
    expect(constraint).toBe('isAfter');
    expect(test).toBeUndefined();
  });
});
