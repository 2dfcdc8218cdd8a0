/**
 * Depth-first search with branch and bound over one patient's sessions,
 * against the current resource state: sessions in series order (see
 * series-order), candidate starts from the propagated domains, a few
 * candidates per day (earliest and latest feasible, per continuity person),
 * kept bookings tried first. Minimises (moves, continuity breaks, last day)
 * within a node budget.
 */
import type { Model, ProtocolModel } from '../model/types';
import { CandidateSource, ContinuityTracker, sameAssignment, type Candidate } from './candidates';
import { PatientContext } from './patient-context';
import {
  keyLess,
  newBookingId,
  occupySession,
  releaseSession,
  type PatientPlan,
  type PlacedSession,
} from './patient-plan';
import type { ResourceState } from './resource-state';
import { seriesOrder, stepOrder } from './series-order';
import { minStep } from './domains';
import { makeProjector } from './projection';
import type { Prng } from './prng';
import { dayOfInstant, lowerBound } from './slots';
import { occurrenceOf } from './group-occurrences';

export { dayOfInstant, lowerBound };

export interface SearchBudget {
  /** Node limit before a first solution. */
  nodes: number;
  /** Further nodes spent improving after the first solution. */
  improveNodes: number;
  /** Pack (first fit people and rooms, continuity preferences ignored): for filling a clinic. */
  packing?: boolean;
  /**
   * Nodes of the complete search (exact-search) when this search finds no
   * plan (its per-day candidate thinning may miss one); 0 or absent: none.
   */
  exactNodes?: number;
  /** The complete search gets more nodes the fewer patients the problem has (see planner). */
  exactScales?: boolean;
}

export interface SearchResult {
  plan: PatientPlan | null;
  /** The search space (with its per-day candidate thinning) was fully explored. */
  exhausted: boolean;
  nodes: number;
  /** Lower bound on the last session's day before any choice (-1: no completion possible). */
  rootBound: number;
}

