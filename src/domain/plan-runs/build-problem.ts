/**
 * A planning-format 1.1 problem built from a clinic's stored records (docs/planning-format.md),
 * for a plan run. Pure: the service loads the rows and passes them in.
 *
 * - `clinic`, `staff`, `rooms`, `sessionTypes`: the clinic and its catalog (not archived).
 * - `protocols`: one entry per pinned protocol version in the run, id `<code>@v<version>`; an
 *   enrollment with approved overrides its own relaxed copy `…~<enrollment id>` (approved-overrides.ts).
 * - `patients`: one per enrollment, id = the enrollment id (a patient may follow two courses;
 *   the run refuses two enrollments of one patient, see `planRunRefusals`).
 * - `existing`, the appointments of the run's enrollments: `completed` -> `done`, `missed` ->
 *   `missed`, `booked` -> `pinned` (a plan run fills in around what the front desk booked by
 *   hand), or `keepIfPossible` in a repair run (they may move, each move scored).
 * - `busy`: every other appointment holding staff or rooms (booked or completed; cancelled and
 *   missed ones hold nothing), over the person's own interval and the room's time with
 *   turnover. A room (or shared person) with capacity above one is busy as a whole while
 *   another patient's session holds it: conservative (never a double booking, at most a
 *   free lane left unused). Other sessions of the run's patients in other enrollments enter
 *   as the patient's `unavailable`.
 * - Booster history: an enrollment whose protocol has a carried series (`previous-…`) gets the
 *   patient's completed sessions of that series' session type from their other enrollments as
 *   `done` records of it, and `counts` to match (docs/starter-protocols.md, "Carrying the
 *   therapist forward"), so the protocol's continuity prefers the staff who saw them before.
 * - `now`: the current time (the injected clock), when the horizon starts on or before
 *   today or done sessions are carried; otherwise it is redundant and left out.
 * - Times: instants become local date-times as problem-times.ts says (the hour the clocks
 *   repeat: busy ends and `now` never read early; the run's own sessions there refused).
 * - `horizon`: from the earliest enrollment start (not before today) to the latest end.
 * - `staff` / `rooms`: as stored, each recurring window without `from` given the `from` that
 *   counts it from RULE_EPOCH (rrule-anchor.ts), so its weeks do not depend on the horizon.
 */
import { DateTime } from 'luxon';
import { CARRIED_SERIES_PREFIX } from '../protocol/templates';
import { zonedIsoOf } from '../time/zoned-format';
import type { FieldIssue } from '../errors';
import type {
  BusyPeriod,
  ExistingBooking,
  ExistingMode,
  LocalPeriod,
  Patient,
  Problem,
  Protocol,
  SessionType,
} from '../planning/format';
import { isLinkedCount } from '../planning/format';
import { anchoredWindows } from '../time/rrule-anchor';
import { requirementMode } from '../booking/staffing';
import { localMinute, localNotBefore, repeatedHourBookings } from './problem-times';
import { approvedProtocol, unplannableOverrides } from './approved-overrides';
import { outsideProtocol, outsideProtocolRefusals } from './outside-protocol';

export type {
  BuildInput,
  StoredAppointment,
  StoredCatalog,
  StoredClinic,
  StoredEnrollment,
  StoredStatus,
} from './build-input';
import type { BuildInput, StoredAppointment, StoredEnrollment, StoredStatus } from './build-input';

const MINUTE_MS = 60_000;

function existingMode(status: StoredStatus, repair: boolean): ExistingMode | null {
  if (status === 'completed') return 'done';
  if (status === 'missed') return 'missed';
  if (status === 'booked') return repair ? 'keepIfPossible' : 'pinned';
  return null;
}

/**
 * What stops the run before anything is built (422 each): enrollments that are not active,
 * two enrollments of one patient, a booked session of the run that started before `now`
 * without being marked completed or no-show, a course whose window is over.
 */
