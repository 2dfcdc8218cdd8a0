/**
 * Edited copies of a compiled model, for reasons and suggestions: the same
 * clinic with resources ignored, with one more (virtual) person or room, with
 * a protocol or a patient's window changed. The original model is never
 * touched; an edited one shares every part it does not change, and gets new
 * session-type objects whenever their resources change (the assignment cache
 * is keyed by session type).
 */
import { covers, normalize, type IntervalList } from '../model/intervals';
import { patientDayBounds } from './domains';
import type { Model, PatientModel, ProtocolModel, SessionTypeModel } from '../model/types';

/** Whether the session type's room and staff exist (ignoring other bookings) for a start at instant t. */
function resourcesExist(model: Model, st: SessionTypeModel, t: number): boolean {
  if (st.room) {
    const end = t + st.duration + st.room.turnover;
    if (!st.room.candidates.some((r) => covers(model.rooms[r].free, t, end))) return false;
  }
  for (const n of st.needs) {
    let free = 0;
    for (const p of n.candidates) {
      if (covers(model.staff[p].free, t + n.offset, t + n.offset + n.duration)) free++;
      if (free >= n.count) break;
    }
    if (free < n.count) return false;
  }
  return true;
}

/**
 * `staticOk` of a session type from the model's staff and rooms, as
 * compileModel computes it (a room with the features free for the session and
 * its turnover, `count` people per requirement free for their interval).
 * With `patient`, only the starts inside its window and patient day (the only
 * ones its domains use) are computed; other slots, and slots already set,
 * keep their value in `known` (computed with fewer resources).
 */
export function staticOkOf(
  model: Model,
  st: SessionTypeModel,
  known: Uint8Array,
  patient?: PatientModel,
): Uint8Array {
  const ok = Uint8Array.from(known);
  if (!patient) {
    for (let i = 0; i < ok.length; i++)
      if (!ok[i] && resourcesExist(model, st, model.slotStart[i])) ok[i] = 1;
    return ok;
  }
  const bounds = patientDayBounds(model, model.protocols[patient.protocol]);
  for (let d = patient.firstDay; d <= patient.lastDay; d++)
    for (let i = model.daySlot[d]; i < model.daySlot[d + 1]; i++) {
      const t = model.slotStart[i];
      if (ok[i] || t < bounds[2 * d] || t + st.duration > bounds[2 * d + 1]) continue;
      if (resourcesExist(model, st, t)) ok[i] = 1;
    }
  return ok;
}

/** The model with every session type's resources ignored (staticOk all set): the patients' own rules only. */
export function ignoringResources(model: Model): Model {
  return {
    ...model,
    sessionTypes: model.sessionTypes.map((st) => ({
      ...st,
      staticOk: new Uint8Array(model.slotStart.length).fill(1),
    })),
  };
}

/** Local midnight of the first day to local midnight after the last: every instant of the horizon. */
export function wholeHorizon(model: Model): IntervalList {
  return [model.dayStartAt[0], model.dayStartAt[model.numDays]];
}

/**
 * Clinic hours: when some staff member is free (the union of everyone's free
 * time); in a clinic without staff, when some room is free; the whole
 * horizon in a clinic with neither. An added resource free then is used at
 * times the clinic works (not at midnight because nobody's hours say so).
 */
export function clinicHours(model: Model): IntervalList {
  const resources = model.staff.length > 0 ? model.staff : model.rooms;
  if (resources.length === 0) return wholeHorizon(model);
  const pairs: Array<[number, number]> = [];
  for (const x of resources)
    for (let i = 0; i < x.free.length; i += 2) pairs.push([x.free[i], x.free[i + 1]]);
  return normalize(pairs);
}

/** A resource kind a session may lack: a staff role, or a room with a set of features. */
export type ResourceKind = { type: 'role'; role: string } | { type: 'room'; features: string[] };

export function kindKey(kind: ResourceKind): string {
  return kind.type === 'role' ? `role:${kind.role}` : `room:${[...kind.features].sort().join(',')}`;
}

export function kindLabel(kind: ResourceKind): string {
  if (kind.type === 'role') return `role ${kind.role}`;
  return kind.features.length > 0 ? `a room with ${kind.features.join(', ')}` : 'a room';
}

