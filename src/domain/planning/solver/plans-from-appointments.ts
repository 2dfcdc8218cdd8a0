/**
 * Patient plans from a solution's appointments (the first-fit booker's, see
 * first-fit/first-fit-booker.ts), so that the planner can start from them.
 * Only for problems without existing bookings or format 1.1 features (what
 * the booker plans); a patient whose appointments do not map onto the
 * planner's grid, staff or rooms gets no plan (null).
 */
import type { Appointment } from '../format';
import type { Model } from '../model/types';
import { ContinuityTracker } from './candidates';
import type { PatientPlan, PlacedSession } from './patient-plan';
import { lowerBound } from './slots';

const MINUTE_MS = 60_000;

export function plansFromAppointments(
  model: Model,
  appointments: readonly Appointment[],
): Array<PatientPlan | null> {
  const patientIndex = new Map(model.patients.map((p) => [p.id, p.index]));
  const byPatient = new Map<number, Appointment[]>();
  for (const a of appointments) {
    const p = patientIndex.get(a.patient);
    if (p === undefined) continue;
    if (!byPatient.has(p)) byPatient.set(p, []);
    byPatient.get(p)!.push(a);
  }
  const staffIndex = new Map(model.staff.map((s, i) => [s.id, i]));
  const roomIndex = new Map(model.rooms.map((r, i) => [r.id, i]));
  return model.patients.map((patient) => {
    const list = byPatient.get(patient.index);
    if (!list) return null;
    const proto = model.protocols[patient.protocol];
    const continuity = new ContinuityTracker(model, proto);
    const sessions: PlacedSession[] = [];
    for (const a of list) {
      const session = placedSession(model, proto, a, staffIndex, roomIndex);
      if (!session) return null;
      continuity.add(session.series, session.staff, 1);
      sessions.push(session);
    }
    const expected = patient.counts.reduce((sum, c) => sum + c, 0);
    if (sessions.length !== expected) return null;
    return {
      patient: patient.index,
      sessions,
      moved: 0,
      breaks: continuity.breaks(),
      lastDay: sessions.reduce((m, s) => Math.max(m, s.day), -Infinity),
    };
  });
}

function placedSession(
  model: Model,
  proto: Model['protocols'][number],
  a: Appointment,
  staffIndex: Map<string, number>,
  roomIndex: Map<string, number>,
): PlacedSession | null {
  const series = proto.seriesById.get(a.series);
  if (series === undefined) return null;
  const st = model.sessionTypes[proto.series[series].sessionType];
  const start = Date.parse(a.start) / MINUTE_MS;
  const slot = lowerBound(model.slotStart, start);
  if (model.slotStart[slot] !== start) return null;
  const room = a.room === null ? -1 : (roomIndex.get(a.room) ?? -2);
  if (room === -2 || (st.room !== null) !== room >= 0) return null;
  const staff: number[][] = st.needs.map(() => []);
  for (const person of a.staff) {
    const index = staffIndex.get(person.id);
    const at = Date.parse(person.start) / MINUTE_MS;
    const ni = st.needs.findIndex(
      (n, j) => n.role === person.role && start + n.offset === at && staff[j].length < n.count,
    );
    if (index === undefined || ni < 0) return null;
    staff[ni].push(index);
  }
  if (st.needs.some((n, ni) => staff[ni].length !== n.count)) return null;
  return {
    series,
    index: a.index,
    slot,
    start,
    day: model.slotDay[slot],
    room,
    staff,
    existing: null,
    moved: false,
    booking: 0,
  };
}
