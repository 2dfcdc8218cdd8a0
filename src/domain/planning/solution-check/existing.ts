/**
 * Existing bookings as appointments, and the rules about them: pinned
 * bookings appear unchanged; keepIfPossible bookings that moved are counted.
 */
import type { Appointment, ExistingBooking, Problem, StaffAssignment } from '../format';
import { formatInstant, localDateTimeToMillis, MINUTE_MS } from './clinic-time';
import type { CheckContext, RuleCheck, Violation } from './context';

/**
 * The appointment an existing booking stands for, or null when its patient,
 * series or session type is unknown. Staff entries fill the session type's
 * requirements of their role in order; an entry left over gets the whole
 * session (and is then reported by the staff rule).
 */
export function appointmentFromExisting(
  problem: Problem,
  booking: ExistingBooking,
): Appointment | null {
  const zone = problem.clinic.timeZone;
  const patient = problem.patients.find((p) => p.id === booking.patient);
  const protocol = problem.protocols.find((p) => p.id === patient?.protocol);
  const series = protocol?.series.find((s) => s.id === booking.series);
  const type = problem.sessionTypes.find((t) => t.id === series?.sessionType);
  if (!series || !type) return null;
  const start = localDateTimeToMillis(booking.start, zone);
  const open = type.staff.map((r) => ({ r, left: r.count ?? 1 }));
  const staff: StaffAssignment[] = booking.staff.map((entry) => {
    const slot = open.find((o) => o.r.role === entry.role && o.left > 0);
    const offset = slot ? (slot.r.offsetMinutes ?? 0) : 0;
    const duration = slot
      ? (slot.r.durationMinutes ?? type.durationMinutes - offset)
      : type.durationMinutes;
    if (slot) slot.left--;
    const from = start + offset * MINUTE_MS;
    return {
      id: entry.id,
      role: entry.role,
      start: formatInstant(from, zone),
      end: formatInstant(from + duration * MINUTE_MS, zone),
    };
  });
  return {
    id: booking.id,
    patient: booking.patient,
    series: booking.series,
    index: booking.index,
    sessionType: type.id,
    start: formatInstant(start, zone),
    end: formatInstant(start + type.durationMinutes * MINUTE_MS, zone),
    room: booking.room ?? null,
    staff,
  };
}

const instant = (s: string) => Date.parse(s);
const staffKey = (list: { id: string; role: string }[]) =>
  list
    .map((s) => `${s.id}/${s.role}`)
    .sort()
    .join(',');

/** Does the solution keep the booking at its time, room and staff? */
export function keptUnchanged(
  problem: Problem,
  booking: ExistingBooking,
  solution: Appointment[],
): boolean {
  const found = solution.find((a) => a.id === booking.id);
  const expected = appointmentFromExisting(problem, booking);
  return (
    found !== undefined &&
    expected !== null &&
    found.patient === expected.patient &&
    found.series === expected.series &&
    instant(found.start) === instant(expected.start) &&
    (found.room ?? null) === expected.room &&
    Array.isArray(found.staff) &&
    staffKey(found.staff) === staffKey(expected.staff)
  );
}

const existingRules: RuleCheck = {
  name: 'EXISTING',
  subsetSafe: false,
  check: (ctx: CheckContext) => {
    const out: Violation[] = [];
    for (const booking of ctx.problem.existing ?? []) {
      const found = ctx.solution.appointments.find((a) => a.id === booking.id);
      if (found && (found.patient !== booking.patient || found.series !== booking.series)) {
        out.push({
          rule: 'EXISTING_ID_MISMATCH',
          message: `appointment ${booking.id} carries an existing booking's id but not its patient and series`,
          appointment: booking.id,
        });
      }
      if (booking.mode !== 'pinned') continue;
      const expected = appointmentFromExisting(ctx.problem, booking);
      const same =
        keptUnchanged(ctx.problem, booking, ctx.solution.appointments) &&
        found!.index === booking.index &&
        instant(found!.end) === instant(expected!.end);
      if (!same) {
        out.push({
          rule: 'PINNED_CHANGED',
          message: `pinned booking ${booking.id} is ${found ? 'changed' : 'missing'} in the solution`,
          appointment: booking.id,
          patient: booking.patient,
        });
      }
    }
    return out;
  },
};

export const EXISTING_RULES: RuleCheck[] = [existingRules];
