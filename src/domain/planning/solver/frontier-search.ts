/**
 * Complete-clinic search for clinics booked to the minute (issue 7, the
 * first-fit planted sweep): every patient at once, session by session in
 * time order along a frontier. Rooms and people are exclusive or not, and
 * a complete schedule leaves at most `slack` of the exclusive ones' minutes
 * unused (exclusive-time.ts). The search takes the earliest free minute t
 * of any exclusive resource r and branches on the session that takes r
 * from t on (a patient's next session of a series whose start puts its use
 * of r at t, with every room and staff choice that includes r), or, while
 * slack is left, on leaving that minute unused. A free piece too short for
 * any session that could use the resource is unused for good and is
 * charged to the slack at once. Slack is counted per pool (exclusive-time.ts;
 * pools with much to spare are not followed), and a pool without slack must
 * make the uses its windows force, each by its own session (forced-uses.ts:
 * checked after each placement and each move of the frontier), and the
 * sessions due in the next days need their own places in the free pieces
 * (piece-matching.ts, checked at each node). After each
 * placement the patient's other sessions are filtered and propagated as in
 * the one-patient complete search (exact-search.ts), and a series that
 * required continuity has bound to a person keeps only the starts at which
 * that person is free, on any day (required-continuity.ts). As the frontier
 * advances, every patient's next sessions lose the starts whose exclusive
 * uses it has passed, and the patient's rules are propagated again
 * (frontier-run.ts: a dose whose intake can no longer come early enough
 * loses its early starts at once);
 * a patient left with no start cuts the branch. Depth-first with restarts
 * (Luby node limits) until a schedule of everyone, the deadline, or a
 * restart that ends within its node limit (nothing is left to search); the
 * moves are tried best fit first, then, on even restarts, earliest
 * deadline first (random ties), on odd ones in random order (a portfolio:
 * each completes planted clinics the other misses in the same time,
 * docs/benchmarks.md).
 *
 * States searched in full without a schedule are remembered (by a
 * hash of what the future depends on: the patients' sessions and the rooms'
 * and people's uses, not which patient used which room or unbound person),
 * so neither a later restart nor a swap of patients between rooms or people
 * searches them again (`MAX_EXHAUSTED`).
 *
 * It finds schedules, it proves nothing: a restart that ends on its node
 * limit leaves its states unfinished. Sound: every placement passes the
 * resource state's checks and the patient's rules, and every pruning only
 * drops branches that cannot be completed.
 */
import type { Model } from '../model/types';
import { ContinuityTracker } from './candidates';
import { rulesHold } from './follow-up-matching';
import { PatientContext } from './patient-context';
import {
  newBookingId,
  occupySession,
  releaseSession,
  type PatientPlan,
  type PlacedSession,
} from './patient-plan';
import type { Prng } from './prng';
import { ResourceState } from './resource-state';
import { firstSlotAtOrAfter } from './slots';
import type { ExclusiveTime, Exclusive } from './exclusive-time';
import { frontierTime, tightEnough } from './frontier-scope';
import { choicesUsing } from './frontier-choices';
import {
  narrowAfter,
  placedCount,
  planOf,
  slotFree,
  trimToFrontier,
  type Domains,
  type PatientRun,
} from './frontier-run';
import { StateHash } from './state-hash';
import { ForcedUses } from './forced-uses';
import { PieceMatching } from './piece-matching';
import { sessionUses, stateItems, unusedItem } from './frontier-state';

export interface FrontierLimits {
  deadline: number;
  clock: () => number;
}

export interface FrontierResult {
  /** One plan per patient searched, in their order, or null when none was found. */
  plans: PatientPlan[] | null;
  nodes: number;
  restarts: number;
  /** Most sessions placed at once (how deep the search got). */
  deepest: number;
  /** States met again after one like them had been searched in full (see `MAX_EXHAUSTED`). */
  repeats: number;
}

/** Nodes of the first restart; the n-th gets LUBY(n) times as many. */
const RESTART_NODES = 2_000;
/**
 * Most states kept as exhausted (searched in full without a schedule): a
 * million hashes take about 37 MB (measured); when full, no more are kept.
 * A 10 s solve keeps at most a few hundred thousand.
 */
const MAX_EXHAUSTED = 1_000_000;

interface Move {
  p: PatientRun;
  series: number;
  k: number;
  slot: number;
  room: number;
  staff: number[][];
  /** `ExclusiveTime.misfit` of the choice (least first). */
  misfit: number;
  /** Latest start of the session in its domain (earliest deadline first). */
  due: number;
  tie: number;
}

export function frontierSearch(
  model: Model,
  patients: readonly number[],
  baseDomains: (p: number) => Domains,
  rng: Prng,
  limits: FrontierLimits,
): FrontierResult {
  const time = frontierTime(model, patients);
  // Checked before the patients' domains are filtered: that work is wasted on a clinic with room.
  if (!tightEnough(model, patients, time))
    return { plans: null, nodes: 0, restarts: 0, deepest: 0, repeats: 0 };
  return new FrontierSearch(model, time, patients, baseDomains, rng, limits).run();
}

