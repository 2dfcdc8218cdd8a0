import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import { IsArray, IsInt, IsString, Max, Min, ValidateNested, validateSync } from 'class-validator';
import { IsIanaTimeZone, IsLocalDate, IsRrule, IsWeekday } from '../../dtos/validators';
import { pointerOf, toFieldIssues } from './request-validation.error';

class Window {
  @IsRrule() rrule: string;
}
class Body {
  @IsString() name: string;
  @IsInt() @Min(1) @Max(10) count: number;
  @IsArray() @ValidateNested({ each: true }) @Type(() => Window) availability: Window[];
  @IsLocalDate({ each: true }) closures: string[];
}
class Week {
  @IsIanaTimeZone() timeZone: unknown;
  @IsWeekday({ each: true }) days: unknown;
}

const issues = (plain: object) =>
  toFieldIssues(
    validateSync(plainToInstance(Body, plain), {
      whitelist: true,
      forbidNonWhitelisted: true,
    }),
  );

describe('toFieldIssues', () => {
  it('turns nested paths into JSON pointers with stable codes', () => {
    const byPointer = (a: { pointer: string }, b: { pointer: string }) =>
      a.pointer.localeCompare(b.pointer);
    expect(
      issues({
        name: 'x',
        count: 11,
        availability: [{ rrule: 'FREQ=WEEKLY' }, { rrule: 'nope', extra: 1 }],
        closures: ['2027-01-01', '2027-02-30', 'x'],
        bogus: true,
      }).sort(byPointer),
    ).toEqual(
      [
        { pointer: '/count', code: 'OUT_OF_RANGE', message: 'count must not be greater than 10' },
        { pointer: '/availability/1/rrule', code: 'INVALID_RRULE', message: expect.any(String) },
        { pointer: '/availability/1/extra', code: 'UNKNOWN_FIELD', message: 'unknown field' },
        { pointer: '/closures/1', code: 'INVALID_DATE', message: expect.any(String) },
        { pointer: '/closures/2', code: 'INVALID_DATE', message: expect.any(String) },
        { pointer: '/bogus', code: 'UNKNOWN_FIELD', message: 'unknown field' },
      ].sort(byPointer),
    );
  });

  it('points at each failing element of an `each: true` rule, at the field otherwise', () => {
    const weekIssues = (plain: object) =>
      toFieldIssues(validateSync(plainToInstance(Week, plain))).map(
        (i) => `${i.pointer} ${i.code}`,
      );
    expect(weekIssues({ timeZone: 'UTC', days: ['MO', 'mo', 'TU', 'XX'] })).toEqual([
      '/days/1 INVALID_WEEKDAY',
      '/days/3 INVALID_WEEKDAY',
    ]);
    // A single-value rule sent an array names the field, even if the elements would pass.
    expect(weekIssues({ timeZone: ['UTC'], days: 'XX' })).toEqual([
      '/timeZone INVALID_TIME_ZONE',
      '/days INVALID_WEEKDAY',
    ]);
  });

  it('escapes pointer tokens per RFC 6901', () => {
    expect(pointerOf(['a/b', 'c~d', 0])).toBe('/a~1b/c~0d/0');
  });
});
