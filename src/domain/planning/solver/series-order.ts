/**
 * The order in which the search places a protocol's series: rule
 * predecessors first (offset "from" before "to", followUp anchors before
 * targets), and among ready series the most constrained (day rules, gaps,
 * scarce roles, many links) first; unlinked series last.
 */
import type { Model, ProtocolModel } from '../model/types';

export function seriesOrder(
  model: Model,
  proto: ProtocolModel,
  /** Series placed first among ready ones (a patient's keepIfPossible bookings: they then shape the rest). */
  first: ReadonlySet<number> = new Set(),
): number[] {
  const n = proto.series.length;
  const preds: Array<Set<number>> = proto.series.map(() => new Set());
  const degree = new Array<number>(n).fill(0);
  for (const r of proto.offsets) {
    if (r.from.series !== r.to.series && r.min >= 0) preds[r.to.series].add(r.from.series);
    degree[r.from.series] += 2;
    degree[r.to.series] += 2;
  }
  for (const f of proto.followUps) {
    for (const t of f.targets) if (t !== f.anchor) preds[t].add(f.anchor);
    degree[f.anchor] += 2;
    for (const t of f.targets) degree[t] += 1;
  }
  for (const g of proto.notSameDay) for (const s of g) degree[s] += 0.5;
  const priority = (i: number): number => {
    const s = proto.series[i];
    const st = model.sessionTypes[s.sessionType];
    let p = degree[i] * 10 + (first.has(i) ? 1e6 : 0);
    if (s.dayMask !== 0b1111111) p += 5;
    if (s.gapMax !== Infinity) p += 5;
    for (const need of st.needs) p += 20 / Math.max(1, need.candidates.length);
    return p;
  };
  const order: number[] = [];
  const done = new Set<number>();
  while (order.length < n) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (done.has(i)) continue;
      const ready = [...preds[i]].every((p) => done.has(p));
      if (!ready) continue;
      if (best < 0 || priority(i) > priority(best)) best = i;
    }
    if (best < 0) {
      // A cycle of rules: take the highest-priority remaining series.
      for (let i = 0; i < n; i++)
        if (!done.has(i) && (best < 0 || priority(i) > priority(best))) best = i;
    }
    order.push(best);
    done.add(best);
  }
  return order;
}

export interface Step {
  series: number;
  /** 0-based index in the series. */
  k: number;
  /** For a follow-up placed right after its anchor: the followUp rule and the anchor's index. */
  serves?: { rule: number; anchorK: number };
}

/**
 * The search's steps: series in `order`, indices ascending, with each
 * followUp anchor session directly followed by the next session of one of
 * its target series (which, for a one-to-one rule, serves that anchor), so a
 * missing follow-up is found next to the anchor that needs it. Placed
 * (pinned) sessions are skipped.
 */
export function stepOrder(
  proto: ProtocolModel,
  counts: number[],
  order: number[],
  isPlaced: (series: number, k: number) => boolean,
): Step[] {
  const next = counts.map(() => 0);
  const steps: Step[] = [];
  const emit = (si: number, serves?: Step['serves']): boolean => {
    while (next[si] < counts[si] && isPlaced(si, next[si])) next[si]++;
    if (next[si] >= counts[si]) return false;
    steps.push(serves ? { series: si, k: next[si]++, serves } : { series: si, k: next[si]++ });
    return true;
  };
  for (const si of order) {
    while (next[si] < counts[si]) {
      const before = steps.length;
      if (!emit(si)) break;
      const anchorK = steps[before].k;
      proto.followUps.forEach((f, rule) => {
        if (f.anchor !== si) return;
        // One target series with as many sessions as anchors, none pinned: the
        // k-th target serves the k-th anchor in any matching (both in time order).
        const t0 = f.targets[0];
        const oneToOne =
          f.targets.length === 1 &&
          t0 !== si &&
          counts[t0] === counts[si] &&
          ![si, t0].some((x) =>
            Array.from({ length: counts[x] }, (_, k) => isPlaced(x, k)).some(Boolean),
          );
        for (const t of f.targets)
          if (t !== si && emit(t, oneToOne ? { rule, anchorK } : undefined)) break;
      });
    }
  }
  return steps;
}
