/**
 * Local calendar values as plain integers: a local date is a day number
 * (days since 1970-01-01 in the proleptic Gregorian calendar, no zone),
 * a local time is minutes since 00:00.
 */
import type { Weekday } from '../planning/format';
import { WEEKDAYS } from '../planning/format';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{2}):(\d{2})$/;
const DATE_TIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

export interface LocalDateParts {
  year: number;
  month: number;
  day: number;
}

/** `YYYY-MM-DD` → day number. Throws on malformed input. */
export function dayNumber(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new Error(`not a local date: ${date}`);
  return Math.round(Date.UTC(+m[1], +m[2] - 1, +m[3]) / 86_400_000);
}

export function dateParts(day: number): LocalDateParts {
  const d = new Date(day * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day number → `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Weekday index 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function weekdayOf(day: number): Weekday {
  return WEEKDAYS[weekdayIndex(day)];
}

/** `HH:MM` → minutes since 00:00 (24:00 is not a valid local time). */
export function minuteOfDay(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m || +m[1] > 23 || +m[2] > 59) throw new Error(`not a local time: ${time}`);
  return +m[1] * 60 + +m[2];
}

/** `YYYY-MM-DDTHH:MM` → day number and minute of day. */
export function parseLocalDateTime(value: string): { day: number; minute: number } {
  const m = DATE_TIME_RE.exec(value);
  if (!m) throw new Error(`not a local date-time: ${value}`);
  return { day: dayNumber(m[1]), minute: minuteOfDay(m[2]) };
}
