/**
 * Clinic time for the naive booker: local dates and wall-clock times of the
 * clinic's zone turned into absolute instants, counted in whole minutes since
 * the Unix epoch. Written for the benchmark only, independently of the planner.
 */
import { DateTime } from 'luxon';
import { RRule, datetime } from 'rrule';
import type { AvailabilityWindow, LocalDate, LocalDateTime, LocalPeriod, Weekday } from '../format';
import { formatInstant } from '../../time/zone';

/** A half-open interval [s, e) of epoch minutes. */
export interface Span {
  s: number;
  e: number;
}

const WEEKDAY_CODES: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export function parseLocalTime(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

function ymd(date: LocalDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m, d];
}

/** Days between two local dates (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const [ay, am, ad] = ymd(a);
  const [by, bm, bd] = ymd(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function weekdayOf(date: LocalDate): Weekday {
  const [y, m, d] = ymd(date);
  return WEEKDAY_CODES[(new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7];
}

/** Zone offsets are a pure function of zone and date: shared across runs. */
const STEADY_OFFSETS = new Map<string, number | null>();

export class ClinicTime {
  /** Local dates of the horizon, index 0 = horizon start. */
  readonly dates: LocalDate[] = [];
  /** Instant of local midnight of each date, plus one past the last. */
  readonly midnights: number[] = [];
  private readonly cache = new Map<number, number>();
  private readonly existsCache = new Map<number, boolean>();

  constructor(
    readonly zone: string,
    readonly horizonStart: LocalDate,
    horizonEnd: LocalDate,
  ) {
    const n = daysBetween(horizonStart, horizonEnd) + 1;
    for (let i = 0; i < n; i++) this.dates.push(addDays(horizonStart, i));
    for (let i = 0; i <= n; i++) this.midnights.push(this.at(addDays(horizonStart, i), 0));
  }

  get dayCount(): number {
    return this.dates.length;
  }

  /** Instant of local `date` + `minuteOfDay` (gap times move forward, ambiguous take the earlier). */
  at(date: LocalDate, minuteOfDay: number): number {
    const extraDays = Math.floor(minuteOfDay / 1440);
    const mod = minuteOfDay - extraDays * 1440;
    const day = extraDays === 0 ? date : addDays(date, extraDays);
    const [y, m, d] = ymd(day);
    // Fast path: on a day without an offset change, wall clock minus the offset is the instant.
    const offset = this.steadyOffset(day, y, m, d);
    if (offset !== null) return Date.UTC(y, m - 1, d) / 60_000 + mod - offset;
    return earliestMinute(
      DateTime.fromObject(
        { year: y, month: m, day: d, hour: Math.floor(mod / 60), minute: mod % 60 },
        { zone: this.zone },
      ),
    );
  }

  /** The zone's offset (minutes) when it is the same all day long, else null. */
  private steadyOffset(day: LocalDate, y: number, m: number, d: number): number | null {
    const key = `${this.zone}|${day}`;
    let v = STEADY_OFFSETS.get(key);
    if (v === undefined) {
      const a = DateTime.fromObject(
        { year: y, month: m, day: d, hour: 0, minute: 0 },
        { zone: this.zone },
      );
      const b = DateTime.fromObject(
        { year: y, month: m, day: d, hour: 23, minute: 59 },
        { zone: this.zone },
      );
      const steady =
        a.offset === b.offset &&
        a.getPossibleOffsets().length === 1 &&
        a.hour === 0 &&
        a.minute === 0;
      v = steady ? a.offset : null;
      STEADY_OFFSETS.set(key, v);
    }
    return v;
  }

  /** Cached instant of horizon date index + minute of day. */
  atIdx(dateIdx: number, minuteOfDay: number): number {
    const key = dateIdx * 2000 + minuteOfDay;
    let v = this.cache.get(key);
    if (v === undefined) {
      v = this.at(this.dateAt(dateIdx), minuteOfDay);
      this.cache.set(key, v);
    }
    return v;
  }

  /** True when the wall-clock time exists on that date (not in a spring-forward gap). */
  exists(dateIdx: number, minuteOfDay: number): boolean {
    const key = dateIdx * 2000 + minuteOfDay;
    let v = this.existsCache.get(key);
    if (v === undefined) this.existsCache.set(key, (v = this.computeExists(dateIdx, minuteOfDay)));
    return v;
  }