class FrontierSearch {
  private readonly state: ResourceState;
  private readonly runs: PatientRun[] = [];
  private nodes = 0;
  /** Restarts so far (the current one's number). */
  private restart = 0;
  private placed = 0;
  private deepest = 0;
  private budget = 0;
  private stopped = false;
  private impossible = false;
  /** What the future depends on of the current state (see `stateItems`). */
  private readonly hash = new StateHash();
  /** Hashes of the states searched in full without a schedule. */
  private readonly exhausted = new Set<number>();
  private repeats = 0;
  private readonly forced: ForcedUses;
  private readonly pieces: PieceMatching;

  constructor(
    private readonly model: Model,
    private readonly time: ExclusiveTime,
    patients: readonly number[],
    baseDomains: (p: number) => Domains,
    private readonly rng: Prng,
    private readonly limits: FrontierLimits,
  ) {
    this.state = new ResourceState(model);
    for (const p of patients) {
      const patient = model.patients[p];
      const ctx = new PatientContext(model, patient);
      const continuity = new ContinuityTracker(model, ctx.proto);
      const run: PatientRun = {
        index: p,
        ctx,
        continuity,
        doms: [],
        left: patient.counts.reduce((t, c) => t + c, 0),
      };
      const root = baseDomains(p).map((list, si) =>
        list.map((dom) => dom.filter((slot) => slotFree(model, this.state, run, si, slot))),
      );
      if (root.some((list) => list.some((d) => d.length === 0)) || !rulesHold(model, ctx, root))
        this.impossible = true;
      run.doms = root;
      this.runs.push(run);
    }
    this.forced = new ForcedUses(model, time, this.runs);
    this.pieces = new PieceMatching(model, time);
  }

  run(): FrontierResult {
    if (this.impossible) return { plans: null, ...this.counts() };
    for (; !this.stopped; this.restart++) {
      // The deadline is read every 64 nodes; a restart that spends none must read it too.
      if (this.limits.clock() >= this.limits.deadline) break;
      this.budget = this.nodes + RESTART_NODES * luby(this.restart + 1);
      if (this.dfs()) return { plans: this.runs.map((r) => planOf(r)), ...this.counts() };
      // Ended within its limits: every branch was searched (or met as searched), and another
      // restart would only meet the root's state as searched, at once and for ever.
      if (!this.stopped && this.nodes < this.budget) break;
    }
    return { plans: null, ...this.counts() };
  }

  private counts() {
    return {
      nodes: this.nodes,
      restarts: this.restart,
      deepest: this.deepest,
      repeats: this.repeats,
    };
  }

  private outOfBudget(): boolean {
    if (this.stopped) return true;
    if ((this.nodes & 63) === 0 && this.limits.clock() >= this.limits.deadline) this.stopped = true;
    return this.stopped || this.nodes >= this.budget;
  }

  /**
   * Depth-first from the current state; true when everyone is placed (state
   * kept). A state like one searched in full before (in this restart or an
   * earlier one) is not searched again: no schedule extends it.
   */
  private dfs(): boolean {
    // Everyone placed: done, whatever free time is left (at most the slack).
    if (this.runs.every((r) => r.left === 0)) return true;
    const key = this.hash.value;
    if (this.exhausted.has(key)) {
      this.repeats++;
      return false;
    }
    if (this.search()) return true;
    // Searched in full: a limit hit on the way ends the whole restart, so it is not.
    if (this.nodes < this.budget && !this.stopped && this.exhausted.size < MAX_EXHAUSTED)
      this.exhausted.add(key);
    return false;
  }

  private search(): boolean {
    const fronts = this.time.frontier();
    if (fronts.length === 0) return false;
    const t = fronts[0].free[0];
    const untrim = trimToFrontier(this.model, this.time, this.runs, t);
    if (!untrim) return false;
    // After the last placement and the trim (which narrowed every patient's next sessions),
    // every forced use still needs its own session.
    if (!this.forced.feasible(this.time, t) || !this.pieces.feasible(this.runs, t)) {
      untrim();
      return false;
    }
    if (this.branch(fronts, t)) return true;
    untrim();
    return false;
  }

  /** The sessions that can take t (on the fail-first resource), then leaving t unused. */
  private branch(fronts: Exclusive[], t: number): boolean {
    // Of the resources free first at t, the one with the fewest ways to fill t (fail first).
    let ex = fronts[0];
    let moves: Move[] | null = null;
    for (const front of fronts) {
      const here = this.movesAt(front, t);
      if (!moves || here.length < moves.length) [ex, moves] = [front, here];
      if (here.length === 0) break;
    }
    for (const move of moves!) {
      this.nodes++;
      if (this.outOfBudget()) return false;
      const undo = this.place(move);
      if (!undo) continue;
      if (this.dfs()) return true;
      undo();
    }
    // Leave [t, t + a slot) unused while the slack allows it.
    const end = Math.min(ex.free[1], t + this.model.slotMinutes);
    if (!this.time.canLeave(ex, end - t)) return false;
    this.nodes++;
    if (this.outOfBudget()) return false;
    const undo = this.time.leave(ex, t, end);
    const piece = unusedItem(ex, t, end);
    this.hash.add(piece);
    if (this.dfs()) return true;
    this.hash.remove(piece);
    undo();
    return false;
  }

