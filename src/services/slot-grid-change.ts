import type { EntityManager } from 'typeorm';
import { ConflictError } from '../domain/errors';
import { onSlotGrid } from '../domain/planning/solution-check/clinic-time';
import { zonedIsoOf } from '../domain/time/zoned-format';
import type { BookedRow, ClinicRepository } from '../repositories/clinic.repository';
import { firstFew } from './archivable-catalog.service';
import { listedAppointments } from './listed-appointments';

export interface GridChange {
  clinicId: string;
  /** The zone the grid is read in after the change (a PATCH may change both). */
  timeZone: string;
  from: number;
  to: number;
  now: Date;
}

/**
 * A new `slotMinutes` is refused (409 SLOT_GRID_BOOKED, nothing changed) while booked sessions
 * to come start off the new grid: bookings, moves and plan runs judge every session by the
 * clinic's current grid (the validator's SLOT_GRID), so such a session could no longer be
 * moved in place or pinned by a plan run, and nothing would list it. As with a session type's
 * shape (SESSION_TYPE_BOOKED), the director is told which sessions are in the way before
 * anything changes; sessions that have started, and completed ones, do not count.
 */
export async function refuseIfBookedOffGrid(
  clinics: ClinicRepository,
  change: GridChange,
  manager: EntityManager,
): Promise<void> {
  if (change.from === change.to) return;
  const booked = await clinics.bookedFrom(change.clinicId, change.now, manager);
  const off = booked.filter((a) => !onSlotGrid(a.startsAt.getTime(), change.timeZone, change.to));
  if (off.length > 0) throw slotGridBooked(change, off);
}

function slotGridBooked(change: GridChange, off: readonly BookedRow[]): ConflictError {
  const { from, to, timeZone } = change;
  const counted = `${off.length} booked session${off.length === 1 ? '' : 's'}`;
  const shown = firstFew(
    off.map(
      (a) =>
        `${a.series} ${a.index} at ${zonedIsoOf(a.startsAt.getTime(), timeZone)} (appointment ${a.id})`,
    ),
  );
  const both = lcm(from, to);
  const message =
    `slotMinutes cannot change from ${from} to ${to}: ${counted} to come start off the ` +
    `${to}-minute grid: ${shown}. Bookings, moves and plan runs check every session against ` +
    `the clinic's grid, so they would be left off it. Move them to a start on both grids (a ` +
    `multiple of ${both} minutes after local midnight) or cancel them, then change ` +
    `slotMinutes; nothing was changed`;
  return new ConflictError(
    message,
    'SLOT_GRID_BOOKED',
    [
      {
        pointer: '/slotMinutes',
        code: 'SLOT_GRID_BOOKED',
        message: `${counted} to come start off a ${to}-minute grid`,
      },
    ],
    {
      appointments: listedAppointments(off, timeZone),
    },
  );
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y));
  return (a / gcd(a, b)) * b;
}
