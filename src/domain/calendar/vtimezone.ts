import { DateTime, IANAZone } from 'luxon';

/**
 * VTIMEZONE components written from the same zone data as the event times.
 *
 * Why not a VTIMEZONE library: the feed's DTSTART;TZID values are computed with luxon, i.e. the
 * process's ICU tz data, while the packaged VTIMEZONE files we used (@touch4it/ical-timezones)
 * lagged behind tzdata for dozens of zones (Mexico's 2022 end of DST, Etc/GMT+5's sign, ...).
 * A client that reads the embedded VTIMEZONE (Outlook desktop) then shifted events by an hour
 * or more. Here both come from luxon, so a client reading the VTIMEZONE gets the offsets the
 * times were written with.
 *
 * The component lists every offset change within a span (found by scanning and bisecting to
 * the minute), one STANDARD or DAYLIGHT sub-component per change with explicit DTSTART,
 * TZOFFSETFROM and TZOFFSETTO (no RRULE, so nothing is extrapolated beyond the data), after a
 * first sub-component that holds the offset in force at the span's start (the only one for a
 * zone without changes, such as UTC, Asia/Kolkata or Etc/GMT+5).
 */

const MINUTE = 60_000;
const DAY = 1_440 * MINUTE;

/** One change of a zone's UTC offset (minutes east of UTC). */
export interface OffsetTransition {
  /** First instant (ms, a whole minute) with the new offset. */
  at: number;
  from: number;
  to: number;
}

function offsetOf(zone: string, ms: number): number {
  return DateTime.fromMillis(ms, { zone }).offset;
}

/**
 * Every change of `zone`'s offset in `[from, to)` (ms), in order. Scans a day at a time and
 * bisects to the minute, as zone.ts assumes: a zone changes its offset at most once a day.
 */
export function offsetTransitions(zone: string, from: number, to: number): OffsetTransition[] {
  const found: OffsetTransition[] = [];
  let t = Math.floor(from / MINUTE) * MINUTE;
  let offset = offsetOf(zone, t);
  while (t < to) {
    const next = Math.min(t + DAY, Math.ceil(to / MINUTE) * MINUTE);
    if (offsetOf(zone, next) === offset) {
      t = next;
      continue;
    }
    // offsetOf(lo) === offset !== offsetOf(hi), in whole minutes.
    let lo = t / MINUTE;
    let hi = next / MINUTE;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetOf(zone, mid * MINUTE) === offset) lo = mid;
      else hi = mid;
    }
    const at = hi * MINUTE;
    if (at >= to) break;
    const changed = offsetOf(zone, at);
    found.push({ at, from: offset, to: changed });
    t = at;
    offset = changed;
  }
  return found;
}

/** `+0530`, `-0500`, `+0000` (RFC 5545 UTC-OFFSET). */
export function utcOffsetText(minutes: number): string {
  const abs = Math.abs(Math.round(minutes));
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}${mm}`;
}

/** `19700308T020000`: the instant as a wall clock `offset` minutes east of UTC shows it. */
function localText(ms: number, offset: number): string {
  return new Date(ms + offset * MINUTE).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function observance(zone: string, at: number, from: number, to: number): string[] {
  const local = DateTime.fromMillis(at, { zone, locale: 'en-US' });
  const kind = local.isInDST ? 'DAYLIGHT' : 'STANDARD';
  // TZNAME is TEXT: luxon's short names (EST, GMT+5:30) hold no character to escape, but
  // be safe with whatever ICU returns.
  const name = local.offsetNameShort?.replace(/[\\;,]/g, (c) => `\\${c}`);
  return [
    `BEGIN:${kind}`,
    `DTSTART:${localText(at, from)}`,
    `TZOFFSETFROM:${utcOffsetText(from)}`,
    `TZOFFSETTO:${utcOffsetText(to)}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

const cache = new Map<string, string | null>();
const CACHE_ENTRIES = 500;

/**
 * The VTIMEZONE (`BEGIN:VTIMEZONE` .. `END:VTIMEZONE`, CRLF between lines, none at the end)
 * for the IANA zone `zone` over `[from, to)`, its TZID exactly `zone` as given (an alias such
 * as `US/Eastern` stays `US/Eastern`, matching the events' TZID). null when luxon does not
 * know the zone. Deterministic; memoized.
 */
export function vtimezoneFor(zone: string, from: number, to: number): string | null {
  const key = `${zone}|${from}|${to}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  let text: string | null = null;
  if (IANAZone.isValidZone(zone)) {
    const start = offsetOf(zone, from);
    const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`, ...observance(zone, from, start, start)];
    for (const t of offsetTransitions(zone, from, to)) {
      lines.push(...observance(zone, t.at, t.from, t.to));
    }
    lines.push('END:VTIMEZONE');
    text = lines.join('\r\n');
  }
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(key, text);
  return text;
}

/**
 * The span a feed's VTIMEZONE covers: the whole years (in the zone: from 1 January, 00:00)
 * around `[from, to]`, so the component, and with it the body and its ETag, changes only when
 * the window crosses into a new year, not every day. UTC years for a zone luxon does not know.
 */
export function vtimezoneSpan(
  zone: string,
  from: number,
  to: number,
): { from: number; to: number } {
  const known = IANAZone.isValidZone(zone) ? zone : 'utc';
  const newYear = (year: number) => DateTime.fromObject({ year }, { zone: known }).toMillis();
  const year = (ms: number) => DateTime.fromMillis(ms, { zone: known }).year;
  return { from: newYear(year(from)), to: newYear(year(to) + 1) };
}
