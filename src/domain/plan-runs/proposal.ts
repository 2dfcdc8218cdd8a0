/**
 * A plan run's solution read against what is booked: which proposed appointments are new
 * (`added`), which existing ones stay (`kept`, maybe renumbered), move (`moved`: another time,
 * room or staff) or go (`removed`), with names next to every id. Patients the planner could
 * not schedule keep their bookings unchanged (nothing about them is committed). Appointments
 * outside their pinned protocol version (outside-protocol.ts, left out of the problem) are
 * listed in `outsideProtocol`; the booked ones are also `removed`. Pure.
 */
import type { Appointment, Problem, Solution } from '../planning/format';
import type { OutsideAppointment } from './outside-protocol';
import { zonedIsoOf } from '../time/zoned-format';

/** Names of the ids a run's problem uses, taken when the run was made. */
export interface RunNames {
  /** enrollment id -> patient. */
  patients: Record<
    string,
    { patientId: string; displayName: string; initials: string; externalRef: string | null }
  >;
  staff: Record<string, string>;
  rooms: Record<string, string>;
  /** session type code -> { id, name }. */
  sessionTypes: Record<string, { id: string; name: string }>;
  /**
   * enrollment id -> the approved exceptions its protocol copy relaxes (approved-overrides.ts
   * `approvedExceptions`); absent in runs made before it was recorded.
   */
  approved?: Record<string, string[]>;
  /** existing appointment id -> what is stored (instants in epoch ms). */
  existing: Record<
    string,
    { index: number; start: number; roomId: string | null; staff: string[]; status: string }
  >;
  /** The run's appointments left out of the problem (outside-protocol.ts); absent in old runs. */
  outsideProtocol?: OutsideAppointment[];
}

export interface NamedStaff {
  staffId: string;
  name: string;
  role: string;
  start: string;
  end: string;
  mode: 'occupied' | 'present';
}

export interface NamedAppointment {
  /** The stored appointment's id when it exists, else the planner's id. */
  id: string;
  enrollmentId: string;
  patient: RunNames['patients'][string];
  series: string;
  index: number;
  sessionType: { id: string; code: string; name: string };
  start: string;
  end: string;
  room: { id: string; name: string } | null;
  staff: NamedStaff[];
}

export type ChangeKind = 'added' | 'kept' | 'moved' | 'done';

export interface ProposedAppointment extends NamedAppointment {
  change: ChangeKind;
  /** kept: the stored index when the plan numbers it differently. */
  previousIndex?: number;
}

export interface RemovedAppointment {
  id: string;
  enrollmentId: string;
  patient: RunNames['patients'][string];
  series: string;
  index: number;
  start: string;
  /** Set when it is dropped because its protocol version has no place for it. */
  reason?: string;
}

/** An appointment outside its protocol version; `cancel`: the commit cancels it. */
export interface OutsideProposed extends Omit<OutsideAppointment, 'start'> {
  patient: RunNames['patients'][string];
  start: string;
  cancel: boolean;
}

export interface Proposal {
  appointments: ProposedAppointment[];
  removed: RemovedAppointment[];
  /** moved: the stored appointment id and where it goes. */
  moved: { id: string; from: string; to: string }[];
  unscheduled: {
    enrollmentId: string;
    patient: RunNames['patients'][string];
    reasons: Solution['unscheduled'][number]['reasons'];
  }[];
  outsideProtocol: OutsideProposed[];
  counts: { added: number; kept: number; moved: number; removed: number; done: number };
  /**
   * Courses planned under a director's approved overrides: the rules their protocol copy
   * relaxes, which the planner may use again within that course.
   */
  approvedExceptions: {
    enrollmentId: string;
    patient: RunNames['patients'][string];
    exceptions: string[];
  }[];
}

