/**
 * Group occurrences at the level of the whole plan: which patients sit in an
 * occurrence below its `group.min` (the planner counts them as not
 * scheduled: such a plan is not valid yet), and the settling at the end of
 * the search that leaves no occurrence below min.
 *
 * Settling: from then on no search may open an occurrence that would stay
 * below min (`joinOnly`). Each occurrence below min, smallest first, is
 * first filled from occurrences of its type above min (a participant moved
 * over when its rules allow and nothing else falls below min); else it is
 * closed (nobody may join it) and its participants are re-planned one by one
 * against everyone else: their other sessions may keep their seats, but
 * every group session must now join an occurrence that exists. A participant
 * that cannot is left out (the reasons say why). Leaving out a patient may
 * bring another occurrence below min (again). The loop ends: no occurrence
 * of a type with min > 1 is opened any more, each dissolving removes one,
 * and each filling leaves fewer occurrences below min and no new one.
 */
import type { Model } from '../model/types';
import type { Occurrence } from './group-occurrences';
import type { PatientPlan } from './patient-plan';
import type { ResourceState } from './resource-state';

/**
 * The occurrences with fewer participants than their session type's
 * `group.min` and no pinned participant (one with a pinned booking stays
 * below min only when nobody can join it: no plan can change that).
 */
export function shortOccurrences(model: Model, state: ResourceState): Occurrence[] {
  const out: Occurrence[] = [];
  for (const occ of state.groups.all()) {
    const group = model.sessionTypes[occ.st].group;
    if (group && occ.participants.size < group.min && occ.pinned.size === 0) out.push(occ);
  }
  return out;
}

/** Patients with a session in an occurrence below min (see shortOccurrences). */
export function patientsInShortOccurrences(model: Model, state: ResourceState): Set<number> {
  const out = new Set<number>();
  for (const occ of shortOccurrences(model, state)) for (const p of occ.participants) out.add(p);
  return out;
}

export interface GroupHost {
  model: Model;
  state: ResourceState;
  plans: ReadonlyArray<PatientPlan | null>;
  /** Removes patient p's plan from the state. */
  release(p: number): void;
  /** Searches and commits a plan for p against the state; whether one was found. */
  insert(p: number): boolean;
  /** Commits a plan found before. */
  restore(plan: PatientPlan): void;
}

/**
 * Leaves no occurrence below min (see the file comment) and sets the state
 * join-only. Returns the patients left out by it. An occurrence with a
 * pinned participant stays as it is (it cannot be moved).
 */
export function settleGroups(host: GroupHost): Set<number> {
  const { model, state } = host;
  state.groups.joinOnly = true;
  const handled = new Set<string>();
  const leftOut = new Set<number>();
  for (;;) {
    const short = shortOccurrences(model, state)
      .filter((o) => !handled.has(o.key))
      .sort((a, b) => a.participants.size - b.participants.size || a.start - b.start);
    if (short.length === 0) break;
    const occ = short[0];
    if (fill(host, occ)) continue;
    handled.add(occ.key);
    state.groups.close(occ.key);
    for (const p of [...occ.participants]) {
      host.release(p);
      if (host.insert(p)) leftOut.delete(p);
      else leftOut.add(p);
    }
  }
  return leftOut;
}

/**
 * Tries to bring `occ` up to min with participants of occurrences of the same
 * session type above min: each such participant is re-planned with its own
 * occurrence closed to it (joins only), and the move is kept only when it
 * joined `occ` and no other occurrence fell below min. Whether occ reached min.
 */
function fill(host: GroupHost, occ: Occurrence): boolean {
  const { model, state } = host;
  const min = model.sessionTypes[occ.st].group!.min;
  const donors = [...state.groups.all()].filter(
    (o) => o !== occ && o.st === occ.st && o.participants.size > min,
  );
  for (const donor of donors) {
    for (const q of [...donor.participants]) {
      if (occ.participants.size >= min) return true;
      if (donor.participants.size <= min) break;
      const old = host.plans[q];
      if (!old || donor.pinned.has(q) || occ.participants.has(q)) continue;
      const before = new Set(shortOccurrences(model, state).map((o) => o.key));
      host.release(q);
      donor.closed = true;
      const placed = host.insert(q);
      donor.closed = false;
      const kept =
        placed &&
        occ.participants.has(q) &&
        shortOccurrences(model, state).every((o) => before.has(o.key));
      if (kept) continue;
      if (placed) host.release(q);
      host.restore(old);
    }
  }
  return occ.participants.size >= min;
}
