/**
 * Candidate placements for one session during a patient's search: a few per
 * day (earliest and latest feasible start, per continuity person), a kept
 * booking exactly as it was, or at the same time with other staff. Also the
 * continuity bookkeeping that shapes staff wishes and counts breaks.
 */
import type { ExistingModel, Model, ProtocolModel } from '../model/types';
import { assignSession, noWishes, type Assignment, type StaffWishes } from './assign';
import type { PatientContext } from './patient-context';
import type { ResourceState } from './resource-state';
import type { Prng } from './prng';
import { presenceValid } from './presence';
import { lowerBound } from './slots';
import { existingOccurrenceKey, hasSeat, joinAssignment } from './group-occurrences';

export interface Candidate {
  slot: number;
  asg: Assignment;
}

/** How many people a "prefer" continuity group's first session tries. */
const PREFER_FIRST_PERSONS = 4;

interface Group {
  series: Set<number>;
  role: string;
  require: boolean;
}

/** Who holds each continuity group's role among the patient's placed sessions. */
export class ContinuityTracker {
  private readonly groups: Group[];
  private readonly personCount: Array<Map<number, number>>;

  constructor(
    private readonly model: Model,
    private readonly proto: ProtocolModel,
  ) {
    this.groups = proto.continuity.map((c) => ({
      series: new Set(c.series),
      role: c.role,
      require: c.require,
    }));
    this.personCount = this.groups.map(() => new Map());
  }

  /** Adds (sign 1) or removes (-1) a session's staff. */
  add(si: number, staff: number[][], sign: 1 | -1): void {
    const st = this.model.sessionTypes[this.proto.series[si].sessionType];
    this.groups.forEach((g, gi) => {
      if (!g.series.has(si)) return;
      st.needs.forEach((n, ni) => {
        if (n.role !== g.role || n.present) return; // presence counts toward no continuity
        for (const p of staff[ni]) {
          const c = (this.personCount[gi].get(p) ?? 0) + sign;
          if (c === 0) this.personCount[gi].delete(p);
          else this.personCount[gi].set(p, c);
        }
      });
    });
  }

  /** Continuity breaks so far: per "prefer" group, distinct people minus one. */
  breaks(): number {
    let sum = 0;
    this.groups.forEach((g, gi) => {
      if (!g.require) sum += Math.max(0, this.personCount[gi].size - 1);
    });
    return sum;
  }

