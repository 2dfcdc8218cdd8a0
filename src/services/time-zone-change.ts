import type { EntityManager } from 'typeorm';
import { ConflictError } from '../domain/errors';
import { zonedIsoOf } from '../domain/time/zoned-format';
import type { BookedRow, ClinicRepository } from '../repositories/clinic.repository';
import { firstFew } from './archivable-catalog.service';
import { listedAppointments } from './listed-appointments';

export interface ZoneChange {
  clinicId: string;
  from: string;
  to: string;
  now: Date;
}

/** `2027-03-15T09:00:00`: the wall-clock time of the instant in the zone. */
const wallClock = (ms: number, zone: string) => zonedIsoOf(ms, zone).slice(0, 19);

/**
 * A new `timeZone` is refused (409 TIME_ZONE_BOOKED, nothing changed) while booked sessions
 * to come would read at another wall-clock time in it. The zone is a setting the director
 * chooses, not a fact: a session is stored as an instant, and everything it was checked
 * against (hours, closures, the slot grid, the patient day, rest days, daily limits) and the
 * time the patient was given are wall-clock in the clinic's zone, so such a session would
 * silently move to another local time (09:00 New York is 06:00 Los Angeles). As with the
 * slot grid, the director is told which sessions are in the way before anything changes: move
 * or cancel them, change the zone, book them again. A zone with the same offsets at every
 * booked session (a misspelt alias, a neighbour) goes through; sessions that have started,
 * and completed ones, do not count.
 */
export async function refuseIfBookedWallClockMoves(
  clinics: ClinicRepository,
  change: ZoneChange,
  manager: EntityManager,
): Promise<void> {
  if (change.from === change.to) return;
  const booked = await clinics.bookedFrom(change.clinicId, change.now, manager);
  const moved = booked.filter((a) =>
    [a.startsAt, a.endsAt].some(
      (d) => wallClock(d.getTime(), change.from) !== wallClock(d.getTime(), change.to),
    ),
  );
  if (moved.length > 0) throw timeZoneBooked(change, moved);
}

function timeZoneBooked(change: ZoneChange, moved: readonly BookedRow[]): ConflictError {
  const { from, to } = change;
  const counted = `${moved.length} booked session${moved.length === 1 ? '' : 's'}`;
  const shown = firstFew(
    moved.map((a) => {
      const ms = a.startsAt.getTime();
      const there = wallClock(ms, to).slice(11, 16);
      return `${a.series} ${a.index} at ${zonedIsoOf(ms, from)} (${there} in ${to}; appointment ${a.id})`;
    }),
  );
  const message =
    `timeZone cannot change from ${from} to ${to}: ${counted} to come would move to another ` +
    `local time: ${shown}. Sessions are kept as instants, and their hours, closures, slot ` +
    `grid and patient day are read in the clinic's zone. Move or cancel them first (book ` +
    `them again after the change); nothing was changed`;
  return new ConflictError(
    message,
    'TIME_ZONE_BOOKED',
    [
      {
        pointer: '/timeZone',
        code: 'TIME_ZONE_BOOKED',
        message: `${counted} to come would read at another local time in ${to}`,
      },
    ],
    {
      appointments: listedAppointments(moved, from),
    },
  );
}
