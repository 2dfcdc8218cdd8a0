/**
 * Joint search over several patients against a fixed resource state (every
 * other patient's sessions, bookings and busy times as they are): places all
 * of them or none. Depth-first across patients: at each level every
 * remaining patient's domains are narrowed to the resources still free and
 * propagated (forward checking: a patient left without a possible start
 * for some session cuts the branch), the patient with the fewest starts
 * left goes next, and its complete plans are enumerated one by one by the
 * one-patient complete search (`exactPatientPlans`), each held in the state
 * while the patients below it are searched.
 *
 * Failures are cached: a patient's plan whose footprint on the resources
 * (every staff and room interval it occupies) equals one already refuted
 * under the same plans above it is skipped.
 *
 * Not complete across patients: the one-patient search lists one assignment
 * of interchangeable people (equivalent for that patient, not for the
 * others), so an exhausted joint search proves nothing; the outcome is
 * `exhausted`, never a proof of infeasibility.
 */
import type { Model } from '../model/types';
import { exactPatientPlans, newExactBudget, type ExactLimits } from './exact-search';
import { JointCapacity } from './joint-capacity';
import { freeResourceDomains, startOpen } from './free-domains';
import type { PatientPlan, PlacedSession } from './patient-plan';
import type { ResourceState } from './resource-state';

/** found: `plans` holds one plan per patient; exhausted: none found in the search space; limit: stopped. */
export type JointOutcome = 'found' | 'exhausted' | 'limit';

export interface JointResult {
  /** In the order of `patients`, copied (not committed to the state). */
  plans: PatientPlan[] | null;
  outcome: JointOutcome;
  /** Session placements tried (the one-patient searches' nodes). */
  nodes: number;
  /** Cut before any search: the free time cannot hold the patients' sessions (joint-capacity.ts). */
  counted: boolean;
}

/**
 * Searches plans for all `patients` together. `baseDomains(p)` gives p's
 * static domains (narrowed here to the free resources). The state is left
 * as it was found.
 */
export function jointSearch(
  model: Model,
  state: ResourceState,
  patients: readonly number[],
  baseDomains: (p: number) => Int32Array[][],
  limits: ExactLimits,
): JointResult {
  const budget = newExactBudget(limits);
  const capacity = new JointCapacity(model, state, patients, (p) =>
    sessionsToPlace(model, p, baseDomains(p)),
  );
  if (!capacity.ok()) return { plans: null, outcome: 'exhausted', nodes: 0, counted: true };
  const pinned = new Map<number, Set<number>>();
  const pinnedOf = (q: number): Set<number> => {
    let set = pinned.get(q);
    if (!set) {
      set = new Set(
        model.patients[q].existing.filter((e) => e.pinned).map((e) => e.series * 1000 + e.index),
      );
      pinned.set(q, set);
    }
    return set;
  };
  const chosen: PatientPlan[] = [];
  let found: PatientPlan[] | null = null;

  const dfs = (remaining: number[]): boolean => {
    if (remaining.length === 0) {
      found = chosen.map(copyPlan);
      return true;
    }
    let next = -1;
    let nextDomains: Int32Array[][] = [];
    let nextSize = Infinity;
    const left = new Map<number, Int32Array[][]>();
    for (const q of remaining) {
      const dyn = freeResourceDomains(model, state, model.patients[q], baseDomains(q));
      if (dyn.failure) return false;
      left.set(q, dyn.domains);
      const size = domainSize(dyn.domains);
      if (size < nextSize) [next, nextDomains, nextSize] = [q, dyn.domains, size];
    }
    const rest = remaining.filter((q) => q !== next);
    // After each session placed: every session of the patients below keeps a start with free resources.
    const stillOpen = (): boolean =>
      rest.every((q) => everySessionOpen(model, state, q, left.get(q)!, pinnedOf(q)));
    const refuted = new Set<string>();
    const hooks = {
      place: (session: PlacedSession): boolean => {
        capacity.placed(next, session, 1);
        return capacity.ok() && stillOpen();
      },
      unplace: (session: PlacedSession): void => capacity.placed(next, session, -1),
    };
    for (const plan of exactPatientPlans(model, state, next, nextDomains, budget, hooks)) {
      const key = footprint(model, plan);
      if (refuted.has(key)) continue;
      chosen.push(plan);
      const ok = dfs(rest);
      chosen.pop();
      if (ok) return true;
      if (budget.stopped) return false;
      refuted.add(key);
    }
    return false;
  };

  dfs([...patients]);
  const byPatient = new Map<number, PatientPlan>(
    (found ?? ([] as PatientPlan[])).map((p) => [p.patient, p]),
  );
  return {
    plans: found ? patients.map((p) => byPatient.get(p)!) : null,
    outcome: found ? 'found' : budget.stopped ? 'limit' : 'exhausted',
    nodes: budget.nodes,
    counted: false,
  };
}

/** Per series: the sessions the patient's search places (its pinned ones are already booked). */
export function sessionsToPlace(model: Model, p: number, domains: Int32Array[][]): number[] {
  const pinned = model.patients[p].existing.filter((e) => e.pinned);
  return domains.map(
    (list, si) =>
      list.length - pinned.filter((e) => e.series === si && e.index <= list.length).length,
  );
}

/**
 * Whether each session of patient q still has a start in `domains` where a
 * room and staff are free, or (group types) an occurrence has a seat for it:
 * the rule of `freeResourceDomains`, so the forward check never cuts a
 * patient who could join a group occurrence.
 */
export function everySessionOpen(
  model: Model,
  state: ResourceState,
  q: number,
  domains: Int32Array[][],
  pinned: Set<number>,
): boolean {
  const proto = model.protocols[model.patients[q].protocol];
  for (const [si, list] of domains.entries()) {
    const st = model.sessionTypes[proto.series[si].sessionType];
    for (let k = 0; k < list.length; k++) {
      if (pinned.has(si * 1000 + k + 1)) continue;
      const dom = list[k];
      let open = false;
      for (let i = 0; i < dom.length && !open; i++) open = startOpen(model, state, st, dom[i], q);
      if (!open) return false;
    }
  }
  return true;
}

function domainSize(domains: Int32Array[][]): number {
  let size = 0;
  for (const list of domains) for (const dom of list) size += dom.length;
  return size;
}

/** The intervals a plan occupies, per resource: what the patients below it see of it. */
function footprint(model: Model, plan: PatientPlan): string {
  const proto = model.protocols[model.patients[plan.patient].protocol];
  const parts: string[] = [];
  for (const s of plan.sessions) {
    if (s.existing?.pinned) continue;
    const st = model.sessionTypes[proto.series[s.series].sessionType];
    if (s.room >= 0 && st.room)
      parts.push(`r${s.room}@${s.start}+${st.duration + st.room.turnover}`);
    st.needs.forEach((need, ni) => {
      for (const person of s.staff[ni])
        parts.push(`s${person}@${s.start + need.offset}+${need.duration}/${need.maxConcurrent}`);
    });
  }
  return parts.sort().join(' ');
}

function copyPlan(plan: PatientPlan): PatientPlan {
  return {
    ...plan,
    sessions: plan.sessions.map((s) => ({ ...s, staff: s.staff.map((x) => [...x]) })),
  };
}
