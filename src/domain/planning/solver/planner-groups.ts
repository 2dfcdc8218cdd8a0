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
import type { Score } from '../format';
import type { Model } from '../model/types';
import type { Occurrence } from './group-occurrences';
import type { PatientPlan } from './patient-plan';
import type { Prng } from './prng';
import type { SearchBudget } from './patient-search';
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
  /** Like insert, within `budget`; with `rng` the search is diversified (group-consolidate). */
  insertWith(p: number, budget: SearchBudget, rng?: Prng): boolean;
  /** Commits a plan found before. */
  restore(plan: PatientPlan): void;
  timeLeft(): boolean;
  /** Whether the plan's score now is no worse than `before` (format score order). */
  notWorse(before: Score): boolean;
  score(): Score;
}

/**
 * Leaves no occurrence below min (see the file comment) and sets the state
 * join-only. Returns the patients left out by it. An occurrence with a
 * pinned participant stays as it is (it cannot be moved). Filling is tried
 * on the occurrences below min, largest first, while time is left and at
 * most FILL_ROUNDS_PER_OCCURRENCE times the number of occurrences; when no
 * filling succeeds, the smallest is dissolved.
 */
export function settleGroups(host: GroupHost): Set<number> {
  const { model, state } = host;
  state.groups.joinOnly = true;
  const handled = new Set<string>();
  const leftOut = new Set<number>();
  /** Occurrences a filling failed for since the plan last changed. */
  const failed = new Set<string>();
  let fills = FILL_ROUNDS_PER_OCCURRENCE * state.groups.size;
  for (;;) {
    const short = shortOccurrences(model, state).filter((o) => !handled.has(o.key));
    if (short.length === 0) break;
    let changed = false;
    const largestFirst = [...short].sort(
      (a, b) => b.participants.size - a.participants.size || a.start - b.start,
    );
    for (const { key } of largestFirst) {
      if (fills <= 0 || !host.timeLeft()) break;
      // A filling before may have emptied and re-created it (restoring a plan): look it up.
      const occ = state.groups.get(key);
      if (!occ || failed.has(key)) continue;
      fills--;
      const r = fill(host, occ);
      if (r === 'none') failed.add(occ.key);
      else {
        failed.clear();
        changed = true;
        break;
      }
    }
    if (changed) continue;
    const occ = state.groups.get(largestFirst[largestFirst.length - 1].key)!;
    handled.add(occ.key);
    failed.clear();
    state.groups.close(occ.key);
    for (const p of [...occ.participants]) {
      host.release(p);
      if (host.insert(p)) leftOut.delete(p);
      else leftOut.add(p);
    }
  }
  return leftOut;
}

/** Filling attempts per occurrence at most (a bound in work). */
const FILL_ROUNDS_PER_OCCURRENCE = 4;

/**
 * Tries to bring `occ` up to min with participants of other occurrences of
 * its session type (those of its day first) that can spare one: above min,
 * or below min themselves. Each is re-planned (joins only) with its own
 * occurrence and the others of that day closed to it, and the move is kept
 * only when it joined `occ` and no other occurrence fell below min. "full":
 * occ reached min; "partial": some moved, not enough; "none": nobody moved.
 */
function fill(host: GroupHost, occ: Occurrence): 'full' | 'partial' | 'none' {
  const { model, state } = host;
  const min = model.sessionTypes[occ.st].group!.min;
  const donors = [...state.groups.all()]
    .filter((o) => o !== occ && o.st === occ.st && o.participants.size !== min)
    .sort(
      (a, b) =>
        Number(a.day !== occ.day) - Number(b.day !== occ.day) ||
        b.participants.size - a.participants.size ||
        a.start - b.start,
    );
  let moved = 0;
  for (const { key } of donors) {
    for (const q of [...(state.groups.get(key)?.participants ?? [])]) {
      if (occ.participants.size >= min) return 'full';
      // Emptied and re-created by a restore: the current object.
      const donor = state.groups.get(key);
      if (!donor || donor.participants.size === min || !host.timeLeft()) break;
      if (!donor.participants.has(q)) continue;
      const old = host.plans[q];
      if (!old || donor.pinned.has(q) || occ.participants.has(q)) continue;
      const before = new Set(shortOccurrences(model, state).map((o) => o.key));
      host.release(q);
      // Only occ stays open on its day (and donor's, when another day).
      const closing = [...state.groups.onDay(occ.st, occ.day), donor].filter(
        (o) => o !== occ && !o.closed,
      );
      for (const o of closing) o.closed = true;
      const placed = host.insert(q);
      for (const o of closing) o.closed = false;
      const kept =
        placed &&
        occ.participants.has(q) &&
        shortOccurrences(model, state).every((o) => before.has(o.key));
      if (kept) {
        moved++;
        continue;
      }
      if (placed) host.release(q);
      host.restore(old);
    }
  }
  if (occ.participants.size >= min) return 'full';
  return moved > 0 ? 'partial' : 'none';
}

/**
 * Fewer occurrences for the same score: each occurrence (no pinned
 * participant) is merged into a larger one of its type and day when all its
 * participants can be re-planned into it (joins only, the day's other
 * occurrences closed to them), no occurrence is left below min and the score
 * is no worse; otherwise nothing changes. Repeats while a merge succeeds
 * and time is left (each removes an occurrence, so it ends).
 */
export function mergeGroups(host: GroupHost): void {
  const { model, state } = host;
  for (let merged = true; merged && host.timeLeft();) {
    merged = false;
    const smallFirst = [...state.groups.all()]
      .filter((o) => o.pinned.size === 0)
      .sort((a, b) => a.participants.size - b.participants.size || a.start - b.start);
    for (const { key } of smallFirst) {
      if (!host.timeLeft()) return;
      const from = state.groups.get(key);
      if (!from || from.pinned.size > 0) continue;
      const max = model.sessionTypes[from.st].group!.max;
      const targets = state.groups
        .onDay(from.st, from.day)
        .filter(
          (o) =>
            o !== from &&
            !o.closed &&
            o.participants.size >= from.participants.size &&
            o.participants.size + from.participants.size <= max,
        )
        .sort((a, b) => b.participants.size - a.participants.size || a.start - b.start)
        .map((o) => o.key);
      if (targets.some((to) => tryMerge(host, key, to))) {
        merged = true;
        break;
      }
    }
  }
}

function tryMerge(host: GroupHost, fromKey: string, toKey: string): boolean {
  const { model, state } = host;
  const from = state.groups.get(fromKey);
  if (!from || !state.groups.get(toKey)) return false;
  const before = host.score();
  const movers = [...from.participants];
  const olds = movers.map((q) => host.plans[q]!);
  for (const q of movers) host.release(q);
  const closing = state.groups.onDay(from.st, from.day).filter((o) => o.key !== toKey && !o.closed);
  for (const o of closing) o.closed = true;
  let ok = true;
  for (const q of movers) {
    if (!host.insert(q) || !state.groups.get(toKey)?.participants.has(q)) {
      ok = false;
      break;
    }
  }
  for (const o of closing) o.closed = false;
  ok = ok && shortOccurrences(model, state).length === 0 && host.notWorse(before);
  if (ok) return true;
  for (const q of movers) if (host.plans[q]) host.release(q);
  for (const plan of olds) host.restore(plan);
  return false;
}