export function planRunRefusals(input: BuildInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, string>();
  const today = DateTime.fromJSDate(input.now, { zone: input.clinic.timeZone }).toISODate()!;
  input.enrollments.forEach((e, i) => {
    const pointer = `/enrollmentIds/${i}`;
    if (e.status !== 'active') {
      issues.push({
        pointer,
        code: 'ENROLLMENT_NOT_ACTIVE',
        message: `enrollment ${e.id} is ${e.status}; only active enrollments are planned`,
      });
    }
    const other = seen.get(e.patientId);
    if (other) {
      issues.push({
        pointer,
        code: 'DUPLICATE',
        message: `enrollments ${other} and ${e.id} are the same patient's; plan one course at a time`,
      });
    }
    seen.set(e.patientId, e.id);
    if (e.latestEnd < today) {
      issues.push({
        pointer,
        code: 'OUTSIDE_PATIENT_WINDOW',
        message: `enrollment ${e.id} ends ${e.latestEnd}, before today (${today}); nothing is left to plan`,
      });
    }
  });
  const ids = new Set(input.enrollments.map((e) => e.id));
  const now = input.now.getTime();
  for (const a of input.appointments) {
    if (ids.has(a.enrollmentId) && a.status === 'booked' && a.start < now) {
      issues.push({
        pointer: '/enrollmentIds',
        code: 'APPOINTMENT_NOT_RESOLVED',
        message: `appointment ${a.id} (${a.seriesId} ${a.index}, ${zonedIsoOf(a.start, input.clinic.timeZone)}) has started but is still booked; mark it completed or no-show first`,
      });
    }
  }
  if (!input.repair) {
    issues.push(...outsideProtocolRefusals(outsideProtocol(input), input.clinic.timeZone));
    issues.push(...reshapedBookings(input));
  }
  issues.push(...unplannableOverrides(ids, input.appointments, input.clinic.timeZone));
  const own = input.appointments.filter((a) => ids.has(a.enrollmentId));
  issues.push(...repeatedHourBookings(own, input.clinic.timeZone));
  return issues;
}

/**
 * Booked sessions of the run that the problem would misread: a problem's existing booking
 * has no end of its own, it lasts what its series' session type lasts now. One booked as
 * another session type, or for another length (data from before session types' shapes were
 * fixed while booked), would be pinned at a length it does not hold, so overlaps it does not
 * have would be reported. A repair run re-plans it (kept only if it fits its current shape).
 */
function reshapedBookings(input: BuildInput): FieldIssue[] {
  const byEnrollment = new Map(input.enrollments.map((e) => [e.id, e]));
  const duration = new Map(input.catalog.sessionTypes.map((t) => [t.id, t.durationMinutes]));
  const issues: FieldIssue[] = [];
  for (const a of input.appointments) {
    const e = byEnrollment.get(a.enrollmentId);
    if (!e || a.status !== 'booked') continue;
    const type = e.definition.series.find((s) => s.id === a.seriesId)?.sessionType;
    if (type === undefined) continue; // a removed series: outside-protocol.ts
    const booked = Math.round((a.end - a.start) / MINUTE_MS);
    const now = duration.get(type);
    if (type === a.sessionType && now === booked) continue;
    const what =
      type !== a.sessionType
        ? `series "${a.seriesId}" now uses session type "${type}", it is booked as "${a.sessionType}"`
        : `it is booked for ${booked} min, session type "${type}" now lasts ${now ?? '(archived)'} min`;
    issues.push({
      pointer: '/enrollmentIds',
      code: 'APPOINTMENT_NEEDS_REPAIR',
      message: `appointment ${a.id} (${a.seriesId} ${a.index}, ${zonedIsoOf(a.start, input.clinic.timeZone)}) no longer has its session type's shape: ${what}; re-plan the enrollment with "repair": true (GET /v1/affected-appointments lists it) or cancel it`,
    });
  }
  return issues;
}

