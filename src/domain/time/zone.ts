/**
 * Placing wall-clock values of an IANA zone on the time line and back.
 * Instants are integers: minutes since 1970-01-01T00:00Z ("epoch minutes").
 */
import { DateTime } from 'luxon';

const dayCache = new Map<string, Map<number, number>>();
const hourCache = new Map<string, Map<number, number>>();

function exactOffset(zone: string, epochMinute: number): number {
  return DateTime.fromMillis(epochMinute * 60_000, { zone }).offset;
}

/** Memoized `compute(key)` per zone. */
function cachedSpan(
  cache: Map<string, Map<number, number>>,
  zone: string,
  key: number,
  compute: (key: number) => number,
): number {
  let perZone = cache.get(zone);
  if (!perZone) cache.set(zone, (perZone = new Map()));
  let v = perZone.get(key);
  if (v === undefined) {
    v = compute(key);
    perZone.set(key, v);
  }
  return v;
}

/**
 * Offset from UTC, in minutes, of `zone` at the instant `epochMinute`.
 * Cached per UTC day, or per UTC hour on days with a change (zones change
 * offset at most once a day); exact within the hour of a change.
 */
export function offsetAt(zone: string, epochMinute: number): number {
  const day = Math.floor(epochMinute / 1440);
  const perDay = cachedSpan(dayCache, zone, day, (d) => {
    const a = exactOffset(zone, d * 1440);
    return a === exactOffset(zone, d * 1440 + 1439) ? a : NaN;
  });
  if (!Number.isNaN(perDay)) return perDay;
  const hour = Math.floor(epochMinute / 60);
  const perHour = cachedSpan(hourCache, zone, hour, (h) => {
    const a = exactOffset(zone, h * 60);
    return a === exactOffset(zone, h * 60 + 59) ? a : NaN;
  });
  return Number.isNaN(perHour) ? exactOffset(zone, epochMinute) : perHour;
}

/**
 * The instant of local wall-clock `minute` (may exceed 1439: counted on from
 * midnight of `day`) on local date `day`, in `zone`. A time inside a
 * spring-forward gap moves forward by the gap; an ambiguous fall-back time
 * takes the earlier instant.
 */
export function placeLocal(zone: string, day: number, minute: number): number {
  const wall = day * 1440 + minute; // the wall-clock value read as if it were UTC
  // Offsets in force a day before and a day after cover both sides of any change.
  const before = offsetAt(zone, wall - 1440);
  const after = offsetAt(zone, wall + 1440);
  let best = Infinity;
  for (const o of before === after ? [before] : [before, after]) {
    const t = wall - o;
    if (offsetAt(zone, t) === o && t < best) best = t;
  }
  // No instant shows this wall time (a gap): read it with the offset before the change.
  return best !== Infinity ? best : wall - before;
}

/** ISO 8601 with the zone's offset at that instant: `2027-03-15T09:00:00-04:00`. */
export function formatInstant(zone: string, epochMinute: number): string {
  const off = offsetAt(zone, epochMinute);
  const wall = new Date((epochMinute + off) * 60_000).toISOString().slice(0, 19);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${wall}${sign}${hh}:${mm}`;
}

/** Local date (day number) and minute of day of an instant in `zone`. */
export function localOf(zone: string, epochMinute: number): { day: number; minute: number } {
  const wall = epochMinute + offsetAt(zone, epochMinute);
  const day = Math.floor(wall / 1440);
  return { day, minute: wall - day * 1440 };
}
