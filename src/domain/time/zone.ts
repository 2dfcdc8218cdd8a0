/**
 * Placing wall-clock values of an IANA zone on the time line and back.
 * Instants are integers: minutes since 1970-01-01T00:00Z ("epoch minutes").
 */
import { DateTime } from 'luxon';
import { dateParts } from './local-date';

const offsetCache = new Map<string, Map<number, number>>();

function exactOffset(zone: string, epochMinute: number): number {
  return DateTime.fromMillis(epochMinute * 60_000, { zone }).offset;
}

/**
 * Offset from UTC, in minutes, of `zone` at the instant `epochMinute`.
 * Cached per UTC hour when the offset is the same at both ends of the hour
 * (zones change offset at most once an hour); exact otherwise.
 */
export function offsetAt(zone: string, epochMinute: number): number {
  let perZone = offsetCache.get(zone);
  if (!perZone) offsetCache.set(zone, (perZone = new Map()));
  const hour = Math.floor(epochMinute / 60);
  let cached = perZone.get(hour);
  if (cached === undefined) {
    const a = exactOffset(zone, hour * 60);
    cached = a === exactOffset(zone, hour * 60 + 59) ? a : NaN;
    perZone.set(hour, cached);
  }
  return Number.isNaN(cached) ? exactOffset(zone, epochMinute) : cached;
}

/**
 * The instant of local wall-clock `minute` (may exceed 1439: counted on from
 * midnight of `day`) on local date `day`, in `zone`. A time inside a
 * spring-forward gap moves forward by the gap; an ambiguous fall-back time
 * takes the earlier instant.
 */
export function placeLocal(zone: string, day: number, minute: number): number {
  const { year, month, day: dom } = dateParts(day + Math.floor(minute / 1440));
  const m = ((minute % 1440) + 1440) % 1440;
  const local = DateTime.fromObject(
    { year, month, day: dom, hour: Math.floor(m / 60), minute: m % 60 },
    { zone },
  );
  if (!local.isValid) throw new Error(`cannot place ${year}-${month}-${dom} ${m} in ${zone}`);
  const wall = Date.UTC(year, month - 1, dom, Math.floor(m / 60), m % 60) / 60_000;
  const candidates = local
    .getPossibleOffsets()
    .map((d) => wall - d.offset)
    .filter((t) => offsetAt(zone, t) === wall - t);
  if (candidates.length > 0) return Math.min(...candidates);
  // Gap: the wall time does not exist. Shift forward by the gap, i.e. read the
  // wall time with the offset in force before the transition.
  const before = offsetAt(zone, wall - 24 * 60 - 14 * 60);
  return wall - before;
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
