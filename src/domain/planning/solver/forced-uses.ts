/**
 * Uses the frontier search (frontier-search.ts) must make, and the check that
 * enough distinct sessions are left to make them.
 *
 * A pool with no slack (exclusive-time.ts) must use every free minute of its
 * rooms and people. When a free piece of such a resource can be tiled in only
 * one way by the uses sessions could make of it (their lengths, with starts
 * on the slot grid), every complete schedule makes exactly those uses: they
 * are forced. A placement whose use falls in such a piece without being one
 * of its tiles cannot be completed. And each forced use not yet made needs
 * its own unplaced session (a room use one session, a staff use one of a
 * need's `count` people) whose domain holds the start that puts the use
 * there: a bipartite matching of forced uses to sessions must cover every
 * forced use (Hall's condition over every set of them at once). That is the
 * reasoning across patients the frontier lacked on clinics booked to the
 * minute: three dosing rooms at 10:00 tomorrow need three patients whose
 * doses can still start then (docs/benchmarks.md, session 14).
 *
 * Sound: tiles are counted over every use any session type could make (a
 * superset of what patients can), so a piece with one tiling has at most
 * that one; the matching only relaxes (a session may be matched at two
 * starts through two roles). The matching is kept between checks and
 * repaired (pairs no longer possible dropped, then augmenting paths), so a
 * check costs little when little changed.
 */
import type { Model } from '../model/types';
import type { ExclusiveTime, Exclusive } from './exclusive-time';
import { coveringEnd } from '../model/intervals';
import { firstSlotAtOrAfter, lowerBound } from './slots';
import type { PatientRun } from './frontier-run';

/** How a session type makes a use: its room (role -1) or one of its needs (role = need index). */
interface Maker {
  series: number;
  role: number;
  /** Session start minus use start. */
  shift: number;
}

interface ForcedUse {
  ex: Exclusive;
  s: number;
  e: number;
  /** The patient runs (by position) and their series and roles that could make it. */
  makers: Array<{ p: number; m: Maker }>;
}

/**
 * Minutes after the frontier within which forced uses are matched (see `feasible`): a
 * check over the whole horizon completed the same clinics at half the nodes per second
 * (docs/benchmarks.md, session 14).
 */
const WINDOW_MINUTES = 2 * 24 * 60;

/** Most tilings counted per piece (one more than unique). */
const TWO = 2;

export class ForcedUses {
  private readonly uses: ForcedUse[] = [];
  /** Per exclusive resource: its forced pieces (an interval list) and their tiles (start to end). */
  private readonly pieces = new Map<Exclusive, { pieces: number[]; tiles: Map<number, number> }>();
  /** The session (key) each forced use is matched to, or -1. */
  private match: number[] = [];
  /** The matched session's start minus the use's start (see `Maker.shift`). */
  private shift: number[] = [];
  /** Latest end of the uses up to each position (uses are sorted by start). */
  private ends: number[] = [];
  /** The positions of the uses checked now. */
  private lo = 0;
  private hi = 0;
  /** Forced uses matched per session key. */
  private readonly holders = new Map<number, number[]>();

  constructor(
    private readonly model: Model,
    time: ExclusiveTime,
    private readonly runs: readonly PatientRun[],
  ) {
    if (!fitsKeys(model)) return;
    const slots = new Set(model.slotStart);
    for (const ex of time.list) {
      if (time.poolSlack[ex.pool] !== 0) continue;
      const lengths = useLengths(model, ex, slots);
      const forcedPieces: number[] = [];
      const tiles = new Map<number, number>();
      for (let i = 0; i < ex.free.length; i += 2) {
        const tiling = uniqueTiling(ex.free[i], ex.free[i + 1], lengths);
        if (!tiling) continue;
        forcedPieces.push(ex.free[i], ex.free[i + 1]);
        for (let j = 0; j < tiling.length; j += 2) {
          tiles.set(tiling[j], tiling[j + 1]);
          this.uses.push({
            ex,
            s: tiling[j],
            e: tiling[j + 1],
            makers: runs.flatMap((run, p) =>
              makers(model, run, ex, tiling[j + 1] - tiling[j]).map((m) => ({ p, m })),
            ),
          });
        }
      }
      if (forcedPieces.length) this.pieces.set(ex, { pieces: forcedPieces, tiles });
    }
    this.uses.sort((a, b) => a.s - b.s);
    this.ends = this.uses.map((u) => u.e);
    for (let i = 1; i < this.ends.length; i++)
      this.ends[i] = Math.max(this.ends[i], this.ends[i - 1]);
    this.match = this.uses.map(() => -1);
    this.shift = this.uses.map(() => 0);
  }