function named(a: Appointment, names: RunNames, id: string): NamedAppointment {
  const type = names.sessionTypes[a.sessionType];
  return {
    id,
    enrollmentId: a.patient,
    patient: names.patients[a.patient],
    series: a.series,
    index: a.index,
    sessionType: { id: type?.id ?? '', code: a.sessionType, name: type?.name ?? a.sessionType },
    start: a.start,
    end: a.end,
    room: a.room === null ? null : { id: a.room, name: names.rooms[a.room] ?? a.room },
    staff: a.staff.map((s) => ({
      staffId: s.id,
      name: names.staff[s.id] ?? s.id,
      role: s.role,
      start: s.start,
      end: s.end,
      mode: s.mode ?? 'occupied',
    })),
  };
}

const staffKey = (ids: { id: string; role: string }[]) =>
  ids
    .map((s) => `${s.id}:${s.role}`)
    .sort()
    .join(',');

/** The proposal of `solution` (a solution of `problem`). */
export function proposalOf(problem: Problem, solution: Solution, names: RunNames): Proposal {
  const existing = new Map((problem.existing ?? []).map((e) => [e.id, e]));
  // Stored instants are written as the solution writes its own: with the clinic's offset.
  const local = (ms: number) => zonedIsoOf(ms, problem.clinic.timeZone);
  const out = new Set(solution.unscheduled.map((u) => u.patient));
  const proposal: Proposal = {
    appointments: [],
    removed: [],
    moved: [],
    unscheduled: solution.unscheduled.map((u) => ({
      enrollmentId: u.patient,
      patient: names.patients[u.patient],
      reasons: u.reasons,
    })),
    outsideProtocol: [],
    counts: { added: 0, kept: 0, moved: 0, removed: 0, done: 0 },
    approvedExceptions: Object.entries(names.approved ?? {}).map(([enrollmentId, exceptions]) => ({
      enrollmentId,
      patient: names.patients[enrollmentId],
      exceptions,
    })),
  };
  const seen = new Set<string>();
  for (const a of solution.appointments) {
    if (out.has(a.patient)) continue;
    const before = existing.get(a.id);
    const stored = names.existing[a.id];
    seen.add(a.id);
    if (!before || !stored) {
      proposal.appointments.push({ ...named(a, names, a.id), change: 'added' });
      proposal.counts.added++;
      continue;
    }
    if (before.mode === 'done') {
      proposal.appointments.push({ ...named(a, names, a.id), change: 'done' });
      proposal.counts.done++;
      continue;
    }
    const same =
      Date.parse(a.start) === stored.start &&
      (a.room ?? null) === stored.roomId &&
      staffKey(a.staff.filter((s) => s.mode !== 'present')) ===
        staffKey(stored.staff.map((s) => ({ id: s.split(':')[0], role: s.split(':')[1] })));
    if (same) {
      const kept: ProposedAppointment = { ...named(a, names, a.id), change: 'kept' };
      if (a.index !== stored.index) kept.previousIndex = stored.index;
      proposal.appointments.push(kept);
      proposal.counts.kept++;
    } else {
      proposal.appointments.push({ ...named(a, names, a.id), change: 'moved' });
      proposal.moved.push({ id: a.id, from: local(stored.start), to: a.start });
      proposal.counts.moved++;
    }
  }
  for (const e of problem.existing ?? []) {
    if (seen.has(e.id) || out.has(e.patient)) continue;
    if (e.mode !== 'pinned' && e.mode !== 'keepIfPossible') continue;
    const stored = names.existing[e.id];
    proposal.removed.push({
      id: e.id,
      enrollmentId: e.patient,
      patient: names.patients[e.patient],
      series: e.series,
      index: e.index,
      start: local(stored?.start ?? NaN),
    });
    proposal.counts.removed++;
  }
  // Booked ones outside the protocol version go (never completed ones: history stays).
  for (const a of names.outsideProtocol ?? []) {
    const patient = names.patients[a.enrollmentId];
    const cancel = a.status === 'booked' && !out.has(a.enrollmentId);
    proposal.outsideProtocol.push({ ...a, patient, start: local(a.start), cancel });
    if (!cancel) continue;
    const { id, enrollmentId, series, index, message } = a;
    proposal.removed.push({
      id,
      enrollmentId,
      patient,
      series,
      index,
      start: local(a.start),
      reason: message,
    });
    proposal.counts.removed++;
  }
  return proposal;
}
