import fc from 'fast-check';
import { dayNumber, formatDay } from './local-date';
import { anchoredWindows, RULE_EPOCH, ruleAnchorDay } from './rrule-anchor';
import { expandRruleDays } from './rrule-expand';

const EPOCH = dayNumber(RULE_EPOCH);
const fromEpoch = (rule: string, first: number, last: number) =>
  expandRruleDays(rule, EPOCH, last).filter((d) => d >= first);
const fromAnchor = (rule: string, first: number, last: number) =>
  expandRruleDays(rule, ruleAnchorDay(rule, first), last).filter((d) => d >= first);

describe('ruleAnchorDay', () => {
  it('counts INTERVAL from Monday 2001-01-01 whatever the range expanded', () => {
    const rule = 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO';
    const mondays = (from: string) =>
      fromAnchor(rule, dayNumber(from), dayNumber('2027-05-31')).map(formatDay);
    expect(mondays('2027-05-03')).toEqual(['2027-05-03', '2027-05-17', '2027-05-31']);
    expect(mondays('2027-05-10')).toEqual(['2027-05-17', '2027-05-31']);
    expect(mondays('2027-05-04')).toEqual(['2027-05-17', '2027-05-31']);
    expect(formatDay(ruleAnchorDay(rule, dayNumber('2027-05-16')))).toBe('2027-05-03');
    // Monthly and yearly anchors are the 1st of a month / of January; COUNT keeps the epoch.
    expect(formatDay(ruleAnchorDay('FREQ=MONTHLY;INTERVAL=2', dayNumber('2027-04-20')))).toBe(
      '2027-03-01',
    );
    expect(formatDay(ruleAnchorDay('FREQ=YEARLY;INTERVAL=3', dayNumber('2027-04-20')))).toBe(
      '2025-01-01',
    );
    expect(ruleAnchorDay('FREQ=DAILY;COUNT=3', dayNumber('2027-04-20'))).toBe(EPOCH);
    expect(ruleAnchorDay('FREQ=DAILY;INTERVAL=3', dayNumber('1999-04-20'))).toBe(EPOCH);
  });

  it('gives the same occurrences from any range start as expanding from the epoch', () => {
    const rules = fc.oneof(
      fc
        .tuple(fc.integer({ min: 1, max: 5 }), fc.subarray(['MO', 'TU', 'WE', 'SA']))
        .map(([i, days]) => `FREQ=DAILY;INTERVAL=${i}${days.length ? `;BYDAY=${days}` : ''}`),
      fc
        .tuple(
          fc.integer({ min: 1, max: 4 }),
          fc.subarray(['MO', 'WE', 'FR', 'SU']),
          fc.constantFrom('', ';WKST=SU', ';WKST=TH'),
        )
        .map(
          ([i, days, wkst]) =>
            `FREQ=WEEKLY;INTERVAL=${i}${days.length ? `;BYDAY=${days}` : ''}${wkst}`,
        ),
      fc
        .tuple(
          fc.integer({ min: 1, max: 5 }),
          fc.constantFrom('', ';BYMONTHDAY=15,-1', ';BYDAY=1MO', ';BYDAY=MO,FR;BYSETPOS=-1'),
        )
        .map(([i, by]) => `FREQ=MONTHLY;INTERVAL=${i}${by}`),
      fc
        .tuple(
          fc.integer({ min: 1, max: 3 }),
          fc.constantFrom('', ';BYMONTH=3;BYDAY=2TU', ';BYWEEKNO=1,52;BYDAY=MO'),
        )
        .map(([i, by]) => `FREQ=YEARLY;INTERVAL=${i}${by}`),
    );
    const starts = fc.integer({ min: dayNumber('2026-01-01'), max: dayNumber('2028-12-31') });
    fc.assert(
      fc.property(rules, starts, fc.integer({ min: 0, max: 120 }), (rule, first, length) => {
        expect(fromAnchor(rule, first, first + length)).toEqual(
          fromEpoch(rule, first, first + length),
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('anchoredWindows', () => {
  it('gives recurring windows without `from` the anchor; keeps the rest as they are', () => {
    const windows = [
      { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', start: '08:00', end: '20:00' },
      { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '08:00', end: '12:00', from: '2027-05-04' },
      { date: '2027-05-08', start: '09:00', end: '12:00' },
      { rrule: 'FREQ=DAILY', start: '08:00', end: '09:00', until: '2027-04-30' },
    ];
    expect(anchoredWindows(windows, '2027-05-10')).toEqual([
      { ...windows[0], from: '2027-05-03' },
      windows[1],
      windows[2],
    ]);
    expect(anchoredWindows(windows, '2027-04-30')[3]).toEqual({
      ...windows[3],
      from: '2027-04-30',
    });
  });
});