/** The problem document (format 1.1). Call `planRunRefusals` first. */
export function buildPlanRunProblem(input: BuildInput): Problem {
  const zone = input.clinic.timeZone;
  const today = DateTime.fromJSDate(input.now, { zone }).toISODate()!;
  const starts = input.enrollments.map((e) => e.earliestStart).sort();
  const ends = input.enrollments.map((e) => e.latestEnd).sort();
  const start = starts[0] < today ? today : starts[0];
  const end = ends[ends.length - 1];
  const ids = new Set(input.enrollments.map((e) => e.id));
  const patientIds = new Set(input.enrollments.map((e) => e.patientId));

  const protocols = new Map<string, Protocol>();
  const protocolOf = new Map<string, string>();
  for (const e of input.enrollments) {
    const { definition, relaxed } = approvedProtocol(e, input.appointments, zone);
    const key = relaxed.length > 0 ? `${e.protocolKey}~${e.id}` : e.protocolKey;
    protocolOf.set(e.id, key);
    if (!protocols.has(key)) protocols.set(key, { id: key, ...definition });
  }
  const usedTypes = new Set(
    [...protocols.values()].flatMap((p) => p.series.map((s) => s.sessionType)),
  );

  const existing: ExistingBooking[] = [];
  const busy: BusyPeriod[] = [];
  const otherCourses = new Map<string, LocalPeriod[]>();
  const staffIds = new Set(input.catalog.staff.map((s) => s.id));
  const roomIds = new Set(input.catalog.rooms.map((r) => r.id));
  const types = new Map(input.catalog.sessionTypes.map((t) => [t.id, t]));
  const left = new Set(outsideProtocol(input).map((a) => a.id)); // outside-protocol.ts
  const ordered = [...input.appointments].sort(
    (a, b) => a.start - b.start || (a.id < b.id ? -1 : 1),
  );
  for (const a of ordered) {
    if (ids.has(a.enrollmentId)) {
      const mode = existingMode(a.status, input.repair);
      if (!mode || left.has(a.id)) continue;
      existing.push({
        id: a.id,
        patient: a.enrollmentId,
        series: a.seriesId,
        index: a.index,
        start: localMinute(a.start, zone),
        room: a.roomId,
        staff: inRequirementOrder(a, types.get(a.sessionType)).map((s) => ({
          id: s.staffId,
          role: s.role,
        })),
        mode,
      });
      continue;
    }
    if (a.status !== 'booked' && a.status !== 'completed') continue;
    if (patientIds.has(a.patientId)) {
      const list = otherCourses.get(a.patientId) ?? [];
      list.push({ start: localMinute(a.start, zone), end: localNotBefore(a.end, zone) });
      otherCourses.set(a.patientId, list);
    }
    if (a.roomId && roomIds.has(a.roomId)) {
      busy.push({
        resource: a.roomId,
        start: localMinute(a.start, zone),
        end: localNotBefore(a.end + a.turnoverMinutes * MINUTE_MS, zone),
      });
    }
    for (const s of a.staff) {
      if (s.mode !== 'occupied' || !staffIds.has(s.staffId)) continue;
      busy.push({
        resource: s.staffId,
        start: localMinute(s.start, zone),
        end: localNotBefore(s.end, zone),
      });
    }
  }

  const patients: Patient[] = input.enrollments.map((e) => {
    const patient: Patient = {
      id: e.id,
      protocol: protocolOf.get(e.id)!,
      earliestStart: e.earliestStart,
      latestEnd: e.latestEnd,
    };
    const carried = carriedHistory(
      e,
      ordered,
      zone,
      (a) =>
        (a.roomId === null || roomIds.has(a.roomId)) &&
        a.staff.every((s) => s.mode !== 'occupied' || staffIds.has(s.staffId)),
    );
    existing.push(...carried.records);
    const counts = { ...e.counts, ...carried.counts };
    if (Object.keys(counts).length > 0) patient.counts = counts;
    const unavailable = [...e.unavailable, ...(otherCourses.get(e.patientId) ?? [])];
    if (unavailable.length > 0) patient.unavailable = unavailable;
    return patient;
  });

  const problem: Problem = {
    formatVersion: 1.1,
    clinic: {
      timeZone: zone,
      slotMinutes: input.clinic.slotMinutes,
      closures: [...input.clinic.closures],
    },
    horizon: { start, end },
    // Stored windows without `from` count from RULE_EPOCH, not from this run's horizon.
    staff: input.catalog.staff.map((m) =>
      m.availability ? { ...m, availability: anchoredWindows(m.availability, start) } : m,
    ),
    rooms: input.catalog.rooms.map((r) =>
      r.availability ? { ...r, availability: anchoredWindows(r.availability, start) } : r,
    ),
    sessionTypes: input.catalog.sessionTypes.filter((t) => usedTypes.has(t.id)),
    protocols: [...protocols.values()],
    patients,
    options: { timeLimitMs: input.timeLimitMs, ...(input.seed !== null && { seed: input.seed }) },
  };
  if (start <= today || existing.some((x) => x.mode === 'done'))
    problem.now = localNotBefore(input.now.getTime(), zone);
  if (existing.length > 0) problem.existing = existing;
  if (busy.length > 0) problem.busy = busy;
  return problem;
}