  /**
   * Staff wishes for a session of series si; several variants branch over a
   * group's first person. Packing ignores "prefer" groups and takes people
   * and rooms first fit (a "require" group still forces its person).
   */
  wishesFor(si: number, state: ResourceState, packing = false): StaffWishes[] {
    const st = this.model.sessionTypes[this.proto.series[si].sessionType];
    let variants: StaffWishes[] = [noWishes(st, packing)];
    this.groups.forEach((g, gi) => {
      if (!g.series.has(si) || (packing && !g.require)) return;
      const ni = st.needs.findIndex((n) => n.role === g.role && !n.present);
      if (ni < 0) return;
      const counts = [...this.personCount[gi].entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
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
            ...v,
            forced: v.forced.map((x, i) => (i === ni ? p : x)),
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
  }
}

export class CandidateSource {
  private readonly T: Int32Array;

  constructor(
    private readonly model: Model,
    private readonly state: ResourceState,
    private readonly ctx: PatientContext,
    private readonly continuity: ContinuityTracker,
  ) {
    this.T = model.slotStart;
  }

  /** The kept booking's slot if it is allowed here and fits; null otherwise. */
  private keptSlot(
    e: ExistingModel,
    si: number,
    k: number,
    dom: Int32Array,
    range: number[],
  ): number {
    const [lo, hi, dLo, dHi] = range;
    if (e.start < lo || e.start > hi) return -1;
    const slot = lowerBound(this.T, e.start);
    if (this.T[slot] !== e.start || dom[lowerBound(dom, slot)] !== slot) return -1;
    const day = this.model.slotDay[slot];
    if (day < dLo || day > dHi || !this.ctx.fits(si, k, e.start, day)) return -1;
    return slot;
  }

  /** The kept booking unchanged (time, room, staff), when still possible and within continuity. */
  exact(
    e: ExistingModel,
    si: number,
    k: number,
    dom: Int32Array,
    lo: number,
    hi: number,
    dLo: number,
    dHi: number,
    variants: StaffWishes[],
  ): Candidate | null {
    const slot = this.keptSlot(e, si, k, dom, [lo, hi, dLo, dHi]);
    if (slot < 0) return null;
    const allowed = variants.some((v) =>
      v.forced.every((f, ni) => f < 0 || (e.staff[ni].length === 1 && e.staff[ni][0] === f)),
    );
    if (!allowed) return null;
    const day = this.model.slotDay[slot];
    const st = this.model.sessionTypes[this.ctx.proto.series[si].sessionType];
    const state = this.state;
    const key = existingOccurrenceKey(e);
    const held = key === undefined ? undefined : state.groups.get(key);
    if (held) {
      // Other participants kept it: join it (same start, room and staff).
      if (!hasSeat(this.model, held, this.ctx.patient.index)) return null;
      return { slot, asg: joinAssignment(held) };
    }
    if (st.group && !state.groups.mayOpen(st, day)) return null;
    if (
      st.room &&
      (e.room < 0 ||
        !st.room.candidates.includes(e.room) ||
        !state.roomFree(e.room, e.start, e.start + st.duration + st.room.turnover))
    )
      return null;
    const used = new Set<number>();
    for (const [ni, need] of st.needs.entries()) {
      if (need.present) continue;
      if (e.staff[ni].length !== need.count) return null;
      for (const p of e.staff[ni]) {
        const s = e.start + need.offset;
        if (used.has(p) || !state.staffFree(p, s, s + need.duration, need.maxConcurrent, day))
          return null;
        used.add(p);
      }
    }
    if (!presenceValid(this.model, st, e.start, e.staff)) return null;
    return {
      slot,
      asg: { room: st.room ? e.room : -1, staff: e.staff.map((x) => [...x]), occurrence: key },
    };
  }

  /** The kept booking's time with other staff or room: the smallest move. */
  sameTime(
    e: ExistingModel,
    si: number,
    k: number,
    dom: Int32Array,
    lo: number,
    hi: number,
    dLo: number,
    dHi: number,
    variants: StaffWishes[],
  ): Candidate | null {
    const slot = this.keptSlot(e, si, k, dom, [lo, hi, dLo, dHi]);
    if (slot < 0) return null;
    const st = this.model.sessionTypes[this.ctx.proto.series[si].sessionType];
    if (!this.state.groups.mayOpen(st, this.model.slotDay[slot])) return null;
    for (const w of variants) {
      const wish = { ...w, preferred: w.preferred.map((p, ni) => [...(e.staff[ni] ?? []), ...p]) };
      const asg = assignSession(
        this.model,
        this.state,
        st,
        e.start,
        this.model.slotDay[slot],
        wish,
      );
      if (asg) return { slot, asg };
    }
    return null;
  }

  /** Earliest and latest feasible start on day d within [lo, hi], per staff-wish variant. */
  day(
    si: number,
    k: number,
    d: number,
    lo: number,
    hi: number,
    dom: Int32Array,
    variants: StaffWishes[],
    rng: Prng | null = null,
  ): Candidate[] {
    const { model, T, ctx } = this;
    const st = model.sessionTypes[ctx.proto.series[si].sessionType];
    let a = lowerBound(dom, model.daySlot[d]);
    let b = lowerBound(dom, model.daySlot[d + 1]) - 1;
    while (a <= b && T[dom[a]] < lo) a++;
    while (b >= a && T[dom[b]] > hi) b--;
    if (a > b) return [];
    const out: Candidate[] = st.group ? this.joins(si, k, d, lo, hi, dom, variants) : [];
    if (!this.state.groups.mayOpen(st, d)) return rng ? rng.shuffle(out) : out;
    const tryAt = (i: number, w: StaffWishes): boolean => {
      const slot = dom[i];
      if (!ctx.fits(si, k, T[slot], d)) return false;
      const asg = assignSession(model, this.state, st, T[slot], d, w);
      if (asg) out.push({ slot, asg });
      return asg !== null;
    };
    for (const w of variants) {
      let first = -1;
      for (let i = a; i <= b && first < 0; i++) if (tryAt(i, w)) first = i;
      if (first < 0) continue;
      // The same start with other people: the first staff found may be
      // needed by a later session (a daily limit, a short window).
      const firstAsg = out[out.length - 1].asg;
      const seen = [firstAsg];
      for (const person of new Set(firstAsg.staff.flat())) {
        const alt = assignSession(model, this.state, st, T[dom[first]], d, {
          ...w,
          avoid: [person],
        });
        if (alt && !seen.some((x) => sameAssignment(x, alt))) {
          seen.push(alt);
          out.push({ slot: dom[first], asg: alt });
        }
      }
      for (let i = b; i > first; i--) if (tryAt(i, w)) break;
      // Diversified search: one more feasible start drawn at random, and a random order.
      if (rng && b > first + 1) {
        const from = first + 1 + rng.int(b - first - 1);
        for (let i = from; i < b; i++) if (tryAt(i, w)) break;
      }
    }
    return rng ? rng.shuffle(out) : out;
  }

  /**
   * Group series: every occurrence on day d within [lo, hi] and the domain
   * that the patient may join (a free seat, its rules at that start, the
   * staff a continuity "require" group forces), earliest first. They come
   * before opening a new occurrence.
   */
  private joins(
    si: number,
    k: number,
    d: number,
    lo: number,
    hi: number,
    dom: Int32Array,
    variants: StaffWishes[],
  ): Candidate[] {
    const { model, ctx } = this;
    const st = ctx.proto.series[si].sessionType;
    const out: Candidate[] = [];
    const occs = [...this.state.groups.onDay(st, d)].sort((a, b) => a.start - b.start);
    for (const occ of occs) {
      if (occ.start < lo || occ.start > hi || dom[lowerBound(dom, occ.slot)] !== occ.slot) continue;
      if (!variants.some((v) => hasSeat(model, occ, ctx.patient.index, v.forced))) continue;
      if (!ctx.fits(si, k, occ.start, d)) continue;
      out.push({ slot: occ.slot, asg: joinAssignment(occ) });
    }
    return out;
  }
}

export function sameAssignment(a: Assignment, b: Assignment): boolean {
  if (a.room !== b.room || a.staff.length !== b.staff.length) return false;
  return a.staff.every(
    (x, i) =>
      x.length === b.staff[i].length && [...x].sort().join() === [...b.staff[i]].sort().join(),
  );
}
