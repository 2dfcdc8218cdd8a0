/**
 * Whether every followUp rule of a patient can still be met, given the
 * sessions' current domains: a matching of every anchor session to its own
 * target session must exist, where an anchor and a target may be matched
 * when their domains' time hulls allow the target to start inside the
 * anchor's window. The hulls over-approximate the pairs (and ignore
 * `sameDay`), so a failure is a proof that no completion exists.
 */
import type { Model } from '../model/types';
import { propagate } from './domains';
import { augment } from './matching';
import type { PatientContext } from './patient-context';

export function followUpsMatchable(
  model: Model,
  ctx: PatientContext,
  doms: Int32Array[][],
): boolean {
  const T = model.slotStart;
  for (const f of ctx.proto.followUps) {
    const ad = ctx.duration(f.anchor);
    // Start hulls; a done session (format 1.1) is a hull of one instant.
    const anchors: Array<[number, number]> = [];
    const targets: Array<[number, number]> = [];
    for (const d of ctx.done) {
      if (d.series === f.anchor) anchors.push([d.start, d.start]);
      if (f.targets.includes(d.series)) targets.push([d.start, d.start]);
    }
    for (const dom of doms[f.anchor]) {
      if (dom.length === 0) return false;
      anchors.push([T[dom[0]], T[dom[dom.length - 1]]]);
    }
    if (anchors.length === 0) continue;
    for (const t of f.targets)
      for (const dom of doms[t])
        if (dom.length > 0) targets.push([T[dom[0]], T[dom[dom.length - 1]]]);
    if (targets.length < anchors.length) return false;
    const adj = anchors.map(([first, last]) => {
      const lo = first + ad + f.min;
      const hi = last + ad + f.max;
      const out: number[] = [];
      targets.forEach(([a, b], ti) => {
        if (b >= lo && a <= hi) out.push(ti);
      });
      return out;
    });
    const matchOf = new Int32Array(targets.length).fill(-1);
    for (let a = 0; a < anchors.length; a++) {
      if (!augment(adj, matchOf, a)) return false;
    }
  }
  return true;
}

/**
 * Propagates the patient's rules over the domains (in place), then checks
 * that its followUps can still be matched: false proves that no completion
 * of these domains exists.
 */
export function rulesHold(model: Model, ctx: PatientContext, doms: Int32Array[][]): boolean {
  return !propagate(model, ctx.patient, doms) && followUpsMatchable(model, ctx, doms);
}
