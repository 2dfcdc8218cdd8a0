import ical, { escape, foldLines, ICalEventStatus } from 'ical-generator';
import { DateTime, IANAZone } from 'luxon';
import type { FeedEvent } from './feed-events';
import { vtimezoneFor, vtimezoneSpan } from './vtimezone';

/** Everything a feed's iCalendar text depends on. Same input, same bytes. */
export interface CalendarInput {
  /** NAME / X-WR-CALNAME. */
  name: string;
  /**
   * IANA zone of the clinic, as stored (an alias such as `US/Eastern` included): DTSTART/DTEND
   * carry it as TZID, the VTIMEZONE (written by vtimezone.ts from luxon's data, the same the
   * times are computed with) has exactly that TZID, and X-WR-TIMEZONE names it. A zone luxon
   * does not know gets no VTIMEZONE: every time is then written in UTC (never floating).
   */
  timeZone: string;
  /** The feed's window: the VTIMEZONE covers it (and every event), in whole years. */
  window: { from: Date; to: Date };
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL. */
  refreshMinutes: number;
  events: readonly FeedEvent[];
}

export const PRODID = { company: 'kps', product: 'calendar-feeds', language: 'EN' } as const;

/**
 * Renders a feed as RFC 5545 text with ical-generator (folding at 75 octets without splitting
 * UTF-8 characters, CRLF, TEXT escaping of event properties) and the zone's VTIMEZONE.
 *
 * ical-generator pitfalls avoided here (checked by render-calendar.spec.ts):
 * - a native Date with a zone is formatted with the *process's* local getters (wrong unless
 *   TZ is the clinic's zone), so instants are passed as luxon DateTimes, which it converts
 *   with `setZone(zone)`;
 * - a calendar-level zone makes it write DTSTAMP as local time without `Z`, so the zone is set
 *   on each event (TZID on DTSTART/DTEND) and the calendar has none: DTSTAMP stays UTC;
 * - it writes the calendar name as given (no TEXT escaping), so the name is escaped first;
 * - it writes the calendar's X- properties after the events, so X-WR-TIMEZONE and the
 *   VTIMEZONE are inserted after its calendar properties, before the first component
 *   (RFC 5545 3.4: calprops, then components). The insertion point is the first line that is
 *   exactly `BEGIN:VEVENT` (or else `END:VCALENDAR`): values are escaped (no CR or LF in
 *   them) and continuation lines begin with a space, so no other line can be one.
 * And one of the format itself: a local time that occurs twice (the hour repeated when
 * daylight saving time ends) is read as its first occurrence (RFC 5545 3.3.5), and clients
 * differ there, so an event starting or ending in such an hour is written in UTC.
 */
export function renderCalendar(input: CalendarInput): string {
  const zone = IANAZone.isValidZone(input.timeZone) ? input.timeZone : null;
  const calendar = ical({
    name: escape(input.name, false),
    prodId: PRODID,
    ttl: input.refreshMinutes * 60,
  });
  let zoned = false;
  for (const e of input.events) {
    const tzid = zone !== null && !ambiguous(e, zone) ? zone : undefined;
    zoned ||= tzid !== undefined;
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: utc(e.stamp),
      start: utc(e.start),
      end: utc(e.end),
      timezone: tzid,
      summary: e.summary,
      location: e.location ?? undefined,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // Google Calendar reads the calendar's default zone from X-WR-TIMEZONE: the same name as
  // the TZIDs. The VTIMEZONE only when an event refers to it (as ical-generator did).
  const head = [`X-WR-TIMEZONE:${escape(zone ?? 'UTC', false)}`];
  if (zoned && zone !== null) {
    const span = vtimezoneSpan(
      zone,
      input.events.reduce((t, e) => Math.min(t, e.start.getTime()), input.window.from.getTime()),
      input.events.reduce((t, e) => Math.max(t, e.end.getTime()), input.window.to.getTime()),
    );
    const vtimezone = vtimezoneFor(zone, span.from, span.to);
    if (vtimezone !== null) head.push(vtimezone);
  }
  const text = calendar.toString();
  const at = [text.indexOf('\r\nBEGIN:VEVENT\r\n'), text.lastIndexOf('\r\nEND:VCALENDAR')].find(
    (i) => i >= 0,
  );
  if (at === undefined) throw new Error('ical-generator wrote no BEGIN:VEVENT or END:VCALENDAR');
  // ical-generator ends the last line without CRLF; RFC 5545 ends every content line with one.
  return `${text.slice(0, at + 2)}${foldLines(head.join('\r\n'))}${text.slice(at)}\r\n`;
}

/** Whether the event's start or end is a wall-clock time the zone shows twice. */
function ambiguous(e: FeedEvent, zone: string): boolean {
  return [e.start, e.end].some((t) => wallTimeRepeats(t.getTime(), zone));
}

/** Whether another instant has the same wall-clock time in the zone (a repeated hour). */
export function wallTimeRepeats(instant: number, zone: string): boolean {
  const local = DateTime.fromMillis(instant, { zone });
  const wall = instant + local.offset * 60_000;
  const day = 24 * 3_600_000;
  const offsets = new Set(
    [instant - day, instant + day].map((t) => DateTime.fromMillis(t, { zone }).offset),
  );
  for (const offset of offsets) {
    if (offset === local.offset) continue;
    const other = wall - offset * 60_000;
    if (DateTime.fromMillis(other, { zone }).offset === offset) return true;
  }
  return false;
}

function utc(instant: Date): DateTime {
  return DateTime.fromMillis(instant.getTime(), { zone: 'utc' });
}