export function searchPatient(
  model: Model,
  state: ResourceState,
  patientIndex: number,
  domains: Int32Array[][],
  budget: SearchBudget,
  /** When given, candidates are diversified (a random extra start per day, random orders). */
  rng: Prng | null = null,
): SearchResult {
  const patient = model.patients[patientIndex];
  const ctx = new PatientContext(model, patient);
  const proto = ctx.proto;
  const T = model.slotStart;

  // Pinned sessions are already in the resource state.
  ctx.placePinned();
  const kept = new Map<number, (typeof patient.existing)[number]>();
  for (const e of patient.existing) if (!e.pinned) kept.set(e.series * 1000 + e.index, e);
  let droppedKept = 0;
  for (const e of patient.existing)
    if (!e.pinned && e.index > patient.counts[e.series]) droppedKept++;

  const order = seriesOrder(model, proto, new Set([...kept.values()].map((e) => e.series)));
  const projector = makeProjector(model, ctx, domains, order, (si) => minStep(model, proto, si));
  const rootBound = projector.lastDayBound();
  const steps = stepOrder(proto, patient.counts, order, (si, k) => ctx.placed[si][k] !== null);

  let nodes = 0;
  let limit = budget.nodes;
  let best: PatientPlan | null = null;
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  let moved = droppedKept;
  const continuity = new ContinuityTracker(model, proto);
  for (const p of [...ctx.done, ...ctx.list]) continuity.add(p.series, p.staff, 1);
  const candidates = new CandidateSource(model, state, ctx, continuity);
  const breaks = () => continuity.breaks();
  const lastDay = () => ctx.list.reduce((m, p) => Math.max(m, p.day), -Infinity);

  // Conflict-directed backjumping: confl[i] collects the levels whose choices
  // explain why level i's candidates failed; a dead end jumps to the deepest.
  const levelOf = proto.series.map((_, si) => new Int32Array(patient.counts[si]).fill(-1));
  const confl = steps.map(() => new Uint8Array(steps.length));
  const linked = proto.series.map((_, si) => linkedSeries(proto, si));
  const addAllBelow = (set: Uint8Array, i: number) => set.fill(1, 0, i);
  const addDirectCulprits = (set: Uint8Array, si: number, dLo: number, dHi: number) => {
    let minDay = Infinity;
    let maxDay = -Infinity;
    for (const p of ctx.list) {
      minDay = Math.min(minDay, p.day);
      maxDay = Math.max(maxDay, p.day);
    }
    for (const p of ctx.list) {
      const lvl = levelOf[p.series][p.index - 1];
      if (lvl < 0) continue;
      if (
        linked[si].has(p.series) ||
        (p.day >= dLo - 1 && p.day <= dHi + 1) ||
        p.day === minDay ||
        p.day === maxDay
      )
        set[lvl] = 1;
    }
  };
  const followUpCulprits = (set: Uint8Array, si: number) => {
    for (const f of proto.followUps) {
      if (f.anchor !== si && !f.targets.includes(si)) continue;
      for (const ser of [f.anchor, ...f.targets])
        for (let k = 0; k < levelOf[ser].length; k++)
          if (levelOf[ser][k] >= 0) set[levelOf[ser][k]] = 1;
    }
  };
  /** Backtrack target after level i failed: the deepest culprit, inheriting the rest of the set. */
  const conflictReturn = (i: number): number => {
    if (best) return i - 1;
    const set = confl[i];
    let h = -1;
    for (let j = i - 1; j >= 0; j--) {
      if (set[j]) {
        h = j;
        break;
      }
    }
    if (h < 0) return -1;
    for (let j = 0; j < h; j++) if (set[j]) confl[h][j] = 1;
    return h;
  };

  /** Returns the level to resume at: i - 1 normally, lower to jump back, -1 to stop. */
  const dfs = (i: number): number => {
    if (nodes > limit) return -1;
    if (i === steps.length) {
      if (!ctx.spanMinMet()) {
        if (i > 0) addAllBelow(confl[i - 1], i - 1);
        return i - 1;
      }
      const key: [number, number, number] = [moved, breaks(), lastDay()];
      if (keyLess(key, bestKey)) {
        if (!best) limit = nodes + budget.improveNodes;
        bestKey = key;
        best = {
          patient: patientIndex,
          sessions: ctx.list.map((p) => ({ ...p, staff: p.staff.map((x) => [...x]) })),
          moved: key[0],
          breaks: key[1],
          lastDay: key[2],
        };
      }
      return i - 1;
    }
    const set = confl[i];
    set.fill(0);
    // Bound: moves and breaks only grow; the last day is at least the projected one.
    const projected = projector.lastDayBound();
    const nodeBound = Math.max(lastDay(), projected);
    const { series: si, k, serves } = steps[i];
    const dom = domains[si][k];
    if (projected < 0 || dom.length === 0 || !keyLess([moved, breaks(), nodeBound], bestKey)) {
      addAllBelow(set, i);
      return conflictReturn(i);
    }
    let [lo, hi] = ctx.chainRange(si, k);
    if (serves) {
      // A follow-up placed for the anchor just before it: inside that anchor's window.
      const f = proto.followUps[serves.rule];
      const anchor = ctx.placed[f.anchor][serves.anchorK];
      if (anchor) {
        const end = anchor.start + ctx.duration(f.anchor);
        lo = Math.max(lo, end + f.min);
        hi = Math.min(hi, end + f.max, f.sameDay ? model.dayStartAt[anchor.day + 1] - 1 : Infinity);
      }
    }
    const [spanLo, spanHi] = ctx.spanDays();
    const dLo = Math.max(
      model.slotDay[dom[0]],
      spanLo,
      lo === -Infinity ? 0 : dayOfInstant(model, lo),
    );
    const dHi = Math.min(
      model.slotDay[dom[dom.length - 1]],
      spanHi,
      hi === Infinity ? model.numDays - 1 : dayOfInstant(model, hi),
    );
    const keptE = kept.get(si * 1000 + k + 1);
    const variants = continuity.wishesFor(si, state, budget.packing === true);
    const exact = keptE ? candidates.exact(keptE, si, k, dom, lo, hi, dLo, dHi, variants) : null;
    addDirectCulprits(
      set,
      si,
      Math.min(dLo, exact ? model.slotDay[exact.slot] : dLo),
      Math.max(dHi, exact ? model.slotDay[exact.slot] : dHi),
    );
    const tryCandidate = (c: Candidate, isExact: boolean): number => {
      nodes++;
      const p: PlacedSession = {
        series: si,
        index: k + 1,
        slot: c.slot,
        start: T[c.slot],
        day: model.slotDay[c.slot],
        room: c.asg.room,
        staff: c.asg.staff,
        existing: keptE ?? null,
        moved: !!keptE && !isExact,
        booking: newBookingId(),
        occurrence: occurrenceOf(model, proto, si, c.asg),
      };
      if (p.moved) moved++;
      ctx.place(p);
      levelOf[si][k] = i;
      continuity.add(si, p.staff, 1);
      occupySession(model, state, patientIndex, p);
      let r = i;
      if (ctx.followUpsPossible()) r = dfs(i + 1);
      else followUpCulprits(set, si);
      releaseSession(model, state, patientIndex, p);
      continuity.add(si, p.staff, -1);
      levelOf[si][k] = -1;
      ctx.unplace(p);
      if (p.moved) moved--;
      return r;
    };
    if (exact) {
      const r = tryCandidate(exact, true);
      if (r < i) return r;
    }
    const sameTime =
      keptE && !exact ? candidates.sameTime(keptE, si, k, dom, lo, hi, dLo, dHi, variants) : null;
    if (sameTime) {
      // The smallest move of a kept booking: same time, other staff or room.
      const r = tryCandidate(sameTime, false);
      if (r < i) return r;
    }
    const days = Array.from({ length: Math.max(0, dHi - dLo + 1) }, (_, j) => dLo + j);
    if (rng) rng.shuffle(days);
    for (const d of days) {
      if (nodes > limit) return -1;
      if (!keyLess([moved, breaks(), Math.max(d, nodeBound)], bestKey)) {
        if (rng) continue;
        break;
      }
      for (const c of candidates.day(si, k, d, lo, hi, dom, variants, rng)) {
        if (exact && c.slot === exact.slot && sameAssignment(c.asg, exact.asg)) continue;
        if (sameTime && c.slot === sameTime.slot && sameAssignment(c.asg, sameTime.asg)) continue;
        const r = tryCandidate(c, false);
        if (r < i) return r;
      }
    }
    if (best) addAllBelow(set, i);
    return conflictReturn(i);
  };
  dfs(0);
  return { plan: best, exhausted: nodes <= limit, nodes, rootBound };
}

/** Series whose placed sessions shape a series' candidates through rules or continuity. */
function linkedSeries(proto: ProtocolModel, si: number): Set<number> {
  const out = new Set<number>([si]);
  for (const r of proto.offsets) {
    if (r.from.series === si) out.add(r.to.series);
    if (r.to.series === si) out.add(r.from.series);
  }
  for (const f of proto.followUps)
    if (f.anchor === si || f.targets.includes(si))
      [f.anchor, ...f.targets].forEach((x) => out.add(x));
  for (const g of proto.notSameDay) if (g.includes(si)) g.forEach((x) => out.add(x));
  for (const c of proto.continuity) if (c.series.includes(si)) c.series.forEach((x) => out.add(x));
  return out;
}

/** Lower bound on the day of patient p's last session from its domains alone (pinned sessions placed). */
export function rootLowerBound(
  model: Model,
  patientIndex: number,
  domains: Int32Array[][],
): number {
  const patient = model.patients[patientIndex];
  const ctx = new PatientContext(model, patient);
  ctx.placePinned();
  const order = seriesOrder(model, ctx.proto);
  return makeProjector(model, ctx, domains, order, (si) =>
    minStep(model, ctx.proto, si),
  ).lastDayBound();
}
