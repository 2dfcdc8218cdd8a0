/**
 * The frontier search's per-patient state (frontier-search.ts) and what
 * follows for a patient's domains from the frontier's position.
 */
import type { Model } from '../model/types';
import type { ContinuityTracker } from './candidates';
import type { ExclusiveTime } from './exclusive-time';
import { rulesHold } from './follow-up-matching';
import type { PatientContext } from './patient-context';
import type { PatientPlan } from './patient-plan';

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
