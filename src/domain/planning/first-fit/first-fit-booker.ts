/**
 * The first-fit booker: what a front desk does by hand, written apart from
 * the planner (its own time model and resource bookkeeping, this folder).
 * It is the benchmarks' naive peer and the planner's floor (solve.ts: the
 * solve starts from its plans and never schedules fewer patients). Patients
 * in input order; for each, sessions in a fixed order
 * (series order of the protocol, index order, a followUp target right after
 * its anchor), each at the earliest feasible slot with the first available
 * room and staff. No backtracking: a patient that cannot be completed is
 * dropped whole. Honours the hard rules of planning format v1.
 *
 * Existing bookings and format 1.1 features are not supported; a problem
 * with `existing` is rejected rather than half-honoured (the planner uses it
 * only on problems without either).
 */
import type { Appointment, Problem, Score, Solution, Unscheduled } from '../format';
import { daysBetween } from './clinic-time';
import { buildModel, Model, patientModel, PatientModel } from './model';
import { PatientBooking, Placed } from './patient-booking';

export interface NaiveOptions {
  /**
   * Not part of the naive peer (which uses 0): when a patient fails, try again
   * with its first allowed day moved up to this many days later. Used by the
   * witness search to show that a scenario can be scheduled in full.
   */
  startShifts?: number;
}

export function firstFitBook(problem: Problem, options: NaiveOptions = {}): Solution {
  const t0 = Date.now();
  if (problem.existing && problem.existing.length > 0)
    throw new Error('naive booker: existing bookings are not supported');
  const model = buildModel(problem);
  const appointments: Appointment[] = [];
  const unscheduled: Unscheduled[] = [];
  const booked: { pm: PatientModel; placed: Placed[] }[] = [];
  for (const patient of problem.patients) {
    const base = patientModel(model, patient);
    let booking = new PatientBooking(model, base);
    let pm = base;
    let ok = booking.run();
    for (
      let shift = 1;
      !ok && shift <= (options.startShifts ?? 0) && base.firstDay + shift <= base.lastDay;
      shift++
    ) {
      pm = { ...base, firstDay: base.firstDay + shift };
      booking = new PatientBooking(model, pm);
      ok = booking.run();
    }
    if (ok) {
      booked.push({ pm, placed: [...booking.placed] });
      appointments.push(...booking.placed.map((x) => toAppointment(model, patient.id, x)));
    } else {
      unscheduled.push({
        patient: patient.id,
        reasons: [
          {
            code: 'NAIVE_NO_SLOT',
            message: `first-fit without backtracking: ${booking.failure}${blockers(booking.rejected)}`,
          },
        ],
      });
    }
  }
  appointments.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : 1,
  );
  const scheduled = booked.length;
  return {
    formatVersion: 1,
    status: unscheduled.length === 0 ? 'complete' : scheduled > 0 ? 'partial' : 'none',
    appointments,
    unscheduled,
    score: naiveScore(model, booked),
    stats: { elapsedMs: Math.round(Date.now() - t0), proof: 'unknown' },
  };
}

/** The most frequent reasons candidate slots were turned down, e.g. " (slots rejected: room dosing 40, staff rn 3)". */
function blockers(rejected: Map<string, number>): string {
  if (rejected.size === 0) return '';
  const top = [...rejected].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return ` (slots rejected: ${top.map(([k, n]) => `${k} ${n}`).join(', ')})`;
}

function toAppointment(model: Model, patient: string, x: Placed): Appointment {
  const iso = (t: number) => model.time.iso(t);
  return {
    id: `naive-${patient}-${x.series}-${x.index}`,
    patient,
    series: x.series,
    index: x.index,
    sessionType: x.type.id,
    start: iso(x.s),
    end: iso(x.e),
    room: x.room,
    staff: x.staff.map((a) => ({ id: a.id, role: a.role, start: iso(a.s), end: iso(a.e) })),
  };
}

function naiveScore(model: Model, booked: { pm: PatientModel; placed: Placed[] }[]): Score {
  let continuityBreaks = 0;
  let completionDays = 0;
  for (const { pm, placed } of booked) {
    for (const c of pm.protocol.continuity ?? []) {
      if (c.mode !== 'prefer') continue;
      const people = new Set<string>();
      for (const x of placed)
        if (c.series.includes(x.series))
          for (const a of x.staff) if (a.role === c.role) people.add(a.id);
      continuityBreaks += Math.max(0, people.size - 1);
    }
    const lastDay = Math.max(...placed.map((x) => x.d));
    const from = pm.patient.earliestStart ?? model.problem.horizon.start;
    completionDays += daysBetween(from, model.time.dateAt(lastDay));
  }
  return {
    scheduledPatients: booked.length,
    movedAppointments: 0,
    continuityBreaks,
    completionDays,
  };
}