/**
 * An appointment's staff rows in the order of the requirements they fill (role, mode and
 * start), so that the planning format, which reads an existing booking's people into the
 * requirements of their role in order, puts each where it was booked: a person holding the
 * occupied and the present requirement of one session is listed twice, and neither the
 * rows' storage order nor their times alone tell which entry is which. Rows no requirement
 * matches keep their place after the others.
 */
export function inRequirementOrder(
  a: Pick<StoredAppointment, 'start' | 'staff'>,
  type: SessionType | undefined,
): StoredAppointment['staff'] {
  if (!type) return a.staff;
  const rank = (s: StoredAppointment['staff'][number]) => {
    const i = type.staff.findIndex(
      (r) =>
        r.role === s.role &&
        requirementMode(r) === s.mode &&
        a.start + (r.offsetMinutes ?? 0) * MINUTE_MS === s.start,
    );
    return i < 0 ? type.staff.length : i;
  };
  return a.staff
    .map((s, k) => ({ s, k, r: rank(s) }))
    .sort((x, y) => x.r - y.r || x.k - y.k)
    .map((x) => x.s);
}

/**
 * The done records and counts of an enrollment's carried series (`previous-…`): the patient's
 * completed sessions of the series' session type in their other enrollments, the most recent
 * `count.max` of them, indexed 1.. in time order; a session whose room or staff member has left
 * the catalog is not carried. `appointments` is in start order.
 */
function carriedHistory(
  e: StoredEnrollment,
  appointments: readonly StoredAppointment[],
  zone: string,
  /** Whether the session's room and staff are still in the catalog (else it is not carried). */
  known: (a: StoredAppointment) => boolean,
): { records: ExistingBooking[]; counts: Record<string, number> } {
  const records: ExistingBooking[] = [];
  const counts: Record<string, number> = {};
  for (const series of e.definition.series) {
    if (!series.id.startsWith(CARRIED_SERIES_PREFIX) || isLinkedCount(series.count)) continue;
    const taken = appointments
      .filter(
        (a) =>
          a.patientId === e.patientId &&
          a.enrollmentId !== e.id &&
          a.status === 'completed' &&
          a.sessionType === series.sessionType &&
          known(a),
      )
      .slice(-series.count.max);
    taken.forEach((a, i) =>
      records.push({
        id: a.id,
        patient: e.id,
        series: series.id,
        index: i + 1,
        start: localMinute(a.start, zone),
        room: a.roomId,
        staff: a.staff
          .filter((s) => s.mode === 'occupied')
          .map((s) => ({ id: s.staffId, role: s.role })),
        mode: 'done',
      }),
    );
    counts[series.id] = taken.length;
  }
  return { records, counts };
}
