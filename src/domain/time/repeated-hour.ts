/**
 * The hour the clocks repeat (a fall-back change): wall-clock times that two instants show.
 * The planning format names a local date-time by its wall clock and reads an ambiguous one as
 * the earlier instant (docs/planning-format.md, "Time"), so an instant in the second
 * occurrence cannot be named in it; people reading a time in that hour need its offset to
 * tell which one is meant. Pure.
 */
import { DateTime } from 'luxon';
import { localOf, offsetAt, placeLocal } from './zone';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/**
 * The instant (epoch ms) a local date-time naming the wall clock of `ms` is read as: the
 * earlier occurrence when the clocks repeat that time, else the minute of `ms` itself.
 */
export function wallClockReading(ms: number, zone: string): number {
  const { day, minute } = localOf(zone, Math.floor(ms / MINUTE_MS));
  return placeLocal(zone, day, minute) * MINUTE_MS;
}

/**
 * True when the instant (epoch ms, whole minute) is the later of two instants showing the same
 * wall-clock time: a local date-time names the earlier one instead.
 */
export function inSecondOccurrence(ms: number, zone: string): boolean {
  return wallClockReading(ms, zone) !== Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/** True when another instant shows the same wall-clock time as this one (either occurrence). */
export function inRepeatedHour(ms: number, zone: string): boolean {
  const minute = Math.floor(ms / MINUTE_MS);
  const wall = minute + offsetAt(zone, minute);
  const offsets = new Set([
    offsetAt(zone, minute - DAY_MINUTES),
    offsetAt(zone, minute + DAY_MINUTES),
  ]);
  let instants = 0;
  for (const o of offsets) if (offsetAt(zone, wall - o) === o) instants += 1;
  return instants > 1;
}

/**
 * `09:00`, or with the zone's abbreviation (`01:30 EDT`, `01:30 EST`; `GMT+1` style where the
 * zone has none) when the time is in the repeated hour, so `01:30 EDT–01:00 EST` reads as the
 * 90 minutes it is. `withDate`: `2027-11-07 01:30 EDT`.
 */
export function clockLabel(ms: number, zone: string, withDate = false): string {
  const t = DateTime.fromMillis(ms, { zone }).setLocale('en-US');
  const text = t.toFormat(withDate ? 'yyyy-MM-dd HH:mm' : 'HH:mm');
  return inRepeatedHour(ms, zone) ? `${text} ${t.toFormat('ZZZZ')}` : text;
}

/** `2027-03-08 09:00–11:15` (the end's date only when it is another day), as clockLabel. */
export function localRange(from: number, to: number, zone: string): string {
  const a = DateTime.fromMillis(from, { zone });
  const b = DateTime.fromMillis(to, { zone });
  return `${clockLabel(from, zone, true)}–${clockLabel(to, zone, !a.hasSame(b, 'day'))}`;
}
