/**
 * FollowUp pairs (domains.ts `propagate`). A followUp whose target series
 * together have as many sessions as the anchor series uses every target, and
 * then some matching of anchors to targets exists only if the time-ordered
 * one does (the i-th anchor with the i-th target in time, whatever its
 * series): the windows all have one length, so two crossing pairs can always
 * be uncrossed. The k-th session of a target series has k earlier targets of
 * its own and at most `others` of the other series before it, so it follows
 * one of anchors k … k + others: its starts are narrowed to their windows'
 * hull. With one target series that is the k-th anchor itself, and the
 * anchor is narrowed back to its target like an offset (the converse for
 * several series, each anchor kept to starts whose window holds a target it
 * can be paired with, completed no clinic more: not kept). Without it a target
 * kept starts no anchor window could reach until the matching check failed,
 * at the frontier (docs/benchmarks.md, session 15). Patients with done
 * sessions (format 1.1) are left to the matching.
 */
import type { FollowUpRuleModel } from '../model/types';
import { filter, keepWithin } from './slot-filters';

/** Narrows the paired sessions through `update`; false when one is left without a start. */
export function pairFollowUps(
  T: Int32Array,
  domains: Int32Array[][],
  f: FollowUpRuleModel,
  ad: number,
  update: (si: number, k: number, next: Int32Array) => boolean,
): boolean {
  if (f.targets.includes(f.anchor) || new Set(f.targets).size !== f.targets.length) return true;
  const anchors = domains[f.anchor];
  const n = anchors.length;
  const counts = f.targets.map((t) => domains[t].length);
  if (n === 0 || counts.reduce((a, b) => a + b, 0) !== n) return true;
  for (const [ti, t] of f.targets.entries()) {
    const others = n - counts[ti];
    for (let k = 0; k < counts[ti]; k++) {
      const first = anchors[k];
      const last = anchors[Math.min(k + others, n - 1)];
      if (others === 0) {
        if (!update(t, k, keepWithin(T, domains[t][k], first, ad, -f.max, -f.min))) return false;
        if (!update(f.anchor, k, keepWithin(T, first, domains[t][k], 0, ad + f.min, ad + f.max)))
          return false;
        continue;
      }
      const lo = T[first[0]] + ad + f.min;
      const hi = T[last[last.length - 1]] + ad + f.max;
      if (!update(t, k, filterRange(T, domains[t][k], lo, hi))) return false;
    }
  }
  return true;
}

function filterRange(T: Int32Array, dom: Int32Array, lo: number, hi: number): Int32Array {
  return filter(dom, (i) => T[i] >= lo && T[i] <= hi);
}
