/**
 * A lower bound on a partial patient plan's last session: every unplaced
 * session is pushed to its earliest domain slot respecting the series chain
 * (gaps), offsets from already projected points, followUps (a target after
 * the last anchor) and the minimum span. Returns -1 when a chain cannot be
 * completed at all (the partial plan is dead).
 */
import type { Model } from '../model/types';
import { patientOffsets } from './course';
import type { PatientContext } from './patient-context';

function firstAtOrAfter(model: Model, dom: Int32Array, t: number): number {
  let lo = 0;
  let hi = dom.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.slotStart[dom[mid]] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo < dom.length ? model.slotStart[dom[lo]] : Infinity;
}

export interface Projector {
  /** Earliest possible day index of the last session, or -1 if the partial plan cannot be completed. */
  lastDayBound(): number;
}

export function makeProjector(
  model: Model,
  ctx: PatientContext,
  domains: Int32Array[][],
  order: number[],
  steps: (si: number) => number,
): Projector {
  const proto = ctx.proto;
  const counts = ctx.patient.counts;
  const proj: Float64Array[] = proto.series.map((_, si) => new Float64Array(counts[si]));
  const done = new Uint8Array(proto.series.length);
  const targetSlots = proto.followUps.map((f) => {
    const all: number[] = [];
    for (const t of f.targets) for (const d of domains[t]) for (const i of d) all.push(i);
    return Int32Array.from(new Set(all)).sort();
  });
  // Offsets between new sessions (those naming a done session narrowed the domains).
  const links = patientOffsets(model, ctx.patient).links;
  const incoming = proto.series.map((_, si) =>
    links.filter((r) => r.to.series === si && r.min > -Infinity),
  );
  const doneFirstDay = ctx.done.length > 0 ? ctx.done[0].day : Infinity;
  return {
    lastDayBound(): number {
      done.fill(0);
      let latest = -Infinity;
      let earliestFirst = Infinity;
      for (const si of order) {
        const row = ctx.placed[si];
        const p = proj[si];
        const step = steps(si);
        // Sessions of one series on one day are consecutive: cap them per day.
        let curDay = -1;
        let onDay = 0;
        const count = (t: number) => {
          const d = dayOf(model, t);
          if (d === curDay) onDay++;
          else {
            curDay = d;
            onDay = 1;
          }
        };
        for (let k = 0; k < row.length; k++) {
          const placed = row[k];
          if (placed) {
            p[k] = placed.start;
            count(placed.start);
            continue;
          }
          let lo = k > 0 ? p[k - 1] + step : -Infinity;
          for (const r of incoming[si]) {
            if (r.to.k !== k) continue;
            const fk = r.from.k;
            if (r.from.series === si ? fk >= k : !done[r.from.series]) continue;
            const fromPoint = proj[r.from.series][fk] + r.fShift;
            if (!Number.isFinite(fromPoint)) continue;
            lo = Math.max(lo, fromPoint + r.min - r.tShift);
          }
          let t = firstAtOrAfter(model, domains[si][k], lo);
          while (t !== Infinity && onDay >= proto.maxSessionsPerDay && dayOf(model, t) === curDay)
            t = firstAtOrAfter(model, domains[si][k], model.dayStartAt[curDay + 1]);
          if (t === Infinity) return -1;
          p[k] = t;
          count(t);
        }
        done[si] = 1;
        if (row.length > 0) {
          latest = Math.max(latest, p[row.length - 1]);
          earliestFirst = Math.min(earliestFirst, p[0]);
        }
      }
      for (const [fi, f] of proto.followUps.entries()) {
        const n = counts[f.anchor];
        if (n === 0) continue;
        const lastAnchorEnd = proj[f.anchor][n - 1] + ctx.duration(f.anchor);
        const t = firstAtOrAfter(model, targetSlots[fi], lastAnchorEnd + f.min);
        if (t === Infinity) return -1;
        latest = Math.max(latest, t);
      }
      let day = dayOf(model, latest);
      // The span counts from the first session, done ones included (they come first;
      // their day may lie before the horizon).
      if (proto.spanMin > 1) {
        const first = Math.min(
          earliestFirst < Infinity ? dayOf(model, earliestFirst) : Infinity,
          doneFirstDay,
        );
        if (first < Infinity) day = Math.max(day, first + proto.spanMin - 1);
      }
      return day;
    },
  };
}

function dayOf(model: Model, t: number): number {
  const starts = model.dayStartAt;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}
