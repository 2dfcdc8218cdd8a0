/**
 * The frontier search's check that every session due soon still has room
 * (frontier-search.ts): the converse of forced uses (forced-uses.ts).
 *
 * A session whose every candidate for a room or a staff need is exclusive
 * (exclusive-time.ts) makes its use of that requirement inside one free
 * piece of one candidate, at a start of its domain; a piece of length L
 * holds at most ⌊L / minUse⌋ uses. So the unplaced sessions whose domains
 * end within `WINDOW_MINUTES` of the frontier need, per requirement, their
 * own place in such pieces: a bipartite b-matching of their uses to pieces
 * (each piece up to its capacity) must cover every use (Hall's condition,
 * checked by augmenting paths). Without it the search learned only at the
 * frontier that patients whose last sessions all need one afternoon's free
 * therapy rooms cannot all have them (tuning seed 12: four final
 * integrations, three free room windows left that day, found out two days
 * later, after every order of the placements before; docs/benchmarks.md,
 * session 15).
 *
 * Sound: each use counted is one a complete schedule must make (all its
 * candidates exclusive), in a piece it must lie in, and capacities only
 * over-count; sessions not yet due are left out, which only relaxes.
 */
import type { Model } from '../model/types';
import type { Exclusive, ExclusiveTime } from './exclusive-time';
import type { PatientRun } from './frontier-run';
import { placedCount } from './frontier-run';

/**
 * Minutes after the frontier within which a session's domain must end for it to be matched:
 * with two days tuning seed 12's final integrations (domains ending 50 h ahead) were left
 * out; with seven the check costs more nodes than it saves (docs/benchmarks.md, session 15).
 */
export const WINDOW_MINUTES = 3 * 24 * 60;

/** One use a due session must make: the pieces it may lie in (see `PieceMatching.capacity`). */
type Use = number[];

export class PieceMatching {
  private readonly position = new Map<Exclusive, number>();
  /**
   * Per piece met in this check, keyed by its start × (number of exclusive resources) + its
   * resource's position (exact: epoch minutes × resources stays far below 2^53): how many
   * uses it holds.
   */
  private readonly capacity = new Map<number, number>();

  constructor(
    private readonly model: Model,
    private readonly time: ExclusiveTime,
  ) {
    time.list.forEach((ex, i) => this.position.set(ex, i));
  }

  /** Whether every use of the sessions due within the window after t can have its own place. */
  feasible(runs: readonly PatientRun[], t: number): boolean {
    this.capacity.clear();
    const uses = this.uses(runs, t + WINDOW_MINUTES);
    if (uses.length === 0) return true;
    const holders = new Map<number, number[]>();
    const augment = (u: number, seen: Set<number>): boolean => {
      for (const piece of uses[u]) {
        if (seen.has(piece)) continue;
        seen.add(piece);
        let list = holders.get(piece);
        if (!list) holders.set(piece, (list = []));
        if (list.length < this.capacity.get(piece)!) {
          list.push(u);
          return true;
        }
        for (let i = 0; i < list.length; i++)
          if (augment(list[i], seen)) {
            list[i] = u;
            return true;
          }
      }
      return false;
    };
    for (let u = 0; u < uses.length; u++) if (!augment(u, new Set())) return false;
    return true;
  }

  /** The uses of the sessions whose domains end before `until`, each with the pieces it may lie in. */
  private uses(runs: readonly PatientRun[], until: number): Use[] {
    const { model, time } = this;
    const out: Use[] = [];
    for (const run of runs) {
      if (run.left === 0) continue;
      for (const series of run.ctx.proto.series) {
        const st = model.sessionTypes[series.sessionType];
        const reqs = time.exclusiveUses(st);
        if (reqs.length === 0) continue;
        const list = run.doms[series.index];
        for (let k = placedCount(run, series.index); k < list.length; k++) {
          const dom = list[k];
          if (model.slotStart[dom[dom.length - 1]] >= until) break;
          for (const req of reqs) {
            const pieces: number[] = [];
            for (const ex of req.candidates)
              this.piecesFor(ex, dom, req.offset, req.length, pieces);
            if (pieces.length === 0) return [[]];
            for (let c = 0; c < req.count; c++) out.push(pieces);
          }
        }
      }
    }
    return out;
  }

  /** Adds to `out` the free pieces of ex that hold [s + offset, s + offset + length) for a start s of dom. */
  private piecesFor(ex: Exclusive, dom: Int32Array, offset: number, length: number, out: number[]) {
    const { free } = ex;
    const starts = this.model.slotStart;
    const position = this.position.get(ex)!;
    const last = starts[dom[dom.length - 1]] + offset;
    // The first piece that ends late enough for the earliest start (pieces are sorted, disjoint).
    let lo = 0;
    let hi = free.length >> 1;
    const earliestEnd = starts[dom[0]] + offset + length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (free[2 * mid + 1] < earliestEnd) lo = mid + 1;
      else hi = mid;
    }
    let j = 0;
    for (let i = 2 * lo; i < free.length && j < dom.length && free[i] <= last; i += 2) {
      const [a, b] = [free[i], free[i + 1]];
      while (j < dom.length && starts[dom[j]] + offset < a) j++;
      if (j < dom.length && starts[dom[j]] + offset + length <= b) {
        const key = a * this.time.list.length + position;
        this.capacity.set(key, Math.floor((b - a) / ex.minUse));
        out.push(key);
      }
    }
  }
}
