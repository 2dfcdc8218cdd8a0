import { IsOptional } from 'class-validator';
import { SHAPE_CONSTRAINT_CODES, shapeConstraintCode } from './constraint-codes';
import { IsIanaTimeZone, IsOccurrence, IsWeekday } from './index';
import { issueKeys } from '../shapes/validation.testing';

class ZoneHolder {
  @IsIanaTimeZone()
  timeZone: string;

  @IsOptional()
  @IsWeekday({ each: true })
  days?: string[];

  @IsOptional()
  @IsOccurrence()
  occurrence?: unknown;
}

describe('custom validators', () => {
  it('accepts IANA zone names and rejects unknown zones', async () => {
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'UTC']) {
      expect(await issueKeys(ZoneHolder, { timeZone: zone })).toEqual([]);
    }
    for (const zone of ['Mars/Olympus', 'EST5', '', 42]) {
      expect(await issueKeys(ZoneHolder, { timeZone: zone })).toEqual(['timeZone:isIanaTimeZone']);
    }
  });

  it('checks weekday codes element by element and occurrences', async () => {
    expect(await issueKeys(ZoneHolder, { timeZone: 'UTC', days: ['MO', 'SU'] })).toEqual([]);
    expect(await issueKeys(ZoneHolder, { timeZone: 'UTC', days: ['MO', 'mo'] })).toEqual([
      'days:isWeekday',
    ]);
    for (const ok of ['first', 'last', 1, 12]) {
      expect(await issueKeys(ZoneHolder, { timeZone: 'UTC', occurrence: ok })).toEqual([]);
    }
    for (const bad of ['second', 0, 1.5, '2']) {
      expect(await issueKeys(ZoneHolder, { timeZone: 'UTC', occurrence: bad })).toEqual([
        'occurrence:isOccurrence',
      ]);
    }
  });
});

describe('constraint codes', () => {
  it('maps every custom constraint to an UPPER_SNAKE code', () => {
    for (const [name, code] of Object.entries(SHAPE_CONSTRAINT_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(shapeConstraintCode(name)).toBe(code);
    }
    expect(shapeConstraintCode('isRrule')).toBe('INVALID_RRULE');
    expect(shapeConstraintCode('isAfter')).toBe('END_NOT_AFTER_START');
    expect(shapeConstraintCode('min')).toBeUndefined();
    expect(shapeConstraintCode('toString')).toBeUndefined();
  });
});