  get size(): number {
    return this.uses.length;
  }

  /** Whether a use [s, e) of ex agrees with the forced tiles (outside forced pieces, or one of them). */
  agrees(ex: Exclusive | undefined, s: number, e: number): boolean {
    const forced = ex && this.pieces.get(ex);
    if (!forced) return true;
    // A use lies in one free piece of the root: outside the forced ones, anything goes.
    if (coveringEnd(forced.pieces, s) === -Infinity) return true;
    return forced.tiles.get(s) === e;
  }

  /**
   * Whether every forced use still to be made (its minutes untaken) that starts before
   * `WINDOW_MINUTES` after t (the frontier) can get its own unplaced session whose domain
   * holds the start that makes it. Uses further on are left out of the matching (a weaker
   * check, the same soundness): their pairs kept from earlier checks are dropped as met.
   */
  feasible(time: ExclusiveTime, t: number): boolean {
    // Uses before lo all end by t (`ends` is ascending): the frontier has passed them.
    const lo = lowerBound(this.ends, t + 1);
    let hi = lo;
    while (hi < this.uses.length && this.uses[hi].s < t + WINDOW_MINUTES) hi++;
    this.lo = lo;
    this.hi = hi;
    const open: number[] = [];
    for (let u = lo; u < hi; u++) {
      const use = this.uses[u];
      if (!time.untouched(use.ex, use.s, use.e)) {
        this.unmatch(u);
        continue;
      }
      if (this.match[u] >= 0 && !this.stillPossible(u)) this.unmatch(u);
      if (this.match[u] < 0) open.push(u);
    }
    for (const u of open) if (!this.augment(u, new Set())) return false;
    return true;
  }

  private unmatch(u: number): void {
    const key = this.match[u];
    if (key < 0) return;
    const list = this.holders.get(key)!;
    list.splice(list.indexOf(u), 1);
    this.match[u] = -1;
  }

  private assign(u: number, key: number, shift: number): void {
    this.match[u] = key;
    this.shift[u] = shift;
    const list = this.holders.get(key);
    if (list) list.push(u);
    else this.holders.set(key, [u]);
  }

  private stillPossible(u: number): boolean {
    const { p, series, k } = decode(this.match[u]);
    const run = this.runs[p];
    return !run.ctx.placed[series][k] && this.holds(run, series, k, this.uses[u].s + this.shift[u]);
  }

  private holds(run: PatientRun, series: number, k: number, start: number): boolean {
    const starts = this.model.slotStart;
    const dom = run.doms[series][k];
    const i = firstSlotAtOrAfter(starts, dom, start);
    return i < dom.length && starts[dom[i]] === start;
  }

  /** Kuhn's augmenting path from forced use u over sessions not yet visited. */
  private augment(u: number, seen: Set<number>): boolean {
    const use = this.uses[u];
    for (const { p, m } of use.makers) {
      const run = this.runs[p];
      const placed = run.ctx.placed[m.series];
      for (let k = 0; k < placed.length; k++) {
        if (placed[k]) continue;
        const key = encode(p, m.series, k, m.role);
        if (seen.has(key)) continue;
        if (!this.holds(run, m.series, k, use.s + m.shift)) continue;
        seen.add(key);
        const cap = m.role < 0 ? 1 : needCount(run, m.series, m.role);
        let list = this.holders.get(key);
        if (!list) this.holders.set(key, (list = []));
        // Pairs of uses outside the checked ones are stale: they hold nothing.
        for (let i = list.length - 1; i >= 0; i--)
          if (list[i] < this.lo || list[i] >= this.hi) this.unmatch(list[i]);
        if (list.length < cap) {
          this.assign(u, key, m.shift);
          return true;
        }
        for (const v of list) {
          // v moves to another session (augment matched it there): it leaves this one.
          if (this.augment(v, seen)) {
            list.splice(list.indexOf(v), 1);
            this.assign(u, key, m.shift);
            return true;
          }
        }
      }
    }
    return false;
  }
}

