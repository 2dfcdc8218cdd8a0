/**
 * Format 1.1 history in the solution: every done session appears unchanged
 * (its id, start, room and staff; for scheduled and unscheduled patients
 * alike), a patient's sessions are numbered by time order over done and new
 * ones, and the missed records are echoed in `missed`.
 */
import type { Appointment, ExistingBooking, Problem, StaffAssignment } from '../format';
import type { Model } from '../model/types';
import { formatInstant } from '../../time/zone';

/** The appointments with every done session added and indexes renumbered for patients with one. */
export function withDoneSessions(
  problem: Problem,
  model: Model,
  appointments: Appointment[],
): Appointment[] {
  const done = (problem.existing ?? []).filter((e) => e.mode === 'done');
  if (done.length === 0) return appointments;
  const out = [...appointments, ...done.map((e) => doneAppointment(model, e))];
  const withHistory = new Set(done.map((e) => e.patient));
  const bySeries = new Map<string, Appointment[]>();
  for (const a of out) {
    if (!withHistory.has(a.patient)) continue;
    const key = `${a.patient}\u0000${a.series}`;
    bySeries.set(key, [...(bySeries.get(key) ?? []), a]);
  }
  const at = (a: Appointment) => Date.parse(a.start);
  for (const list of bySeries.values()) {
    list.sort((a, b) => at(a) - at(b));
    list.forEach((a, i) => (a.index = i + 1));
  }
  return out;
}

/** The missed records of the problem, unchanged (undefined when there are none). */
export function missedRecords(problem: Problem): ExistingBooking[] | undefined {
  const missed = (problem.existing ?? []).filter((e) => e.mode === 'missed');
  return missed.length > 0 ? structuredClone(missed) : undefined;
}

/**
 * A done booking as an appointment: each staff entry fills the next open
 * requirement of its role (its interval and mode from the requirement); an
 * entry left over is given the whole session.
 */
function doneAppointment(model: Model, e: ExistingBooking): Appointment {
  const patient = model.patients.find((p) => p.id === e.patient)!;
  const record = patient.done.find((d) => d.id === e.id)!;
  const proto = model.protocols[patient.protocol];
  const series = proto.series[record.series];
  const st = model.sessionTypes[series.sessionType];
  const fmt = (t: number) => formatInstant(model.zone, t);
  const left = st.needs.map((n) => n.count);
  const staff: StaffAssignment[] = e.staff.map((s) => {
    const ni = st.needs.findIndex((n, j) => n.role === s.role && left[j] > 0);
    const need = ni >= 0 ? st.needs[ni] : null;
    if (ni >= 0) left[ni]--;
    const from = record.start + (need?.offset ?? 0);
    return {
      id: s.id,
      role: s.role,
      start: fmt(from),
      end: fmt(from + (need?.duration ?? st.duration)),
      ...(need?.present && { mode: 'present' as const }),
    };
  });
  return {
    id: e.id,
    patient: e.patient,
    series: e.series,
    index: e.index,
    sessionType: st.id,
    start: fmt(record.start),
    end: fmt(record.start + st.duration),
    room: e.room ?? null,
    staff,
    ...(e.occurrence !== undefined && { occurrence: e.occurrence }),
  };
}
