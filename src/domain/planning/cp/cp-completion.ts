/**
 * CP-SAT completion (issue 7): when the planner's construction leaves
 * patients out, the whole clinic is handed to OR-tools CP-SAT (cp-model.ts)
 * as a feasibility problem: every patient not proven unschedulable
 * scheduled. CP-SAT propagates every person's and room's time together and
 * learns from its conflicts (clause learning); it completes tight clinics
 * where the planner's local search stops a patient or two short. Its schedule
 * is turned into appointments for the caller (solve-async.ts), which
 * validates them (solution-check) before adopting them. It proves nothing
 * here: the CP model is stricter than the format in places (cp-model.ts), so
 * "no schedule found" is never reported as infeasible.
 */
import type { Appointment } from '../format';
import type { Model } from '../model/types';
import { formatInstant } from '../../time/zone';
import { buildCpModel, type CpPlanModel, type CpSession } from './cp-model';
import type { BoolVar, CpSat, IntVar } from './cp-sat-runtime';

/**
 * Sessions (all patients) above which CP-SAT is not started. On the tuning
 * seeds of the first-fit planted sweep (alone, 20 s) it completed clinics of
 * 79–176 sessions and none of 217 or more, and with a cap of 300 the planner,
 * stopped for it, lost a patient on two clinics of 279 and 291 sessions that
 * it fills further alone late in its search.
 */
export const CP_MAX_SESSIONS = 200;
/** CP-SAT's portfolio: its default number of search workers. */
export const CP_WORKERS = 8;

/**
 * Why the CP completion does not apply to the model, or null when it does;
 * with `maxSessions` Infinity, whether the clinic-wide completions (CP-SAT,
 * the frontier search) model it at all, whatever its size.
 */
export function cpScope(model: Model, maxSessions = CP_MAX_SESSIONS): string | null {
  if (model.sessionTypes.some((st) => st.group)) return 'group sessions';
  if (model.sessionTypes.some((st) => st.needs.some((n) => n.present)))
    return 'presence requirements';
  if (model.patients.some((p) => p.existing.length || p.done.length || p.missed.length || p.course))
    return 'existing bookings or course history';
  for (const proto of model.protocols)
    for (const c of proto.continuity)
      if (
        c.require &&
        c.series.some((i) =>
          model.sessionTypes[proto.series[i].sessionType].needs.some(
            (n) => n.role === c.role && n.count > 1,
          ),
        )
      )
        return 'required continuity of a requirement for several people';
  const sessions = model.patients.reduce((t, p) => t + p.counts.reduce((a, c) => a + c, 0), 0);
  if (sessions > maxSessions) return `more than ${maxSessions} sessions`;
  return null;
}

export interface CpCompletionOptions {
  /** Wall-clock milliseconds CP-SAT may search (model building not included). */
  timeLimitMs: number;
  seed: number;
  /** Patients left out of the model (proven unschedulable). */
  skip: ReadonlySet<number>;
}

export interface CpCompletion {
  /** Appointments of the patients CP-SAT scheduled (ids are placeholders). */
  appointments: Appointment[];
  scheduledPatients: number;
}

/**
 * Searches, within the time limit, for a schedule of every patient but
 * `skip`; null when none was found (time out, or none exists in the model).
 */
export async function cpCompletion(
  sat: CpSat,
  model: Model,
  options: CpCompletionOptions,
): Promise<CpCompletion | null> {
  const built = buildCpModel(sat, model);
  // Everyone but the proven-unschedulable: a feasibility problem, where CP-SAT's propagation and
  // clause learning are strongest (maximising the patients placed instead, or starting from the
  // planner's plans as a hint, completed fewer planted clinics in development).
  built.present.forEach((x, p) =>
    built.cp.addLinearConstraint(x, options.skip.has(p) ? 0 : 1, options.skip.has(p) ? 0 : 1),
  );
  const solver = new sat.CpSolver();
  const status = await solver.solve(built.cp, {
    maxTimeInSeconds: Math.max(0.05, options.timeLimitMs / 1000),
    numSearchWorkers: CP_WORKERS,
    randomSeed: options.seed,
  });
  const name = solver.statusName(status);
  if (name !== 'OPTIMAL' && name !== 'FEASIBLE') return null;
  const present = built.present.map((x) => solver.booleanValue(x));
  const appointments = built.sessions
    .filter((s) => present[s.patient])
    .map((s) =>
      appointment(
        model,
        built,
        s,
        (v) => solver.value(v),
        (x) => solver.booleanValue(x),
      ),
    );
  return { appointments, scheduledPatients: present.filter(Boolean).length };
}

function appointment(
  model: Model,
  built: CpPlanModel,
  s: CpSession,
  value: (v: IntVar) => number,
  chosen: (x: BoolVar) => boolean,
): Appointment {
  const patient = model.patients[s.patient];
  const series = model.protocols[patient.protocol].series[s.series];
  const start = built.origin + Number(value(s.start));
  const at = (minute: number) => formatInstant(model.zone, minute);
  let room: string | null = null;
  for (const [r, x] of s.rooms) if (chosen(x)) room = model.rooms[r].id;
  const staff = s.st.needs.flatMap((need, ni) =>
    [...s.staff[ni]]
      .filter(([, y]) => chosen(y))
      .map(([q]) => ({
        id: model.staff[q].id,
        role: need.role,
        start: at(start + need.offset),
        end: at(start + need.offset + need.duration),
      })),
  );
  return {
    id: `cp-${patient.id}-${series.id}-${s.k + 1}`,
    patient: patient.id,
    series: series.id,
    index: s.k + 1,
    sessionType: s.st.id,
    start: at(start),
    end: at(start + s.st.duration),
    room,
    staff,
  };
}
