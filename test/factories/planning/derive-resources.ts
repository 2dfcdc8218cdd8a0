/**
 * Derives availability windows, time off, busy periods, closures and staff
 * limits around a planted schedule: windows cover every planted occupancy, and
 * every period that blocks a resource avoids that resource's planted occupancy.
 */
import type {
  AvailabilityWindow,
  BusyPeriod,
  LocalPeriod,
  StaffLimits,
} from '../../../src/domain/planning/format';
import { WEEKDAYS } from '../../../src/domain/planning/format';
import {
  addDays,
  formatTime,
  localDateTime,
  localDateTimeInstant,
  MINUTE_MS,
  toLocal,
  weekdayOf,
} from './local-time';
import type { Rng } from './rng';

export interface Interval {
  start: number;
  end: number;
}

const LAST_MINUTE = 23 * 60 + 45;
const floor15 = (m: number) => Math.floor(m / 15) * 15;
const ceil15 = (m: number) => Math.ceil(m / 15) * 15;

interface LocalSpan {
  date: string;
  start: number;
  end: number;
}

function localSpans(zone: string, intervals: Interval[]): LocalSpan[] {
  return intervals.map((i) => {
    const s = toLocal(zone, i.start);
    const e = toLocal(zone, i.end);
    if (e.date !== s.date) throw new Error(`planted occupancy crosses midnight: ${s.date}`);
    return { date: s.date, start: s.minutes, end: e.minutes };
  });
}

function window(rng: Rng, spans: LocalSpan[]): { start: string; end: string } {
  const slack = () => rng.pick([0, 0, 15, 60, 120]);
  const start = Math.max(0, floor15(Math.min(...spans.map((s) => s.start)) - slack()));
  const end = Math.min(LAST_MINUTE, ceil15(Math.max(...spans.map((s) => s.end)) + slack()));
  return { start: formatTime(start), end: formatTime(end) };
}

/** Availability covering every interval (instants) of one resource. */
export function deriveAvailability(
  rng: Rng,
  zone: string,
  dates: string[],
  intervals: Interval[],
): AvailabilityWindow[] {
  if (intervals.length === 0) {
    if (rng.chance(0.5)) return [];
    const day = rng.pick(WEEKDAYS);
    return [{ rrule: `FREQ=WEEKLY;BYDAY=${day}`, start: '09:00', end: '17:00' }];
  }
  const spans = localSpans(zone, intervals);
  const windows: AvailabilityWindow[] = [];
  const style = rng.int(0, 2);
  if (style === 0) {
    windows.push({ rrule: 'FREQ=DAILY', ...window(rng, spans) });
  } else if (style === 1) {
    const used = new Set(spans.map((s) => weekdayOf(s.date)));
    const days = WEEKDAYS.filter((d) => used.has(d) || rng.chance(0.3));
    const w: AvailabilityWindow = {
      rrule: `FREQ=WEEKLY;BYDAY=${days.join(',')}`,
      ...window(rng, spans),
    };
    const first = spans.map((s) => s.date).sort()[0];
    const last = spans.map((s) => s.date).sort()[spans.length - 1];
    if (rng.chance(0.4)) w.from = addDays(first, -rng.int(0, 2));
    if (rng.chance(0.4)) w.until = addDays(last, rng.int(0, 2));
    windows.push(w);
  } else {
    for (const date of [...new Set(spans.map((s) => s.date))].sort()) {
      windows.push({
        date,
        ...window(
          rng,
          spans.filter((s) => s.date === date),
        ),
      });
    }
  }
  if (rng.chance(0.3)) {
    const date = rng.pick(dates);
    const start = rng.int(6, 14) * 60;
    windows.push({ date, start: formatTime(start), end: formatTime(start + rng.int(1, 6) * 60) });
  }
  return windows;
}

/** A random local period of whole hours within the horizon that avoids `intervals`, or null. */
export function freePeriod(
  rng: Rng,
  zone: string,
  dates: string[],
  intervals: Interval[],
  attempts = 10,
): LocalPeriod | null {
  for (let a = 0; a < attempts; a++) {
    const date = rng.pick(dates);
    const startMinutes = rng.int(0, 22) * 60;
    const endMinutes = startMinutes + rng.pick([1, 2, 4, 8, 24]) * 60;
    const period = {
      start: localDateTime(date, startMinutes),
      end:
        endMinutes >= 1440
          ? localDateTime(addDays(date, 1), endMinutes - 1440)
          : localDateTime(date, endMinutes),
    };
    const s = localDateTimeInstant(zone, period.start);
    const e = localDateTimeInstant(zone, period.end);
    if (e <= s) continue;
    if (intervals.every((i) => i.end <= s || e <= i.start)) return period;
  }
  return null;
}

export function deriveTimeOff(
  rng: Rng,
  zone: string,
  dates: string[],
  intervals: Interval[],
): LocalPeriod[] {
  const out: LocalPeriod[] = [];
  const n = rng.chance(0.4) ? rng.int(1, 2) : 0;
  for (let i = 0; i < n; i++) {
    const p = freePeriod(rng, zone, dates, intervals);
    if (p) out.push(p);
  }
  return out;
}

export function deriveBusy(
  rng: Rng,
  zone: string,
  dates: string[],
  resources: { id: string; intervals: Interval[] }[],
): BusyPeriod[] {
  const out: BusyPeriod[] = [];
  const n = rng.int(0, 2);
  for (let i = 0; i < n && resources.length > 0; i++) {
    const r = rng.pick(resources);
    const p = freePeriod(rng, zone, dates, r.intervals);
    if (p) out.push({ resource: r.id, ...p });
  }
  return out;
}

/** Limits no tighter than the planted per-day sessions and (union) minutes. */
export function deriveLimits(rng: Rng, zone: string, intervals: Interval[]): StaffLimits | null {
  if (intervals.length === 0 || !rng.chance(0.3)) return null;
  const byDate = new Map<string, Interval[]>();
  for (const i of intervals) {
    const d = toLocal(zone, i.start).date;
    byDate.set(d, [...(byDate.get(d) ?? []), i]);
  }
  let sessions = 0;
  let minutes = 0;
  for (const list of byDate.values()) {
    sessions = Math.max(sessions, list.length);
    minutes = Math.max(minutes, unionMinutes(list));
  }
  const limits: StaffLimits = {};
  if (rng.chance(0.7)) limits.maxSessionsPerDay = sessions + rng.pick([0, 0, 1]);
  if (!limits.maxSessionsPerDay || rng.chance(0.5))
    limits.maxMinutesPerDay = minutes + rng.pick([0, 0, 30]);
  return limits;
}

export function unionMinutes(intervals: Interval[]): number {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  let total = 0;
  let current: Interval | null = null;
  for (const i of sorted) {
    if (current && i.start <= current.end) {
      current.end = Math.max(current.end, i.end);
    } else {
      if (current) total += current.end - current.start;
      current = { ...i };
    }
  }
  if (current) total += current.end - current.start;
  return total / MINUTE_MS;
}
