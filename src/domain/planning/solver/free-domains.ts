import type { Model, PatientModel } from '../model/types';
import { canAssign } from './assign';
import type { ResourceState } from './resource-state';
import { dynamicDomains, type PatientDomains } from './domains';

/**
 * A patient's domains narrowed (with propagation) to the starts where each
 * session can still get a room and its staff in the current state; pinned
 * sessions stay as they are.
 */
export function freeResourceDomains(
  model: Model,
  state: ResourceState,
  patient: PatientModel,
  base: Int32Array[][],
): PatientDomains {
  const fixed = new Set(
    patient.existing.filter((e) => e.pinned).map((e) => e.series * 1000 + e.index),
  );
  return dynamicDomains(model, patient, base, fixed, (st, slot) =>
    canAssign(model, state, model.sessionTypes[st], model.slotStart[slot], model.slotDay[slot]),
  );
}
