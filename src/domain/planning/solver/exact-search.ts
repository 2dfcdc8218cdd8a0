/**
 * Complete search for one patient against a fixed resource state (everyone
 * else's sessions, bookings and busy times as they are): finds a plan
 * whenever one exists, or proves that none does, unless a limit stops it.
 */
import type { Model } from '../model/types';
import type { PatientPlan } from './patient-plan';
import type { ResourceState } from './resource-state';
import { searchPatient } from './patient-search';

/** found: `plan` is set; infeasible: proven that no plan exists; limit: the search stopped on a limit. */
export type ExactOutcome = 'found' | 'infeasible' | 'limit';

export interface ExactResult {
  plan: PatientPlan | null;
  outcome: ExactOutcome;
  nodes: number;
}

export interface ExactLimits {
  nodeLimit: number;
  /** Clock value after which the search stops (outcome "limit"). */
  deadline?: number;
  clock?: () => number;
}

/** Placeholder until the complete search lands: never claims a proof. */
export function exactPatientSearch(
  model: Model,
  state: ResourceState,
  patientIndex: number,
  domains: Int32Array[][],
  limits: ExactLimits,
): ExactResult {
  const r = searchPatient(model, state, patientIndex, domains, {
    nodes: limits.nodeLimit,
    improveNodes: 0,
  });
  return { plan: r.plan, outcome: r.plan ? 'found' : 'limit', nodes: r.nodes };
}
