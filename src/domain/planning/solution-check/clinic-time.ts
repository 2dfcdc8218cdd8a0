/**
 * The validator's own, deliberately simple time arithmetic (luxon + rrule
 * directly; nothing shared with the planner). Instants are epoch milliseconds.
 */
import { DateTime, IANAZone } from 'luxon';
import { datetime, RRule } from 'rrule';
import type { AvailabilityWindow, Horizon, LocalPeriod, Weekday } from '../format';
import { WEEKDAYS } from '../format';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface Interval {
  start: number;
  end: number;
}

function wallClockAsUtc(date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d) + minutes * MINUTE_MS;
}

/**
 * The instant of a wall-clock time on a local date. A time inside a
 * spring-forward gap moves forward by the gap; an ambiguous fall-back time
 * takes the earlier instant. `minutes` may be 1440 (the next midnight).
 */
export function localToMillis(date: string, minutes: number, zone: string): number {
  return remember(`local ${zone} ${date} ${minutes}`, () =>
    computeLocalToMillis(date, minutes, zone),
  );
}

function computeLocalToMillis(date: string, minutes: number, zone: string): number {
  const tz = IANAZone.create(zone);
  const wall = wallClockAsUtc(date, minutes);
  const before = tz.offset(wall - DAY_MS);
  const after = tz.offset(wall + DAY_MS);
  const valid = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wall - tz.offset(instant) * MINUTE_MS === instant);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before * MINUTE_MS; // in the gap: the offset before it pushes the time forward
}

/** Instant of a `YYYY-MM-DDTHH:MM` local date-time. */
export function localDateTimeToMillis(value: string, zone: string): number {
  return localToMillis(value.slice(0, 10), minutesOf(value.slice(11, 16)), zone);
}

/** Minutes since 00:00 of `HH:MM`. */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

export function localDateOf(instant: number, zone: string): string {
  return remember(
    `date ${zone} ${instant}`,
    () => DateTime.fromMillis(instant, { zone }).toISODate() as string,
  );
}

/**
 * Memo for time conversions that luxon computes through Intl (the validator's main cost):
 * the same dates and instants come back for every appointment, staff member and rule, and
 * again for every solve of the same clinic in a long-lived worker. Only for pure functions
 * of the key, so it changes no answer; cleared when it reaches its bound.
 */
const memo = new Map<string, number | string>();
const MEMO_LIMIT = 100_000;

export function remember<T extends number | string>(key: string, compute: () => T): T {
  const known = memo.get(key);
  if (known !== undefined) return known as T;
  if (memo.size >= MEMO_LIMIT) memo.clear();
  const value = compute();
  memo.set(key, value);
  return value;
}

/** Wall-clock minutes since 00:00 of an instant (fractional when seconds are not zero). */
export function localMinutesOf(instant: number, zone: string): number {
  const dt = DateTime.fromMillis(instant, { zone });
  return dt.hour * 60 + dt.minute + dt.second / 60 + dt.millisecond / 60000;
}

/**
 * Whether an instant is on the clinic's slot grid: its local wall-clock minute of day is a
 * multiple of `slotMinutes` (the SLOT_GRID rule of bookings, moves and plans).
 */
export function onSlotGrid(instant: number, zone: string, slotMinutes: number): boolean {
  return localMinutesOf(instant, zone) % slotMinutes === 0;
}

/**
 * Why a start is off the slot grid, in wall-clock words: "starts at 09:10, not on the
 * 15-minute grid (09:00 and 09:15 are on it)", or for seconds or milliseconds "starts at
 * 05:00:00.001, not on the 15-minute grid (starts are whole minutes on it: 05:00 and 05:15
 * are)". Never a fractional minute count.
 */
export function offGridProblem(instant: number, zone: string, slotMinutes: number): string {
  const dt = DateTime.fromMillis(instant, { zone });
  const format = dt.millisecond ? 'HH:mm:ss.SSS' : dt.second ? 'HH:mm:ss' : 'HH:mm';
  const minutes = dt.hour * 60 + dt.minute;
  const before = minutes - (minutes % slotMinutes);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const near = `${hhmm(before)} and ${hhmm(before + slotMinutes)}`;
  const why =
    dt.second || dt.millisecond
      ? `starts are whole minutes on it: ${near} are`
      : `${near} are on it`;
  return `starts at ${dt.toFormat(format)}, not on the ${slotMinutes}-minute grid (${why})`;
}

export function weekdayOf(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  const jsDay = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return WEEKDAYS[(jsDay + 6) % 7];
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (local dates). */
export function daysBetween(a: string, b: string): number {
  return Math.round((wallClockAsUtc(b, 0) - wallClockAsUtc(a, 0)) / DAY_MS);
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2027-03-15T09:00:00-04:00`. */
export function formatInstant(instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toISO({ suppressMilliseconds: true }) as string;
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

export function periodInterval(period: LocalPeriod, zone: string): Interval {
  return {
    start: localDateTimeToMillis(period.start, zone),
    end: localDateTimeToMillis(period.end, zone),
  };
}

export function dayInterval(date: string, zone: string): Interval {
  return { start: localToMillis(date, 0, zone), end: localToMillis(addDays(date, 1), 0, zone) };
}

const occurrenceCache = new WeakMap<object, Map<string, Set<string>>>();

/** Local dates on which a window occurs (within the horizon, plus a day either side). */
export function windowDates(window: AvailabilityWindow, horizon: Horizon): Set<string> {
  const key = `${horizon.start}/${horizon.end}`;
  const perHorizon = occurrenceCache.get(window) ?? new Map<string, Set<string>>();
  occurrenceCache.set(window, perHorizon);
  const cached = perHorizon.get(key);
  if (cached) return cached;
  let dates: Set<string>;
  if ('date' in window) {
    dates = new Set([window.date]);
  } else {
    const from = window.from ?? horizon.start;
    const lastDate =
      window.until !== undefined && window.until < horizon.end
        ? window.until
        : addDays(horizon.end, 1);
    const [fy, fm, fd] = from.split('-').map(Number);
    const [ly, lm, ld] = lastDate.split('-').map(Number);
    const rule = new RRule({ ...RRule.parseString(window.rrule), dtstart: datetime(fy, fm, fd) });
    dates = new Set(
      rule
        .between(datetime(fy, fm, fd), datetime(ly, lm, ld), true)
        .map((d) => d.toISOString().slice(0, 10)),
    );
  }
  perHorizon.set(key, dates);
  return dates;
}

/** Window intervals (instants) occurring on the given local dates, merged where they touch. */
export function windowIntervals(
  windows: AvailabilityWindow[],
  dates: string[],
  horizon: Horizon,
  zone: string,
): Interval[] {
  const intervals: Interval[] = [];
  for (const date of dates) {
    for (const window of windows) {
      if (!windowDates(window, horizon).has(date)) continue;
      intervals.push({
        start: localToMillis(date, minutesOf(window.start), zone),
        end: localToMillis(date, minutesOf(window.end), zone),
      });
    }
  }
  intervals.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const interval of intervals) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
    else merged.push({ ...interval });
  }
  return merged;
}

/** Is `[start, end)` inside the union of the windows? */
export function insideWindows(
  interval: Interval,
  windows: AvailabilityWindow[],
  horizon: Horizon,
  zone: string,
): boolean {
  const first = addDays(localDateOf(interval.start, zone), -1);
  const last = addDays(localDateOf(interval.end, zone), 1);
  const dates: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) dates.push(d);
  return windowIntervals(windows, dates, horizon, zone).some(
    (w) => w.start <= interval.start && interval.end <= w.end,
  );
}
