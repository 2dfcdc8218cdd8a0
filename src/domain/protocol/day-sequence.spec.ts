import fc from 'fast-check';
import {
  allowedDaySteps,
  type GapModel,
  maxAllowedDaysInWindow,
  minimalSpans,
} from './day-sequence';

const model = (m: Partial<GapModel>): GapModel => ({
  minGapMinutes: 0,
  maxGapMinutes: Infinity,
  startWindowMinutes: 0,
  sameDayMinGapMinutes: 60,
  perDay: 1,
  ...m,
});

/** Brute force: every day sequence (offsets from the first session) up to `horizon` days. */
function bruteMinimalSpan(
  n: number,
  allowed: Set<number>,
  steps: number[],
  perDay: number,
  horizon: number,
): number {
  let best = Infinity;
  const walk = (day: number, placed: number, onDay: number, start: number) => {
    if (day - start >= best || day - start > horizon) return;
    if (placed === n) {
      best = day - start;
      return;
    }
    for (const k of steps) {
      if (k === 0 && onDay >= perDay) continue;
      if (k > 0 && !allowed.has((day + k) % 7)) continue;
      walk(day + k, placed + 1, k === 0 ? onDay + 1 : 1, start);
    }
  };
  for (const d of allowed) walk(d, 1, 1, d);
  return best;
}

describe('allowedDaySteps', () => {
  it('gives 3 and 4 days for 72–96 h with a 4.5-hour start window', () => {
    expect(
      allowedDaySteps(
        model({ minGapMinutes: 72 * 60, maxGapMinutes: 96 * 60, startWindowMinutes: 270 }),
      ),
    ).toEqual([3, 4]);
  });

  it('widens by one hour for DST: 49 h reaches two days even with fixed start times, 50 h does not', () => {
    expect(allowedDaySteps(model({ minGapMinutes: 49 * 60 }))[0]).toBe(2);
    expect(allowedDaySteps(model({ minGapMinutes: 50 * 60 }))[0]).toBe(3);
    expect(allowedDaySteps(model({ maxGapMinutes: 47 * 60 })).at(-1)).toBe(2);
    expect(allowedDaySteps(model({ maxGapMinutes: 46 * 60 })).at(-1)).toBe(1);
  });

  it('allows the same day only when two sessions fit and the gap allows it', () => {
    const m = { minGapMinutes: 180, startWindowMinutes: 450, sameDayMinGapMinutes: 180 };
    expect(allowedDaySteps(model({ ...m, perDay: 2 }))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(allowedDaySteps(model({ ...m, perDay: 1 }))[0]).toBe(1);
    expect(allowedDaySteps(model({ ...m, perDay: 2, startWindowMinutes: 120 }))[0]).toBe(1);
  });
});

describe('minimalSpans', () => {
  it('places six MO/WE/FR sessions two days apart in 11 elapsed days', () => {
    const spans = minimalSpans(6, new Set([0, 2, 4]), [2, 3, 4, 5, 6, 7, 8], 1);
    expect(spans.slice(1)).toEqual([0, 2, 4, 7, 9, 11]);
  });

  it('returns Infinity when no chain exists', () => {
    expect(minimalSpans(2, new Set([1, 2, 3]), [3, 4], 1)[2]).toBe(Infinity);
    expect(minimalSpans(1, new Set(), [1], 1)[1]).toBe(Infinity);
  });

  it('agrees with a brute-force search of day sequences', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 7 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        (days, steps, n, perDay) => {
          const allowed = new Set(days);
          const sorted = [...steps].sort((a, b) => a - b);
          const spans = minimalSpans(n, allowed, sorted, perDay);
          const brute = bruteMinimalSpan(n, allowed, sorted, perDay, 9 * n);
          expect(spans[n]).toBe(brute);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('maxAllowedDaysInWindow', () => {
  it('counts the best run of allowed weekdays', () => {
    const weekdays = new Set([0, 1, 2, 3, 4]);
    expect(maxAllowedDaysInWindow(weekdays, 7)).toBe(5);
    expect(maxAllowedDaysInWindow(weekdays, 3)).toBe(3);
    expect(maxAllowedDaysInWindow(weekdays, 14)).toBe(10);
    expect(maxAllowedDaysInWindow(new Set([0]), 8)).toBe(2);
  });
});
