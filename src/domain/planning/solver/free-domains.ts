import type { Model, PatientModel, SessionTypeModel } from '../model/types';
import { canAssign } from './assign';
import { seatsAt } from './group-occurrences';
import type { ResourceState } from './resource-state';
import { dynamicDomains, type PatientDomains } from './domains';

/**
 * A patient's domains narrowed (with propagation) to the starts where each
 * session can still get a room and its staff in the current state, or join
 * a group occurrence with a free seat; pinned
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
    startOpen(model, state, model.sessionTypes[st], slot, patient.index),
  );
}

/**
 * Whether a session of type `type` of patient p could start at `slot` in the
 * state: a room and its staff are free (and a new occurrence may open), or,
 * for group types, an occurrence there has a seat (it needs no free room or
 * staff).
 */
export function startOpen(
  model: Model,
  state: ResourceState,
  type: SessionTypeModel,
  slot: number,
  p: number,
): boolean {
  if (type.group && seatsAt(model, state.groups, type.index, slot, p).length > 0) return true;
  if (!state.groups.mayOpen(type, model.slotDay[slot])) return false;
  return canAssign(model, state, type, model.slotStart[slot], model.slotDay[slot]);
}
