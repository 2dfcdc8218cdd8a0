/**
 * Resource choice of the naive booker: the first room (input order) with the
 * needed features and free capacity, then for each staff requirement the
 * first people (input order) free at that time, within their daily limits and
 * any required continuity.
 */
import type { SessionType } from '../format';
import { covered } from './clinic-time';
import type { Model, PatientModel, StaffRes } from './model';
import { personCanTake, roomCanTake } from './occupancy';

export interface PickedStaff {
  id: string;
  role: string;
  s: number;
  e: number;
}

/** The room and staff for a session at [s, ...) on date index d, or the reason none was found. */
export function pickResources(
  m: Model,
  p: PatientModel,
  fixedPerson: ReadonlyMap<number, string>,
  series: string,
  type: SessionType,
  s: number,
  d: number,
): { room: string | null; staff: PickedStaff[] } | string {
  const e = s + type.durationMinutes;
  let room: string | null = null;
  if (type.room) {
    const need = type.room;
    const re = e + (need.turnoverMinutes ?? 0);
    const r = (m.roomsForType.get(type.id) ?? []).find(
      (x) => covered(x.free, s, re) && roomCanTake(x.timeline, s, re, x.capacity),
    );
    if (!r) return `room ${need.features.join('+')}`;
    room = r.id;
  }
  const used = new Set<string>();
  const staff: PickedStaff[] = [];
  const dayS = m.time.atIdx(d, 0);
  const dayE = m.time.atIdx(d + 1, 0);
  const continuity = p.protocol.continuity ?? [];
  for (const req of type.staff) {
    const a = s + (req.offsetMinutes ?? 0);
    const b = a + (req.durationMinutes ?? type.durationMinutes - (req.offsetMinutes ?? 0));
    const share = req.maxConcurrent ?? 1;
    const group = continuity.findIndex(
      (c) => c.mode === 'require' && c.role === req.role && c.series.includes(series),
    );
    const fixed = group >= 0 ? fixedPerson.get(group) : undefined;
    for (let k = 0; k < (req.count ?? 1); k++) {
      const who = (m.staffByRole.get(req.role) ?? []).find(
        (x) =>
          !used.has(x.id) &&
          (fixed === undefined || x.id === fixed) &&
          personFree(x, a, b, share, d, dayS, dayE),
      );
      if (!who) return `staff ${req.role}`;
      used.add(who.id);
      staff.push({ id: who.id, role: req.role, s: a, e: b });
    }
  }
  return { room, staff };
}

function personFree(
  x: StaffRes,
  a: number,
  b: number,
  share: number,
  d: number,
  dayS: number,
  dayE: number,
): boolean {
  if (!covered(x.free, a, b) || !personCanTake(x.timeline, a, b, share)) return false;
  const lim = x.limits;
  if (lim.maxSessionsPerDay !== undefined && x.load.sessions(d) + 1 > lim.maxSessionsPerDay)
    return false;
  if (
    lim.maxMinutesPerDay !== undefined &&
    x.load.minutesWith(d, [{ s: a, e: b }], dayS, dayE) > lim.maxMinutesPerDay
  )
    return false;
  return true;
}
