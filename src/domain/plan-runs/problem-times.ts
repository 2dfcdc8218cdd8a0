/**
 * Stored instants written as the planning format's local date-times (wall clock in the
 * clinic's zone; an ambiguous one reads as the earlier instant, docs/planning-format.md).
 * An instant in the second occurrence of the hour the clocks repeat (fall-back) has no name
 * of its own there: written as its wall clock it would be read an hour early. So:
 *
 * - a start of something that blocks (busy, unavailable) may be read early: wider, safe;
 * - an end of something that blocks, and `now`, are never read early (`localNotBefore`):
 *   one in the second occurrence becomes the first wall-clock time after the repeated hour
 *   that names a later instant (`02:00` after 01:00–01:59 repeats), so a busy period is
 *   never read shorter than it is and nothing is planned in the past;
 * - a session of the run itself (`existing`) has its start read as its own time, so one that
 *   starts in the second occurrence cannot be written at all: the run refuses it
 *   (`repeatedHourBookings`, APPOINTMENT_IN_REPEATED_HOUR) rather than pin it an hour early,
 *   where it would overlap the patient's own previous session or be measured wrongly
 *   against the protocol's gaps.
 *
 * Pure.
 */
import { DateTime } from 'luxon';
import type { FieldIssue } from '../errors';
import { clockLabel, inSecondOccurrence, wallClockReading } from '../time/repeated-hour';

const MINUTE_MS = 60_000;
const LOCAL = "yyyy-MM-dd'T'HH:mm";

/** The local date-time of an instant, rounded down (`up`: up) to the minute. */
export function localMinute(ms: number, zone: string, up = false): string {
  const minute = up ? Math.ceil(ms / MINUTE_MS) : Math.floor(ms / MINUTE_MS);
  return DateTime.fromMillis(minute * MINUTE_MS, { zone }).toFormat(LOCAL);
}

/**
 * The earliest local date-time that the format reads as an instant at or after `ms` (rounded
 * up to the minute): the wall clock itself, except in the second occurrence of a repeated
 * hour, where it is the first wall-clock time after that hour.
 */
export function localNotBefore(ms: number, zone: string): string {
  let t = Math.ceil(ms / MINUTE_MS) * MINUTE_MS;
  // At most the length of the repeated hour (60 minutes, 30 on Lord Howe Island).
  while (inSecondOccurrence(t, zone)) t += MINUTE_MS;
  return localMinute(t, zone);
}

export interface RunSession {
  id: string;
  seriesId: string;
  index: number;
  status: string;
  start: number;
}

const HOW: Record<string, (id: string) => string> = {
  booked: (id) =>
    `move it out of that hour (PATCH /v1/appointments/${id}) or cancel it, then plan again`,
  completed: () => 'it took place, so plan the rest of this course by hand (POST /v1/appointments)',
  missed: () =>
    'it is recorded as missed there, so plan the rest of this course by hand (POST /v1/appointments)',
};

/**
 * The run's own sessions (booked, completed, missed) that start in the second occurrence of a
 * repeated hour: a plan cannot name their start (see the file comment), 422 each.
 */
export function repeatedHourBookings(sessions: readonly RunSession[], zone: string): FieldIssue[] {
  return sessions
    .filter((a) => a.status in HOW && inSecondOccurrence(a.start, zone))
    .map((a) => {
      const read = wallClockReading(a.start, zone);
      return {
        pointer: '/enrollmentIds',
        code: 'APPOINTMENT_IN_REPEATED_HOUR',
        message:
          `appointment ${a.id} (${a.seriesId} ${a.index}) starts at ${clockLabel(a.start, zone, true)}, ` +
          `in the hour the clocks repeat that night: a plan names times by the wall clock, which ` +
          `would put it at ${clockLabel(read, zone)}, ${(a.start - read) / MINUTE_MS} minutes ` +
          `earlier than it is; ${HOW[a.status](a.id)}`,
      };
    });
}