/** The resource kinds the sessions of a patient's protocol use, in series order. */
export function kindsOf(model: Model, patient: PatientModel): ResourceKind[] {
  const proto = model.protocols[patient.protocol];
  const seen = new Map<string, ResourceKind>();
  for (const s of proto.series) {
    if (patient.counts[s.index] === 0) continue;
    const st = model.sessionTypes[s.sessionType];
    if (st.room) {
      const kind: ResourceKind = { type: 'room', features: [...st.room.features] };
      if (!seen.has(kindKey(kind))) seen.set(kindKey(kind), kind);
    }
    for (const n of st.needs) {
      const kind: ResourceKind = { type: 'role', role: n.role };
      if (!seen.has(kindKey(kind))) seen.set(kindKey(kind), kind);
    }
  }
  return [...seen.values()];
}

/** Index of the first added resource in an edited model (staff or rooms by kind). */
export interface ExtraResources {
  model: Model;
  /** Staff (role kinds) or room (room kinds) indices from which resources are added ones. */
  firstStaff: number;
  firstRoom: number;
}

/**
 * The model with added resources of the given kinds, each free during
 * `free`: for a role, as many people as the largest `count` of a requirement
 * for it (no daily limits); for a room kind, one room with exactly those
 * features and capacity 1 (`times` times as many people, and that capacity).
 * Added resources come last, so first-fit prefers the clinic's own. With
 * `patient`, made for that patient: `staticOk` is
 * recomputed only for its protocol's session types and inside its window, so
 * the edited model serves its domains and search (and everyone's resource
 * state); without, for everyone.
 */
export function withExtraResources(
  model: Model,
  kinds: ResourceKind[],
  free: IntervalList,
  patient?: PatientModel,
  /** Added people per requirement's count, and the added rooms' capacity (both 1: one more). */
  times = 1,
): ExtraResources {
  const staff = [...model.staff];
  const rooms = [...model.rooms];
  for (const kind of kinds) {
    if (kind.type === 'role') {
      let copies = 1;
      for (const st of model.sessionTypes)
        for (const n of st.needs) if (n.role === kind.role) copies = Math.max(copies, n.count);
      copies *= times;
      for (let c = 0; c < copies; c++)
        staff.push({
          index: staff.length,
          id: `extra-${kind.role}${copies > 1 ? `-${c + 1}` : ''}`,
          roles: new Set([kind.role]),
          free,
          maxSessionsPerDay: Infinity,
          maxMinutesPerDay: Infinity,
        });
    } else {
      rooms.push({
        index: rooms.length,
        id: 'extra-room',
        features: new Set(kind.features),
        capacity: times,
        free,
      });
    }
  }
  const edited: Model = { ...model, staff, rooms };
  const used = new Set(
    (patient ? [model.protocols[patient.protocol]] : model.protocols).flatMap((proto) =>
      proto.series.map((s) => s.sessionType),
    ),
  );
  edited.sessionTypes = model.sessionTypes.map((st) => {
    const room = st.room
      ? {
          ...st.room,
          candidates: rooms
            .filter((r) => st.room!.features.every((f) => r.features.has(f)))
            .map((r) => r.index),
        }
      : null;
    const needs = st.needs.map((n) => ({
      ...n,
      candidates: staff.filter((p) => p.roles.has(n.role)).map((p) => p.index),
    }));
    const next: SessionTypeModel = { ...st, room, needs };
    const changed =
      (room && room.candidates.length !== st.room!.candidates.length) ||
      needs.some((n, i) => n.candidates.length !== st.needs[i].candidates.length);
    return changed && used.has(st.index)
      ? {
          ...next,
          staticOk: staticOkOf(edited, next, st.staticOk, patient),
        }
      : next;
  });
  return { model: edited, firstStaff: model.staff.length, firstRoom: model.rooms.length };
}

/** The model with protocol `proto` replaced (same index). */
export function withProtocol(model: Model, proto: ProtocolModel): Model {
  return { ...model, protocols: model.protocols.map((p) => (p.index === proto.index ? proto : p)) };
}

/** The model with patient `patient` replaced (same index). */
export function withPatient(model: Model, patient: PatientModel): Model {
  return {
    ...model,
    patients: model.patients.map((p) => (p.index === patient.index ? patient : p)),
  };
}