  private computeExists(dateIdx: number, minuteOfDay: number): boolean {
    const date = this.dateAt(dateIdx);
    const [y, m, d] = ymd(date);
    if (minuteOfDay < 1440 && this.steadyOffset(date, y, m, d) !== null) return true;
    const t = this.atIdx(dateIdx, minuteOfDay);
    const dt = DateTime.fromMillis(t * 60_000, { zone: this.zone });
    return dt.hour * 60 + dt.minute === minuteOfDay && dt.toISODate() === this.dateAt(dateIdx);
  }

  dateAt(dateIdx: number): LocalDate {
    return dateIdx >= 0 && dateIdx < this.dates.length
      ? this.dates[dateIdx]
      : addDays(this.horizonStart, dateIdx);
  }

  /** Horizon index of a local date (may be outside [0, dayCount)). */
  indexOf(date: LocalDate): number {
    return daysBetween(this.horizonStart, date);
  }

  /** Horizon index of the local date of an instant. */
  dateIndexOfInstant(t: number): number {
    const m = this.midnights;
    if (t < m[0]) return -1;
    let lo = 0;
    let hi = m.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (m[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  localDateTime(ldt: LocalDateTime): number {
    const [date, time] = ldt.split('T');
    return this.at(date, parseLocalTime(time));
  }

  period(p: LocalPeriod): Span {
    return { s: this.localDateTime(p.start), e: this.localDateTime(p.end) };
  }

  /** ISO 8601 with the zone's offset at that instant. */
  iso(t: number): string {
    return formatInstant(this.zone, t);
  }

  /** Local windows of availability entries, as instants, within the horizon. */
  windows(availability: AvailabilityWindow[]): Span[] {
    const out: Span[] = [];
    const first = this.dates[0];
    const last = this.dates[this.dates.length - 1];
    for (const w of availability) {
      const startMin = parseLocalTime(w.start);
      const endMin = parseLocalTime(w.end);
      let days: LocalDate[];
      if ('date' in w) {
        days = [w.date];
      } else {
        // DTSTART is the window's `from` (else the horizon start), even when `from` is
        // before the horizon: INTERVAL and COUNT count from it.
        const dtstart = w.from ?? first;
        const from = dtstart > first ? dtstart : first;
        const until = w.until && w.until < last ? w.until : last;
        if (from > until) continue;
        const [sy, sm, sd] = ymd(dtstart);
        const [fy, fm, fd] = ymd(from);
        const [uy, um, ud] = ymd(until);
        const rule = new RRule({
          ...RRule.parseString(w.rrule),
          dtstart: datetime(sy, sm, sd, 0, 0),
        });
        days = rule
          .between(datetime(fy, fm, fd, 0, 0), datetime(uy, um, ud, 0, 0), true)
          .map((d) => d.toISOString().slice(0, 10));
      }
      for (const day of days) {
        if (day < first || day > last) continue;
        out.push({ s: this.at(day, startMin), e: this.at(day, endMin) });
      }
    }
    return out;
  }
}

function earliestMinute(dt: DateTime): number {
  const options = dt.getPossibleOffsets();
  let best = dt.toMillis();
  for (const o of options) best = Math.min(best, o.toMillis());
  return Math.round(best / 60_000);
}

/** Union of spans, sorted and merged (touching spans merge). */
export function mergeSpans(spans: Span[]): Span[] {
  const sorted = spans.filter((x) => x.e > x.s).sort((a, b) => a.s - b.s);
  const out: Span[] = [];
  for (const x of sorted) {
    const last = out[out.length - 1];
    if (last && x.s <= last.e) last.e = Math.max(last.e, x.e);
    else out.push({ s: x.s, e: x.e });
  }
  return out;
}

/** Merged `base` minus every span of `cut`. */
export function subtractSpans(base: Span[], cut: Span[]): Span[] {
  const cuts = mergeSpans(cut);
  const out: Span[] = [];
  for (const b of mergeSpans(base)) {
    let cur = b.s;
    for (const c of cuts) {
      if (c.e <= cur || c.s >= b.e) continue;
      if (c.s > cur) out.push({ s: cur, e: c.s });
      cur = Math.max(cur, c.e);
      if (cur >= b.e) break;
    }
    if (cur < b.e) out.push({ s: cur, e: b.e });
  }
  return out;
}

/** Whether [s, e) lies inside one span of a merged, sorted list. */
export function covered(free: Span[], s: number, e: number): boolean {
  let lo = 0;
  let hi = free.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (free[mid].s <= s) {
      if (free[mid].e >= e) return true;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return false;
}
