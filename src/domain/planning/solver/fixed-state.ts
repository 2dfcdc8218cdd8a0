/**
 * Resource states built from scratch for reasons and suggestions: every
 * pinned booking (they are part of every solution) plus the sessions of the
 * given plans, on any model with the same patients (an edited model may have
 * more staff or rooms). And the search of one patient against such a state,
 * from its static domains, with the outcome the reasons rely on.
 */
import type { Model } from '../model/types';
import { computeDomains } from './domains';
import { exactPatientSearch, type ExactOutcome } from './exact-search';
import { freeResourceDomains } from './free-domains';
import { newBookingId, occupySession, type PatientPlan } from './patient-plan';
import { ResourceState } from './resource-state';
import { existingOccurrenceKey } from './group-occurrences';
import { dayOfInstant, lowerBound } from './slots';

/** Slot of each pinned booking of patient p, keyed `series * 1000 + index` (as computeDomains wants). */
export function pinnedSlots(model: Model, p: number): Map<number, number> {
  const fixed = new Map<number, number>();
  for (const e of model.patients[p].existing)
    if (e.pinned) fixed.set(e.series * 1000 + e.index, lowerBound(model.slotStart, e.start));
  return fixed;
}

/**
 * A state holding every pinned booking, and the non-pinned sessions of
 * `plans` except patient `skip`'s. `joinOnly`: no new group occurrence below
 * min may be opened in it (the planner's plans are final; see group-occurrences).
 */
export function stateOf(
  model: Model,
  plans: ReadonlyArray<PatientPlan | null>,
  skip: number,
  joinOnly = false,
): ResourceState {
  const state = new ResourceState(model);
  state.groups.joinOnly = joinOnly;
  for (const p of model.patients) {
    const proto = model.protocols[p.protocol];
    for (const e of p.existing) {
      if (!e.pinned) continue;
      occupySession(model, state, p.index, {
        series: e.series,
        index: e.index,
        slot: lowerBound(model.slotStart, e.start),
        start: e.start,
        day: dayOfInstant(model, e.start),
        room: model.sessionTypes[proto.series[e.series].sessionType].room ? e.room : -1,
        staff: e.staff,
        existing: e,
        moved: false,
        booking: -(p.index + 1) * 1000 - e.series * 100 - e.index,
        occurrence: existingOccurrenceKey(e),
      });
    }
    const plan = plans[p.index];
    if (!plan || p.index === skip) continue;
    for (const s of plan.sessions)
      if (!s.existing?.pinned)
        occupySession(model, state, p.index, { ...s, booking: newBookingId() });
  }
  return state;
}

export interface Attempt {
  outcome: ExactOutcome;
  plan: PatientPlan | null;
  nodes: number;
  ms: number;
  /** How the outcome was reached: "domains" (propagation proved it, no search) or "search". */
  by: 'domains' | 'search';
}

export interface AttemptLimits {
  nodeLimit: number;
  deadline: number;
  clock: () => number;
}

/**
 * Schedules patient p against `state` (everyone else fixed) with the
 * complete single-patient search, from its static domains on `model`
 * (pinned bookings fixed) narrowed to free resources. An empty domain on the
 * way is a proof that no schedule exists (propagation only drops starts that
 * no valid schedule uses).
 */
export function attempt(
  model: Model,
  state: ResourceState,
  p: number,
  limits: AttemptLimits,
): Attempt {
  const t0 = limits.clock();
  const done = (a: Omit<Attempt, 'ms'>): Attempt => ({ ...a, ms: limits.clock() - t0 });
  if (t0 >= limits.deadline) return done({ outcome: 'limit', plan: null, nodes: 0, by: 'search' });
  const patient = model.patients[p];
  const base = computeDomains(model, patient, pinnedSlots(model, p));
  if (base.failure) return done({ outcome: 'infeasible', plan: null, nodes: 0, by: 'domains' });
  // With nothing booked, the static domains already are the free ones.
  const dyn = state.size === 0 ? base : freeResourceDomains(model, state, patient, base.domains);
  if (dyn.failure) return done({ outcome: 'infeasible', plan: null, nodes: 0, by: 'domains' });
  if (limits.clock() >= limits.deadline)
    return done({ outcome: 'limit', plan: null, nodes: 0, by: 'search' });
  const r = exactPatientSearch(model, state, p, dyn.domains, limits);
  return done({ outcome: r.outcome, plan: r.plan, nodes: r.nodes, by: 'search' });
}
