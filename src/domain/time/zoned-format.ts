/**
 * Memoized luxon formatting of instants in a zone (pure: the same instant and zone always
 * give the same text). The booking checks format the same few instants many times when the
 * move options judge many candidates; luxon's zone arithmetic dominated that. Pure.
 */
import { DateTime } from 'luxon';

const MAX_ENTRIES = 20_000;
const dates = new Map<string, string>();
const isos = new Map<string, string>();

function remember(cache: Map<string, string>, key: string, make: () => string): string {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, (v = make()));
  }
  return v;
}

/** `2027-03-08`: the local date of the instant (epoch ms) in the zone. */
export function localDateOf(ms: number, zone: string): string {
  return remember(dates, `${zone}|${ms}`, () => DateTime.fromMillis(ms, { zone }).toISODate()!);
}

/** `2027-03-08T09:00:00-05:00`: the instant with the zone's offset, no milliseconds. */
export function zonedIsoOf(ms: number, zone: string): string {
  return remember(isos, `${zone}|${ms}`, () =>
    DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true })!,
  );
}