function needCount(run: PatientRun, series: number, role: number): number {
  const { model, proto } = run.ctx;
  return model.sessionTypes[proto.series[series].sessionType].needs[role].count;
}

/** Whether every session's key fits `encode` (else no forced uses: a weaker search, still sound). */
function fitsKeys(model: Model): boolean {
  return (
    model.protocols.every((proto) => proto.series.length < 256) &&
    model.patients.every((patient) => patient.counts.every((c) => c < 256)) &&
    model.sessionTypes.every((st) => st.needs.length < 63)
  );
}

function encode(p: number, series: number, k: number, role: number): number {
  return ((p * 256 + series) * 256 + k) * 64 + role + 1;
}

function decode(key: number): { p: number; series: number; k: number; role: number } {
  const role = (key % 64) - 1;
  key = Math.floor(key / 64);
  const k = key % 256;
  key = Math.floor(key / 256);
  return { p: Math.floor(key / 256), series: key % 256, k, role };
}

/** The series and roles of the patient that make a use of ex lasting `length` minutes. */
function makers(model: Model, run: PatientRun, ex: Exclusive, length: number): Maker[] {
  const out: Maker[] = [];
  for (const series of run.ctx.proto.series) {
    const st = model.sessionTypes[series.sessionType];
    if (ex.kind === 'room') {
      if (st.room?.candidates.includes(ex.index) && st.duration + st.room.turnover === length)
        out.push({ series: series.index, role: -1, shift: 0 });
      continue;
    }
    st.needs.forEach((need, ni) => {
      if (!need.present && need.candidates.includes(ex.index) && need.duration === length)
        out.push({ series: series.index, role: ni, shift: -need.offset });
    });
  }
  return out;
}

/** Per use length any session type could make of ex, the shifts (use start minus session start). */
function useLengths(model: Model, ex: Exclusive, slots: Set<number>): (at: number) => number[] {
  const kinds: Array<{ length: number; offset: number }> = [];
  for (const st of model.sessionTypes) {
    if (ex.kind === 'room') {
      if (st.room?.candidates.includes(ex.index))
        kinds.push({ length: st.duration + st.room.turnover, offset: 0 });
      continue;
    }
    for (const need of st.needs)
      if (!need.present && need.candidates.includes(ex.index))
        kinds.push({ length: need.duration, offset: need.offset });
  }
  return (at) => {
    const out: number[] = [];
    for (const { length, offset } of kinds)
      if (slots.has(at - offset) && !out.includes(length)) out.push(length);
    return out;
  };
}

/** The tiles [s, e, …] of [a, b) when exactly one tiling by the lengths exists, else null. */
function uniqueTiling(a: number, b: number, lengths: (at: number) => number[]): number[] | null {
  const ways = new Map<number, number>();
  const count = (x: number): number => {
    if (x === b) return 1;
    const known = ways.get(x);
    if (known !== undefined) return known;
    let n = 0;
    for (const len of lengths(x)) if (x + len <= b) n = Math.min(TWO, n + count(x + len));
    ways.set(x, n);
    return n;
  };
  if (count(a) !== 1) return null;
  const tiles: number[] = [];
  for (let x = a; x < b;) {
    const len = lengths(x).find((l) => x + l <= b && count(x + l) === 1)!;
    tiles.push(x, x + len);
    x += len;
  }
  return tiles;
}
