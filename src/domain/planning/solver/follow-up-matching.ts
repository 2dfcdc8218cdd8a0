/**
 * Whether every followUp rule of a patient can still be met, given the
 * sessions' current domains: a matching of every anchor session to its own
 * target session must exist, where an anchor and a target may be matched
 * when their domains' time hulls allow the target to start inside the
 * anchor's window. The hulls over-approximate the pairs (and ignore
 * `sameDay`), so a failure is a proof that no completion exists.
 */
import type { Model } from '../model/types';
import { augment } from './matching';
import type { PatientContext } from './patient-context';

export function followUpsMatchable(
  model: Model,
  ctx: PatientContext,
  doms: Int32Array[][],
): boolean {
  const T = model.slotStart;
  for (const f of ctx.proto.followUps) {
    const anchors = doms[f.anchor];
    if (anchors.length === 0) continue;
    const ad = ctx.duration(f.anchor);
    const targets: Array<[number, number]> = [];
    for (const t of f.targets)
      for (const dom of doms[t])
        if (dom.length > 0) targets.push([T[dom[0]], T[dom[dom.length - 1]]]);
    if (targets.length < anchors.length) return false;
    const adj = anchors.map((dom) => {
      const lo = T[dom[0]] + ad + f.min;
      const hi = T[dom[dom.length - 1]] + ad + f.max;
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
