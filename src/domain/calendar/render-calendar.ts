import ical, { ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import type { FeedEvent } from './feed-events';

/** Everything a feed's iCalendar text depends on. Same input, same bytes. */
export interface CalendarInput {
  /** NAME / X-WR-CALNAME. */
  name: string;
  /** IANA zone of the clinic: DTSTART/DTEND carry it as TZID, with its VTIMEZONE. */
  timeZone: string;
  /**
   * The zone's VTIMEZONE component (`BEGIN:VTIMEZONE` .. `END:VTIMEZONE`), e.g. from
   * @touch4it/ical-timezones. null: none is known, so every time is written in UTC instead
   * (never floating).
   */
  vtimezone: string | null;
  /** REFRESH-INTERVAL and X-PUBLISHED-TTL. */
  refreshMinutes: number;
  events: readonly FeedEvent[];
}

export const PRODID = { company: 'kps', product: 'calendar-feeds', language: 'EN' } as const;

/**
 * Renders a feed as RFC 5545 text with ical-generator (folding at 75 octets without splitting
 * UTF-8 characters, CRLF, TEXT escaping) and the zone's VTIMEZONE given in the input.
 *
 * Two ical-generator pitfalls avoided here (checked by render-calendar.spec.ts):
 * - a native Date with a zone is formatted with the *process's* local getters (wrong unless
 *   TZ is the clinic's zone), so instants are passed as luxon DateTimes, which it converts
 *   with `setZone(zone)`;
 * - a calendar-level zone makes it write DTSTAMP as local time without `Z`, so the zone is set
 *   on each event (TZID on DTSTART/DTEND) and the calendar keeps only the VTIMEZONE generator
 *   (`name: null`): DTSTAMP stays UTC.
 * And one of the format itself: a local time that occurs twice (the hour repeated when
 * daylight saving time ends) is read as its first occurrence (RFC 5545 3.3.5), and clients
 * differ there, so an event starting or ending in such an hour is written in UTC.
 */
export function renderCalendar(input: CalendarInput): string {
  const vtimezone = input.vtimezone;
  const zone = vtimezone === null ? null : input.timeZone;
  const calendar = ical({
    name: input.name,
    prodId: PRODID,
    ttl: input.refreshMinutes * 60,
    timezone: { name: null, generator: (z) => (z === zone ? vtimezone : null) },
  });
  for (const e of input.events) {
    calendar.createEvent({
      id: e.uid,
      sequence: e.sequence,
      stamp: utc(e.stamp),
      start: utc(e.start),
      end: utc(e.end),
      timezone: zone !== null && !ambiguous(e, zone) ? zone : undefined,
      summary: e.summary,
      location: e.location ?? undefined,
      status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  // Google Calendar reads the calendar's default zone from X-WR-TIMEZONE.
  calendar.x('X-WR-TIMEZONE', zone ?? 'UTC');
  // ical-generator ends the last line without CRLF; RFC 5545 ends every content line with one.
  return calendar.toString() + '\r\n';
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
