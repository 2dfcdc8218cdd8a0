/**
 * The day and slot grid of the horizon: local midnights as instants and the
 * instants whose local wall-clock minute of day is a multiple of slotMinutes.
 */
import { offsetAt, placeLocal } from '../../time/zone';
import { weekdayIndex } from '../../time/local-date';

export interface Grid {
  dayStartAt: number[];
  weekday: number[];
  slotStart: Int32Array;
  slotDay: Int32Array;
  daySlot: Int32Array;
}

function mod(a: number, m: number): number {
  return ((a % m) + m) % m;
}

/** Grid instants in `[from, to)` where the zone's offset is constantly `off`. */
function pushSegment(out: number[], from: number, to: number, off: number, slot: number): void {
  let t = from + mod(-(from + off), slot);
  for (; t < to; t += slot) out.push(t);
}

/** Builds the grid for `numDays` local dates starting at day number `firstDay`. */
export function buildGrid(
  zone: string,
  firstDay: number,
  numDays: number,
  slotMinutes: number,
): Grid {
  const dayStartAt: number[] = [];
  const weekday: number[] = [];
  for (let d = 0; d <= numDays; d++) {
    dayStartAt.push(placeLocal(zone, firstDay + d, 0));
    weekday.push(weekdayIndex(firstDay + d));
  }
  const starts: number[] = [];
  const days: number[] = [];
  const daySlot = new Int32Array(numDays + 1);
  for (let d = 0; d < numDays; d++) {
    daySlot[d] = starts.length;
    const from = dayStartAt[d];
    const to = dayStartAt[d + 1];
    const before = starts.length;
    let segStart = from;
    let off = offsetAt(zone, from);
    // Walk offset changes inside the day (at most a few) by bisection.
    while (segStart < to) {
      let lo = segStart;
      let hi = to;
      if (offsetAt(zone, to - 1) === off) lo = to;
      else {
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (offsetAt(zone, mid) === off) lo = mid;
          else hi = mid;
        }
        lo = hi;
      }
      pushSegment(starts, segStart, lo, off, slotMinutes);
      segStart = lo;
      if (segStart < to) off = offsetAt(zone, segStart);
    }
    for (let i = before; i < starts.length; i++) days.push(d);
  }
  daySlot[numDays] = starts.length;
  return {
    dayStartAt,
    weekday,
    slotStart: Int32Array.from(starts),
    slotDay: Int32Array.from(days),
    daySlot,
  };
}
