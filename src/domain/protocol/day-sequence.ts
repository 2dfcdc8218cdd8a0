/**
 * Weekday simulation for series timing: which day steps a gap rule allows,
 * and the fewest calendar days a chain of sessions needs on a set of allowed
 * weekdays.
 *
 * The model is a relaxation of the real problem, so that a chain it cannot
 * build is certainly impossible (the check reports errors only then):
 * - each step picks its own start times inside the patient-day window, as if
 *   consecutive steps did not constrain each other;
 * - elapsed hours between two local dates are taken as the wall-clock
 *   difference widened by one hour each way, because a daylight-saving change
 *   between them makes real elapsed time differ from wall-clock time by up to
 *   1 h (the largest DST shift in use; smaller ones are covered too);
 * - closures, staff and room availability are ignored.
 */
import type { Weekday } from '../planning/format';
import { WEEKDAYS } from '../planning/format';

/** Widening applied to every wall-clock difference across days (see above). */
export const DST_TOLERANCE_MINUTES = 60;

const MINUTES_PER_DAY = 1440;

export function weekdayIndex(day: Weekday): number {
  return WEEKDAYS.indexOf(day);
}

/** The weekday `days` after `day`. */
export function addWeekdays(day: number, days: number): number {
  return (((day + days) % 7) + 7) % 7;
}

export function weekdayNames(days: Iterable<number>): string {
  return [...days]
    .sort((a, b) => a - b)
    .map((d) => WEEKDAYS[d])
    .join(', ');
}

/** How consecutive sessions of one series may be spaced. */
export interface GapModel {
  /** Start-to-start bounds, real minutes (`Infinity` when unbounded). */
  minGapMinutes: number;
  maxGapMinutes: number;
  /** Latest minus earliest start a session may have inside the patient day, minutes (≥ 0). */
  startWindowMinutes: number;
  /** Shortest same-day start-to-start distance: duration plus the patient's minimum break. */
  sameDayMinGapMinutes: number;
  /** Upper bound on sessions of this series on one local date (≥ 1). */
  perDay: number;
}

function intersects(lo1: number, hi1: number, lo2: number, hi2: number): boolean {
  return Math.max(lo1, lo2) <= Math.min(hi1, hi2);
}

/**
 * Day differences (0 = same local date) at which the next session of the
 * series can start, given the gap bounds, the start window and the DST
 * tolerance. Sorted ascending; finite even when the gap has no maximum (a
 * longer step never shortens a chain: every weekday is reachable within seven
 * consecutive allowed differences).
 */
export function allowedDaySteps(model: GapModel): number[] {
  const w = model.startWindowMinutes;
  const tol = DST_TOLERANCE_MINUTES;
  const steps: number[] = [];
  if (
    model.perDay >= 2 &&
    intersects(model.sameDayMinGapMinutes, w, model.minGapMinutes - tol, model.maxGapMinutes + tol)
  ) {
    steps.push(0);
  }
  let kMax: number;
  if (Number.isFinite(model.maxGapMinutes)) {
    kMax = Math.floor((model.maxGapMinutes + w + tol) / MINUTES_PER_DAY);
  } else {
    const kMin = Math.max(1, Math.ceil((model.minGapMinutes - w - tol) / MINUTES_PER_DAY));
    kMax = kMin + 6;
  }
  for (let k = 1; k <= kMax; k++) {
    const lo = k * MINUTES_PER_DAY - w - tol;
    const hi = k * MINUTES_PER_DAY + w + tol;
    if (intersects(lo, hi, model.minGapMinutes, model.maxGapMinutes)) steps.push(k);
  }
  return steps;
}

/** Largest chain length `minimalSpans` will simulate. */
export const MAX_SIMULATED_SESSIONS = 400;

/**
 * For i = 1..n, the fewest days from the first to the last session's local
 * date (`spans[i] + 1` calendar days inclusive) that a chain of i sessions
 * needs on the allowed weekdays, or `Infinity` when no chain of i sessions
 * exists. `spans[0]` is unused (0).
 */
export function minimalSpans(
  n: number,
  allowed: ReadonlySet<number>,
  steps: readonly number[],
  perDay: number,
): number[] {
  const count = Math.min(Math.max(0, Math.floor(n)), MAX_SIMULATED_SESSIONS);
  const spans: number[] = [0];
  if (count === 0) return spans;
  const cap = Math.max(1, Math.min(perDay, count));
  // dist[day][c - 1]: fewest elapsed days so far ending on weekday `day` with c sessions on it.
  let dist: number[][] = Array.from({ length: 7 }, (_, day) =>
    Array.from({ length: cap }, (_, c) => (c === 0 && allowed.has(day) ? 0 : Infinity)),
  );
  spans.push(allowed.size > 0 ? 0 : Infinity);
  for (let i = 2; i <= count; i++) {
    const next: number[][] = Array.from({ length: 7 }, () => new Array<number>(cap).fill(Infinity));
    for (let day = 0; day < 7; day++) {
      for (let c = 1; c <= cap; c++) {
        const here = dist[day][c - 1];
        if (!Number.isFinite(here)) continue;
        for (const k of steps) {
          if (k === 0) {
            if (c < cap) next[day][c] = Math.min(next[day][c], here);
            continue;
          }
          const to = addWeekdays(day, k);
          if (allowed.has(to)) next[to][0] = Math.min(next[to][0], here + k);
        }
      }
    }
    dist = next;
    spans.push(Math.min(...dist.flat()));
  }
  return spans;
}

/** Most allowed weekdays any run of `windowDays` consecutive local dates can contain. */
export function maxAllowedDaysInWindow(allowed: ReadonlySet<number>, windowDays: number): number {
  const days = Math.max(0, Math.floor(windowDays));
  let best = 0;
  for (let start = 0; start < 7; start++) {
    let n = 0;
    for (let d = 0; d < days; d++) if (allowed.has(addWeekdays(start, d))) n++;
    best = Math.max(best, n);
  }
  return best;
}
