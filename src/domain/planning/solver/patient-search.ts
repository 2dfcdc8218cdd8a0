/**
 * Depth-first search with branch and bound over one patient's sessions,
 * against the current resource state: sessions in series order (see
 * series-order), candidate starts from the propagated domains, a few
 * candidates per day (earliest and latest feasible, per continuity person),
 * kept bookings tried first. Minimises (moves, continuity breaks, last day)
 * within a node budget.
 */
import type { Model, ProtocolModel } from '../model/types';
import { assignSession, type Assignment, type StaffWishes } from './assign';
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

export interface SearchBudget {
  /** Node limit before a first solution. */
  nodes: number;
  /** Further nodes spent improving after the first solution. */
  improveNodes: number;
}

export interface SearchResult {
  plan: PatientPlan | null;
  /** The search space (with its per-day candidate thinning) was fully explored. */
  exhausted: boolean;
  nodes: number;
  /** Lower bound on the last session's day before any choice (-1: no completion possible). */
  rootBound: number;
}

/** How many people a "prefer" continuity group's first session tries. */
const PREFER_FIRST_PERSONS = 4;

interface Candidate {
  slot: number;
  asg: Assignment;
}

interface Group {
  series: Set<number>;
  role: string;
  require: boolean;
}

export function searchPatient(
  model: Model,
  state: ResourceState,
  patientIndex: number,
  domains: Int32Array[][],
  budget: SearchBudget,
): SearchResult {
  const patient = model.patients[patientIndex];
  const ctx = new PatientContext(model, patient);
  const proto = ctx.proto;
  const T = model.slotStart;
  const groups: Group[] = proto.continuity.map((c) => ({
    series: new Set(c.series),
    role: c.role,
    require: c.require,
  }));

  // Pinned sessions are already in the resource state.
  for (const e of patient.existing) {
    if (!e.pinned || e.index > patient.counts[e.series]) continue;
    const slot = lowerBound(T, e.start);
    ctx.place({
      series: e.series,
      index: e.index,
      slot,
      start: e.start,
      day: dayOfInstant(model, e.start),
      room: e.room,
      staff: e.staff,
      existing: e,
      moved: false,
      booking: -1,
    });
  }
  const kept = new Map<number, (typeof patient.existing)[number]>();
  for (const e of patient.existing) if (!e.pinned) kept.set(e.series * 1000 + e.index, e);
  let droppedKept = 0;
  for (const e of patient.existing)
    if (!e.pinned && e.index > patient.counts[e.series]) droppedKept++;

  const order = seriesOrder(model, proto);
  const projector = makeProjector(model, ctx, domains, order, (si) => minStep(model, proto, si));
  const rootBound = projector.lastDayBound();
  const steps = stepOrder(proto, patient.counts, order, (si, k) => ctx.placed[si][k] !== null);

  let nodes = 0;
  let limit = budget.nodes;
  let best: PatientPlan | null = null;
  let bestKey: [number, number, number] = [Infinity, Infinity, Infinity];
  let moved = droppedKept;
  const personCount = groups.map(() => new Map<number, number>());
  const breaks = () =>
    groups.reduce(
      (sum, g, gi) => (g.require ? sum : sum + Math.max(0, personCount[gi].size - 1)),
      0,
    );
  const lastDay = () => ctx.list.reduce((m, p) => Math.max(m, p.day), -Infinity);

  const groupPersons = (si: number, staff: number[][], sign: 1 | -1) => {
    const st = model.sessionTypes[proto.series[si].sessionType];
    groups.forEach((g, gi) => {
      if (!g.series.has(si)) return;
      st.needs.forEach((n, ni) => {
        if (n.role !== g.role) return;
        for (const p of staff[ni]) {
          const c = (personCount[gi].get(p) ?? 0) + sign;
          if (c === 0) personCount[gi].delete(p);
          else personCount[gi].set(p, c);
        }
      });
    });
  };
  for (const p of ctx.list) groupPersons(p.series, p.staff, 1);

  /** Continuity wishes for a session of series si; `options` lists alternative forced persons. */
  const wishesFor = (si: number): StaffWishes[] => {
    const st = model.sessionTypes[proto.series[si].sessionType];
    let variants: StaffWishes[] = [
      {
        forced: st.needs.map(() => -1),
        preferred: st.needs.map(() => []),
        spread: st.needs.map(() => false),
      },
    ];
    groups.forEach((g, gi) => {
      if (!g.series.has(si)) return;
      const ni = st.needs.findIndex((n) => n.role === g.role);
      if (ni < 0) return;
      const counts = [...personCount[gi].entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
      if (g.require || counts.length === 0) {
        // The group's person: the one already chosen, else each candidate in
        // turn (least booked first; a few for "prefer", all for "require").
        const persons =
          counts.length > 0
            ? [counts[0][0]]
            : [...st.needs[ni].candidates]
                .sort((a, b) => state.load[a] - state.load[b] || a - b)
                .slice(0, g.require ? undefined : PREFER_FIRST_PERSONS);
        variants = variants.flatMap((v) => [
          ...persons.map((p) => ({
            forced: v.forced.map((x, i) => (i === ni ? p : x)),
            preferred: v.preferred,
            spread: v.spread,
          })),
          // "prefer" is soft: anyone free, least booked first, as a last resort.
          ...(g.require ? [] : [{ ...v, spread: v.spread.map((x, i) => x || i === ni) }]),
        ]);
      } else {
        for (const v of variants)
          v.preferred[ni] = [...v.preferred[ni], ...counts.map((c) => c[0])];
      }
    });
    return variants;
  };

  const exactCandidate = (
    si: number,
    k: number,
    dom: Int32Array,
    lo: number,
    hi: number,
    dLo: number,
    dHi: number,
  ): Candidate | null => {
    const e = kept.get(si * 1000 + k + 1);
    if (!e || e.start < lo || e.start > hi) return null;
    const slot = lowerBound(T, e.start);
    if (T[slot] !== e.start || dom[lowerBound(dom, slot)] !== slot) return null;
    const day = model.slotDay[slot];
    if (day < dLo || day > dHi) return null;
    if (!ctx.fits(si, k, e.start, day)) return null;
    const st = model.sessionTypes[proto.series[si].sessionType];
    if (
      st.room &&
      (e.room < 0 || !state.roomFree(e.room, e.start, e.start + st.duration + st.room.turnover))
    )
      return null;
    const used = new Set<number>();
    for (const [ni, need] of st.needs.entries()) {
      if (e.staff[ni].length !== need.count) return null;
      for (const p of e.staff[ni]) {
        if (
          used.has(p) ||
          !state.staffFree(
            p,
            e.start + need.offset,
            e.start + need.offset + need.duration,
            need.maxConcurrent,
            day,
          )
        )
          return null;
        used.add(p);
      }
    }
    return { slot, asg: { room: st.room ? e.room : -1, staff: e.staff.map((x) => [...x]) } };
  };

  const sameTimeCandidate = (
    e: (typeof patient.existing)[number],
    si: number,
    k: number,
    dom: Int32Array,
    lo: number,
    hi: number,
    dLo: number,
    dHi: number,
    variants: StaffWishes[],
  ): Candidate | null => {
    if (e.start < lo || e.start > hi) return null;
    const slot = lowerBound(T, e.start);
    if (T[slot] !== e.start || dom[lowerBound(dom, slot)] !== slot) return null;
    const day = model.slotDay[slot];
    if (day < dLo || day > dHi || !ctx.fits(si, k, e.start, day)) return null;
    const st = model.sessionTypes[proto.series[si].sessionType];
    for (const w of variants) {
      const wish = { ...w, preferred: w.preferred.map((p, ni) => [...(e.staff[ni] ?? []), ...p]) };
      const asg = assignSession(model, state, st, e.start, day, wish);
      if (asg) return { slot, asg };
    }
    return null;
  };

  const dayCandidates = (
    si: number,
    k: number,
    d: number,
    lo: number,
    hi: number,
    dom: Int32Array,
    variants: StaffWishes[],
  ): Candidate[] => {
    const st = model.sessionTypes[proto.series[si].sessionType];
    let a = lowerBound(dom, model.daySlot[d]);
    let b = lowerBound(dom, model.daySlot[d + 1]) - 1;
    while (a <= b && T[dom[a]] < lo) a++;
    while (b >= a && T[dom[b]] > hi) b--;
    if (a > b) return [];
    const out: Candidate[] = [];
    for (const w of variants) {
      let first = -1;
      for (let i = a; i <= b; i++) {
        const slot = dom[i];
        if (!ctx.fits(si, k, T[slot], d)) continue;
        const asg = assignSession(model, state, st, T[slot], d, w);
        if (asg) {
          out.push({ slot, asg });
          first = i;
          break;
        }
      }
      if (first < 0) continue;
      for (let i = b; i > first; i--) {
        const slot = dom[i];
        if (!ctx.fits(si, k, T[slot], d)) continue;
        const asg = assignSession(model, state, st, T[slot], d, w);
        if (asg) {
          out.push({ slot, asg });
          break;
        }
      }
    }
    return out;
  };

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
    const exact = keptE ? exactCandidate(si, k, dom, lo, hi, dLo, dHi) : null;
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
      };
      if (p.moved) moved++;
      ctx.place(p);
      levelOf[si][k] = i;
      groupPersons(si, p.staff, 1);
      occupySession(model, state, patientIndex, p);
      let r = i;
      if (ctx.followUpsPossible()) r = dfs(i + 1);
      else followUpCulprits(set, si);
      releaseSession(model, state, patientIndex, p);
      groupPersons(si, p.staff, -1);
      levelOf[si][k] = -1;
      ctx.unplace(p);
      if (p.moved) moved--;
      return r;
    };
    if (exact) {
      const r = tryCandidate(exact, true);
      if (r < i) return r;
    }
    const variants = wishesFor(si);
    const sameTime =
      keptE && !exact ? sameTimeCandidate(keptE, si, k, dom, lo, hi, dLo, dHi, variants) : null;
    if (sameTime) {
      // The smallest move of a kept booking: same time, other staff or room.
      const r = tryCandidate(sameTime, false);
      if (r < i) return r;
    }
    for (let d = dLo; d <= dHi; d++) {
      if (nodes > limit) return -1;
      if (!keyLess([moved, breaks(), Math.max(d, nodeBound)], bestKey)) break;
      for (const c of dayCandidates(si, k, d, lo, hi, dom, variants)) {
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

function sameAssignment(a: Assignment, b: Assignment): boolean {
  if (a.room !== b.room || a.staff.length !== b.staff.length) return false;
  return a.staff.every(
    (x, i) =>
      x.length === b.staff[i].length && [...x].sort().join() === [...b.staff[i]].sort().join(),
  );
}

export function lowerBound(arr: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function dayOfInstant(model: Model, t: number): number {
  const d = lowerBound(model.dayStartAt, t + 1) - 1;
  return Math.max(0, Math.min(model.numDays - 1, d));
}

/** Lower bound on the day of patient p's last session from its domains alone (pinned sessions placed). */
export function rootLowerBound(
  model: Model,
  patientIndex: number,
  domains: Int32Array[][],
): number {
  const patient = model.patients[patientIndex];
  const ctx = new PatientContext(model, patient);
  for (const e of patient.existing) {
    if (!e.pinned || e.index > patient.counts[e.series]) continue;
    ctx.place({
      series: e.series,
      index: e.index,
      slot: lowerBound(model.slotStart, e.start),
      start: e.start,
      day: dayOfInstant(model, e.start),
      room: e.room,
      staff: e.staff,
      existing: e,
      moved: false,
      booking: -1,
    });
  }
  const order = seriesOrder(model, ctx.proto);
  return makeProjector(model, ctx, domains, order, (si) =>
    minStep(model, ctx.proto, si),
  ).lastDayBound();
}
