/**
 * Wall-clock helpers for the test factories, written independently of the
 * planner's own time code: local date + minutes since local midnight in a zone
 * to an instant (spring-forward gap times move forward by the gap; ambiguous
 * fall-back times take the earlier instant), and back.
 */
import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '../../../src/domain/planning/format';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

function parseDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year, month, day };
}

/** Epoch milliseconds of local `date` at `minutes` after local midnight in `zone`. */
export function localInstant(zone: string, date: string, minutes: number): number {
  const { year, month, day } = parseDate(date);
  const base = DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).plus({ minutes });
  const local = DateTime.fromObject(
    { year: base.year, month: base.month, day: base.day, hour: base.hour, minute: base.minute },
    { zone },
  );
  // luxon moves gap times forward (what we want) but resolves ambiguous
  // fall-back times inconsistently: take the earliest possible offset.
  const candidates = local.getPossibleOffsets();
  if (candidates.length === 0) return local.toMillis();
  return Math.min(...candidates.map((c) => c.toMillis()));
}

/** Epoch milliseconds of a local date-time `YYYY-MM-DDTHH:MM`. */
export function localDateTimeInstant(zone: string, dateTime: string): number {
  const [date, time] = dateTime.split('T');
  return localInstant(zone, date, parseTime(time));
}

export function parseTime(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

export function localDateTime(date: string, minutes: number): string {
  return `${date}T${formatTime(minutes)}`;
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2027-03-15T09:00:00-04:00`. */
export function offsetIso(zone: string, ms: number): string {
  return DateTime.fromMillis(ms, { zone }).toISO({
    suppressMilliseconds: true,
    includeOffset: true,
  })!;
}

/** Local date and minutes since local midnight of an instant. */
export function toLocal(zone: string, ms: number): { date: string; minutes: number } {
  const dt = DateTime.fromMillis(ms, { zone });
  return { date: dt.toISODate()!, minutes: dt.hour * 60 + dt.minute };
}

export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

export function daysBetween(from: string, to: string): number {
  return Math.round(
    DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days')
      .days,
  );
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1];
}

export function dateRange(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}
