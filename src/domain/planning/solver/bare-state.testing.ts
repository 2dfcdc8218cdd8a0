/**
 * Test support for the solver's specs: a clinic with one nurse ("rn") and
 * one 60-minute talk per session on a 60-minute grid, and a bare planner
 * state over it (the resource state, one plan or null per patient, the
 * complete one-patient search to insert with).
 */
import type { AvailabilityWindow, Patient, Problem } from '../format';
import { compileModel } from '../model/compile';
import type { Model } from '../model/types';
import { computeDomains } from './domains';
import { exactPatientSearch } from './exact-search';
import { pinnedSlots } from './fixed-state';
import { occupySession, releaseSession, type PatientPlan } from './patient-plan';
import { ResourceState } from './resource-state';

export interface NurseClinic {
  /** Last day of the horizon (from Monday 15 March 2027). */
  end: string;
  /** The nurse's windows (default: 9–10 UTC every day). */
  availability?: AvailabilityWindow[];
  /** Talks per patient (default 1). */
  talks?: number;
  /** At most this many talks per patient and day. */
  maxPerDay?: number;
}

export function nurseClinic(patients: Array<Partial<Patient>>, clinic: NurseClinic): Problem {
  const talks = clinic.talks ?? 1;
  return {
    formatVersion: 1,
    clinic: { timeZone: 'UTC', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: clinic.end },
    staff: [
      {
        id: 'rn',
        roles: ['rn'],
        availability: clinic.availability ?? [
          { rrule: 'FREQ=DAILY', start: '09:00', end: '10:00' },
        ],
      },
    ],
    rooms: [],
    sessionTypes: [{ id: 'talk', durationMinutes: 60, room: null, staff: [{ role: 'rn' }] }],
    protocols: [
      {
        id: 'one',
        series: [{ id: 't', sessionType: 'talk', count: { min: talks, max: talks } }],
        ...(clinic.maxPerDay && {
          patientDay: { start: '08:00', end: '18:00', maxSessions: clinic.maxPerDay },
        }),
      },
    ],
    patients: patients.map((p, i) => ({ id: `p${i + 1}`, protocol: 'one', ...p })),
  };
}

export interface BareState {
  model: Model;
  state: ResourceState;
  plans: Array<PatientPlan | null>;
  /** Static domains per patient. */
  domains: Int32Array[][][];
  release(p: number): PatientPlan | null;
  commit(plan: PatientPlan): void;
  /** Inserts p by the complete search (on `domains`, p's own by default); whether it fitted. */
  insert(p: number, domains?: Int32Array[][]): boolean;
}

export function bareState(problem: Problem): BareState {
  const model = compileModel(problem);
  const domains = model.patients.map(
    (p) => computeDomains(model, p, pinnedSlots(model, p.index)).domains,
  );
  const state = new ResourceState(model);
  const plans: Array<PatientPlan | null> = model.patients.map(() => null);
  const commit = (plan: PatientPlan): void => {
    for (const s of plan.sessions) occupySession(model, state, plan.patient, s);
    plans[plan.patient] = plan;
  };
  return {
    model,
    state,
    plans,
    domains,
    release: (p) => {
      const plan = plans[p];
      plans[p] = null;
      for (const s of plan?.sessions ?? []) releaseSession(model, state, p, s);
      return plan;
    },
    commit,
    insert: (p, dom = domains[p]) => {
      const found = exactPatientSearch(model, state, p, dom, { nodeLimit: 1000 });
      if (found.plan) commit(found.plan);
      return found.plan !== null;
    },
  };
}

/** A score over a bare state: patients scheduled, their last days summed as completion. */
export function bareScore(plans: ReadonlyArray<PatientPlan | null>) {
  return {
    scheduledPatients: plans.filter(Boolean).length,
    movedAppointments: 0,
    continuityBreaks: 0,
    completionDays: plans.reduce((sum, plan) => sum + (plan ? plan.lastDay : 0), 0),
  };
}
