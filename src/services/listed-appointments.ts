import { zonedIsoOf } from '../domain/time/zoned-format';

/** A stored session as a refused settings change names it (BlockingAppointmentDto). */
export interface ListedAppointmentRow {
  id: string;
  enrollmentId: string;
  patientId: string;
  series: string;
  index: number;
  status: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The `appointments[]` of a 409 that names the sessions in the way of a change
 * (SESSION_TYPE_BOOKED, SLOT_GRID_BOOKED, TIME_ZONE_BOOKED): one shape, with times in the
 * clinic's offset as every other answer gives them.
 */
export function listedAppointments(rows: readonly ListedAppointmentRow[], zone: string) {
  return rows.map((a) => ({
    id: a.id,
    enrollmentId: a.enrollmentId,
    patientId: a.patientId,
    series: a.series,
    index: a.index,
    status: a.status,
    start: zonedIsoOf(a.startsAt.getTime(), zone),
    end: zonedIsoOf(a.endsAt.getTime(), zone),
  }));
}
