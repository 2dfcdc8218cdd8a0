/**
 * The frontier search's per-patient state (frontier-search.ts) and what
 * follows for a patient's domains from the frontier's position
 * (`trimToFrontier`) and from a placement of its own (`narrowAfter`).
 */
import type { Model } from '../model/types';
import type { ContinuityTracker } from './candidates';
import type { ExclusiveTime } from './exclusive-time';
import { rulesHold } from './follow-up-matching';
import type { PatientContext } from './patient-context';
import type { PatientPlan, PlacedSession } from './patient-plan';
import { canAssign } from './assign';
import { personUsable } from './frontier-choices';
import { boundUses, type BoundUse } from './required-continuity';
import type { ResourceState } from './resource-state';

export type Domains = Int32Array[][];

export interface PatientRun {
  index: number;
  ctx: PatientContext;
  continuity: ContinuityTracker;
  doms: Domains;
  left: number;
}

/**
 * Drops from every patient's next sessions the starts whose exclusive uses
 * would lie before t (all exclusive time before t is decided) and
 * propagates the patient's rules; the undo, or null when a patient can no
 * longer be completed.
 */
export function trimToFrontier(
  model: Model,
  time: ExclusiveTime,
  runs: readonly PatientRun[],
  t: number,
): (() => void) | null {
  const changed: Array<[PatientRun, Domains]> = [];
  const undo = () => {
    for (const [run, doms] of changed) run.doms = doms;
  };
  for (const run of runs) {
    if (run.left === 0) continue;
    let out: Domains | null = null;
    for (const series of run.ctx.proto.series) {
      const k = placedCount(run, series.index);
      if (k >= run.doms[series.index].length) continue;
      const off = time.earliestOffset(model.sessionTypes[series.sessionType]);
      if (off === Infinity) continue;
      const dom = run.doms[series.index][k];
      if (model.slotStart[dom[0]] + off >= t) continue;
      out ??= run.doms.map((list) => list.slice());
      const kept = dom.filter((slot) => model.slotStart[slot] + off >= t);
      if (kept.length === 0) {
        undo();
        return null;
      }
      out[series.index][k] = kept;
    }
    if (!out) continue;
    if (!rulesHold(model, run.ctx, out)) {
      undo();
      return null;
    }
    changed.push([run, run.doms]);
    run.doms = out;
  }
  return undo;
}

/** How many sessions of series si the patient has placed (they are placed in order). */
export function placedCount(run: PatientRun, si: number): number {
  const placed = run.ctx.placed[si];
  let k = 0;
  while (k < placed.length && placed[k]) k++;
  return k;
}

/** The patient's placed sessions as a plan (copied: the search goes on changing its own). */
export function planOf(run: PatientRun): PatientPlan {
  const sessions = run.ctx.list.map((p) => ({ ...p, staff: p.staff.map((x) => [...x]) }));
  return {
    patient: run.index,
    sessions,
    moved: 0,
    breaks: run.continuity.breaks(),
    lastDay: sessions.reduce((m, s) => Math.max(m, s.day), -Infinity),
  };
}

/** Whether a session of series si could start at slot for the patient, in the resource state now. */
export function slotFree(
  model: Model,
  state: ResourceState,
  run: PatientRun,
  si: number,
  slot: number,
): boolean {
  const st = model.sessionTypes[run.ctx.proto.series[si].sessionType];
  return canAssign(model, state, st, model.slotStart[slot], model.slotDay[slot]);
}

/** Days after a placement's day beyond which the branch has not changed any room or person. */
const UNCHANGED_AFTER_DAYS = 2;

/**
 * The patient's domains after `placed` (already in the state): its own fixed, the others
 * filtered and propagated; null when some session is left without a start.
 */
export function narrowAfter(
  model: Model,
  state: ResourceState,
  time: ExclusiveTime,
  run: PatientRun,
  placed: PlacedSession,
): Domains | null {
  const out = run.doms.map((list) => list.slice());
  out[placed.series][placed.index - 1] = Int32Array.from([placed.slot]);
  // Every session on the branch starts at or before the frontier, which lies inside this
  // session (within its patient day): rooms and people are unchanged after the next day (a
  // room's turnover may run past midnight) since the patient's slots were last checked against
  // them (at the root or at its last placement), so only the slots' patient rules need checking
  // there. The same domains as checking every slot, at a fraction of the work. (A turnover of
  // more than a day could leave a slot here that is no longer free: a weaker cut, never a wrong
  // placement, since every move is checked against the rooms and people when it is made.)
  const untouchedAfter = placed.day + UNCHANGED_AFTER_DAYS;
  for (const [si, list] of out.entries()) {
    // A person required continuity binds the series to: free at every start kept, on any day
    // (the binding is new on this branch, so the root's check of these slots did not see it).
    const bound = boundUses(model, run.ctx, si);
    for (let k = 0; k < list.length; k++) {
      if (run.ctx.placed[si][k]) continue;
      const kept = list[k].filter((slot) => {
        const day = model.slotDay[slot];
        const start = model.slotStart[slot];
        if (!run.ctx.fits(si, k, start, day)) return false;
        if (bound.length > 0 && !boundFree(state, time, bound, start, day)) return false;
        return day > untouchedAfter || slotFree(model, state, run, si, slot);
      });
      if (kept.length === 0) return null;
      list[k] = kept;
    }
  }
  return rulesHold(model, run.ctx, out) ? out : null;
}

/** Whether every bound person is free for their use of a session starting at `start`. */
function boundFree(
  state: ResourceState,
  time: ExclusiveTime,
  bound: readonly BoundUse[],
  start: number,
  day: number,
): boolean {
  return bound.every((use) => {
    const s = start + use.offset;
    const e = s + use.duration;
    return personUsable(state, time, use.person, s, e, use.maxConcurrent, day);
  });
}
