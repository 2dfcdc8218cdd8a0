/**
 * Existing bookings as appointments, and the rules about them: pinned
 * bookings appear unchanged; keepIfPossible bookings that moved are counted.
 * Format 1.1: done sessions appear unchanged too; missed records appear in
 * `missed` unchanged and never as appointments; nothing but done and pinned
 * sessions starts before `now`.
 */
import type { Appointment, ExistingBooking, Problem, StaffAssignment } from '../format';
import { formatInstant, localDateTimeToMillis, MINUTE_MS } from './clinic-time';
import { type CheckContext, liveAppointments, type RuleCheck, type Violation } from './context';

/**
 * The appointment an existing booking stands for, or null when its patient,
 * series or session type is unknown. Staff entries fill the session type's
 * requirements of their role in order (presence requirements included: those
 * entries get `mode: "present"`); an entry left over gets the whole session
 * (and is then reported by the staff rule).
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
      ...(slot?.r.mode === 'present' && { mode: 'present' as const }),
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
    ...(booking.occurrence !== undefined && { occurrence: booking.occurrence }),
  };
}

const instant = (s: string) => Date.parse(s);
const staffKey = (list: { id: string; role: string; mode?: string }[]) =>
  list
    .map((s) => `${s.id}/${s.role}/${s?.mode ?? ''}`)
    .sort()
    .join(',');

/**
 * Does the solution keep the booking at its time, room and staff (whatever
 * index it ends up with: indexes follow time order)?
 */
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
      if (booking.mode !== 'pinned' && booking.mode !== 'done') continue;
      const expected = appointmentFromExisting(ctx.problem, booking);
      const same =
        keptUnchanged(ctx.problem, booking, ctx.solution.appointments) &&
        instant(found!.end) === instant(expected!.end);
      if (!same) {
        out.push({
          rule: booking.mode === 'pinned' ? 'PINNED_CHANGED' : 'DONE_CHANGED',
          message: `${booking.mode} booking ${booking.id} is ${found ? 'changed' : 'missing'} in the solution`,
          appointment: booking.id,
          patient: booking.patient,
        });
      }
    }
    return out;
  },
};

/** JSON with object keys sorted, so two equal records compare equal whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const missedRecords: RuleCheck = {
  name: 'MISSED',
  subsetSafe: false,
  check: (ctx) => {
    const out: Violation[] = [];
    const records = (ctx.problem.existing ?? []).filter((e) => e.mode === 'missed');
    const given: unknown = ctx.solution.missed;
    const canonical = (list: readonly unknown[]) => list.map(stableJson).sort();
    const echoed =
      given === undefined
        ? records.length === 0
        : Array.isArray(given) &&
          JSON.stringify(canonical(given)) === JSON.stringify(canonical(records));
    if (!echoed) {
      out.push({
        rule: 'MISSED_ECHO',
        message: `missed must list the problem's ${records.length} missed record(s) unchanged`,
      });
    }
    for (const record of records) {
      if (ctx.solution.appointments.some((a) => a.id === record.id)) {
        out.push({
          rule: 'MISSED_SCHEDULED',
          message: `appointment ${record.id} carries the id of a missed session, which counts nothing and occupies nothing`,
          appointment: record.id,
          patient: record.patient,
        });
      }
    }
    return out;
  },
};

/** Format 1.1: every session that is not done or pinned starts at or after `now`. */
const notBeforeNow: RuleCheck = {
  name: 'BEFORE_NOW',
  subsetSafe: true,
  check: (ctx) =>
    ctx.now === null
      ? []
      : liveAppointments(ctx.appointments)
          .filter((a) => !a.pinned && a.start < ctx.now!)
          .map((a) => ({
            rule: 'BEFORE_NOW',
            message: `${a.id} (${a.patient.id}) starts before now (${ctx.problem.now})`,
            appointment: a.id,
            patient: a.patient.id,
          })),
};

export const EXISTING_RULES: RuleCheck[] = [existingRules, missedRecords, notBeforeNow];