  /** Sessions that can take `ex` from minute t on, most urgent first. */
  private movesAt(ex: Exclusive, t: number): Move[] {
    const { model } = this;
    const moves: Move[] = [];
    for (const run of this.runs) {
      if (run.left === 0) continue;
      const proto = run.ctx.proto;
      for (const series of proto.series) {
        const si = series.index;
        const k = placedCount(run, si);
        if (k >= run.doms[si].length) continue;
        const st = model.sessionTypes[series.sessionType];
        const dom = run.doms[si][k];
        const due = model.slotStart[dom[dom.length - 1]];
        const offsets: Array<{ start: number; need: number }> = [];
        if (ex.kind === 'room' && st.room?.candidates.includes(ex.index))
          offsets.push({ start: t, need: -1 });
        if (ex.kind === 'person')
          st.needs.forEach((need, ni) => {
            if (!need.present && need.candidates.includes(ex.index))
              offsets.push({ start: t - need.offset, need: ni });
          });
        for (const { start, need } of offsets) {
          const i = firstSlotAtOrAfter(model.slotStart, dom, start);
          if (i >= dom.length || model.slotStart[dom[i]] !== start) continue;
          const slot = dom[i];
          const day = model.slotDay[slot];
          const [lo, hi] = run.ctx.chainRange(si, k);
          if (start < lo || start > hi || !run.ctx.fits(si, k, start, day)) continue;
          const at = { st, si, start, day };
          for (const asg of choicesUsing(this.model, this.state, this.time, run.ctx, at, ex, need))
            moves.push({
              p: run,
              series: si,
              k,
              slot,
              room: asg.room,
              staff: asg.staff,
              misfit: this.time.misfit(st, start, asg.room, asg.staff),
              due,
              tie: this.rng.next(),
            });
        }
      }
    }
    // Even restarts: earliest deadline among equal misfits; odd ones: random among them.
    if (this.restart % 2 === 1) return moves.sort((a, b) => a.misfit - b.misfit || a.tie - b.tie);
    return moves.sort((a, b) => a.misfit - b.misfit || a.due - b.due || a.tie - b.tie);
  }

  /** Places the move; its undo, or null when the state it leaves cannot be completed. */
  private place(move: Move): (() => void) | null {
    const { model, state } = this;
    const run = move.p;
    const st = model.sessionTypes[run.ctx.proto.series[move.series].sessionType];
    const start = model.slotStart[move.slot];
    const day = model.slotDay[move.slot];
    const placed: PlacedSession = {
      series: move.series,
      index: move.k + 1,
      slot: move.slot,
      start,
      day,
      room: move.room,
      staff: move.staff,
      existing: null,
      moved: false,
      booking: newBookingId(),
    };
    // A use inside a piece with one tiling must be one of its tiles (forced-uses.ts).
    const uses = sessionUses(st, placed);
    const exclusive = uses.map((u) =>
      u.kind === 'room' ? this.time.room(u.index) : this.time.person(u.index),
    );
    if (!uses.every((u, i) => this.forced.agrees(exclusive[i], u.s, u.e))) return null;
    const doms = run.doms;
    run.ctx.place(placed);
    run.continuity.add(move.series, placed.staff, 1);
    occupySession(model, state, run.index, placed);
    run.left--;
    this.deepest = Math.max(this.deepest, ++this.placed);
    const items = stateItems(run, st, placed, uses);
    for (const item of items) this.hash.add(item);
    const undoTime = uses.map((u, i) => this.time.take(exclusive[i], u.s, u.e));
    const undo = () => {
      for (const item of items) this.hash.remove(item);
      for (let i = undoTime.length - 1; i >= 0; i--) undoTime[i]();
      run.left++;
      this.placed--;
      releaseSession(model, state, run.index, placed);
      run.continuity.add(move.series, placed.staff, -1);
      run.ctx.unplace(placed);
      run.doms = doms;
    };
    const next = this.time.overspent() ? null : narrowAfter(model, state, this.time, run, placed);
    const done = run.left > 0 || (run.ctx.spanMinMet() && run.ctx.followUpsPossible());
    if (!next || !done) {
      undo();
      return null;
    }
    run.doms = next;
    return undo;
  }
}

/** The Luby sequence 1, 1, 2, 1, 1, 2, 4, … (restart lengths). */
function luby(i: number): number {
  let k = 1;
  while ((1 << k) - 1 < i) k++;
  if ((1 << k) - 1 === i) return 1 << (k - 1);
  return luby(i - (1 << (k - 1)) + 1);
}
