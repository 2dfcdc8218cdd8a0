/**
 * Complete search for one patient against a fixed resource state (everyone
 * else's sessions, bookings and busy times as they are): finds a plan
 * whenever one exists, or proves that none does, unless a limit stops it.
 *
 * Depth-first over the patient's sessions, smallest domain first, every start
 * of a domain in time order (no thinning), and at each start every
 * assignment that can make a difference to the patient's other sessions
 * (see assignment-options). After each placement the other sessions'
 * domains are filtered against it (patient day, breaks, notSameDay, offsets
 * through the context; staff limits, room turnover and a continuity person
 * through the resource state) and propagated (gaps, per-day caps, offsets,
 * follow-ups, span); a follow-up matching that can no longer be completed
 * cuts the branch. Every pruning is sound, so an exhausted search is a proof.
 */
import type { ExistingModel, Model } from '../model/types';
import { canAssign } from './assign';
import { assignmentOptions } from './assignment-options';
import { ContinuityTracker } from './candidates';
import { rulesHold } from './follow-up-matching';
import { PatientContext } from './patient-context';
import { requiredPerson } from './required-continuity';
import {
  newBookingId,
  occupySession,
  releaseSession,
  type PatientPlan,
  type PlacedSession,
} from './patient-plan';
import type { ResourceState } from './resource-state';
import { firstSlotAtOrAfter, lowerBound } from './slots';
import {
  existingOccurrenceKey,
  joinAssignment,
  joinsFirst,
  occurrenceOf,
  seatsAt,
} from './group-occurrences';

/** found: `plan` is set; infeasible: proven that no plan exists; limit: the search stopped on a limit. */
export type ExactOutcome = 'found' | 'infeasible' | 'limit';

export interface ExactResult {
  plan: PatientPlan | null;
  outcome: ExactOutcome;
  nodes: number;
}

export interface ExactLimits {
  nodeLimit: number;
  /** Clock value after which the search stops (outcome "limit"). */
  deadline?: number;
  clock?: () => number;
}

type Domains = Int32Array[][];

export function exactPatientSearch(
  model: Model,
  state: ResourceState,
  patientIndex: number,
  domains: Domains,
  limits: ExactLimits,
): ExactResult {
  const budget = newExactBudget(limits);
  const plans = exactPatientPlans(model, state, patientIndex, domains, budget);
  const first = plans.next();
  plans.return();
  const plan = first.done ? null : first.value;
  return {
    plan,
    outcome: plan ? 'found' : budget.stopped || budget.truncated ? 'limit' : 'infeasible',
    nodes: budget.nodes,
  };
}

/** Work shared by one or several complete searches (a joint search over several patients). */
export interface ExactBudget {
  nodes: number;
  readonly limits: ExactLimits;
  /** A limit was reached: what was not explored is unknown. */
  stopped: boolean;
  /** Some start's assignments were too many to enumerate: no proof of infeasibility. */
  truncated: boolean;
}

export function newExactBudget(limits: ExactLimits): ExactBudget {
  return { nodes: 0, limits, stopped: false, truncated: false };
}

/** Called around each placement of a joint search (joint-search.ts): `place` false cuts the branch. */
export interface PlacementHooks {
  place(session: PlacedSession): boolean;
  unplace(session: PlacedSession): void;
}

/**
 * Every plan of the patient in search order, each yielded while its sessions
 * are occupied in `state` (so that a caller may search other patients
 * against it); resuming or closing the generator releases them. Ends early
 * when `budget` runs out (then `budget.stopped`).
 */
export function* exactPatientPlans(
  model: Model,
  state: ResourceState,
  patientIndex: number,
  domains: Domains,
  budget: ExactBudget,
  hooks?: PlacementHooks,
): Generator<PatientPlan, void, undefined> {
  const limits = budget.limits;
  const patient = model.patients[patientIndex];
  const ctx = new PatientContext(model, patient);
  const proto = ctx.proto;
  const T = model.slotStart;
  const D = model.slotDay;
  ctx.placePinned();
  const kept = new Map<number, ExistingModel>();
  let dropped = 0;
  for (const e of patient.existing) {
    if (e.pinned) continue;
    if (e.index > patient.counts[e.series]) dropped++;
    else kept.set(e.series * 1000 + e.index, e);
  }
  const continuity = new ContinuityTracker(model, proto);
  for (const p of [...ctx.done, ...ctx.list]) continuity.add(p.series, p.staff, 1);
  const requireGroups = proto.continuity.filter((c) => c.require);
  const forcedFor = (si: number): number[] =>
    model.sessionTypes[proto.series[si].sessionType].needs.map((n) =>
      n.count === 1 && !n.present ? requiredPerson(model, ctx, si, n.role) : -1,
    );
  const maxLen = model.sessionTypes.reduce(
    (m, st) => Math.max(m, st.duration + (st.room?.turnover ?? 0)),
    0,
  );

  /** Whether a session of series si can start at slot with the patient's placed sessions and the state. */
  const slotOk = (si: number, k: number, slot: number, forced: number[]): boolean => {
    if (!ctx.fits(si, k, T[slot], D[slot])) return false;
    const st = model.sessionTypes[proto.series[si].sessionType];
    if (st.group && seatsAt(model, state.groups, st.index, slot, patientIndex, forced).length > 0)
      return true;
    if (!state.groups.mayOpen(st, D[slot])) return false;
    if (!canAssign(model, state, st, T[slot], D[slot])) return false;
    return forced.every((p, ni) => {
      if (p < 0) return true;
      const need = st.needs[ni];
      const s = T[slot] + need.offset;
      return state.staffFree(p, s, s + need.duration, need.maxConcurrent, D[slot]);
    });
  };

  /** The domains after `placed` went in: its own fixed, the others filtered near it and propagated. */
  const narrow = (doms: Domains, placed: PlacedSession, newlyForced: boolean): Domains | null => {
    const out = doms.map((list) => list.slice());
    out[placed.series][placed.index - 1] = Int32Array.from([placed.slot]);
    const reach = Math.max(maxLen, ctx.separationReach(placed.series));
    const lo = Math.min(model.dayStartAt[placed.day], placed.start) - reach;
    const hi = Math.max(model.dayStartAt[placed.day + 1], placed.start) + reach;
    for (const [si, list] of out.entries()) {
      const forced = forcedFor(si);
      for (let k = 0; k < list.length; k++) {
        if (ctx.placed[si][k]) continue;
        const dom = list[k];
        let a = 0;
        let b = dom.length;
        if (!newlyForced) {
          a = firstSlotAtOrAfter(T, dom, lo);
          b = firstSlotAtOrAfter(T, dom, hi);
        }
        let kept: number[] | null = null;
        for (let i = a; i < b; i++) {
          const ok = slotOk(si, k, dom[i], forced);
          if (!ok && !kept) kept = Array.from(dom.subarray(a, i));
          else if (ok && kept) kept.push(dom[i]);
        }
        if (kept) {
          if (kept.length + a + dom.length - b === 0) return null;
          const next = new Int32Array(a + kept.length + dom.length - b);
          next.set(dom.subarray(0, a));
          next.set(kept, a);
          next.set(dom.subarray(b), a + kept.length);
          list[k] = next;
        }
      }
    }
    return rulesHold(model, ctx, out) ? out : null;
  };

  const clock = limits.clock;
  const outOfBudget = (): boolean => {
    if (budget.stopped) return true;
    if (budget.nodes > limits.nodeLimit) budget.stopped = true;
    else if (clock && limits.deadline !== undefined && (budget.nodes & 31) === 0)
      budget.stopped = clock() >= limits.deadline;
    return budget.stopped;
  };

  function* dfs(doms: Domains): Generator<PatientPlan, void, undefined> {
    // The unplaced session with the fewest starts left.
    let si = -1;
    let k = -1;
    for (const [s, list] of doms.entries())
      for (let j = 0; j < list.length; j++) {
        if (ctx.placed[s][j]) continue;
        if (si < 0 || list[j].length < doms[si][k].length) [si, k] = [s, j];
      }
    if (si < 0) {
      if (ctx.spanMinMet() && ctx.followUpsPossible())
        yield planOf(model, patientIndex, ctx.list, continuity.breaks(), dropped);
      return;
    }
    const st = model.sessionTypes[proto.series[si].sessionType];
    const keptE = kept.get(si * 1000 + k + 1);
    const dom = doms[si][k];
    let order = Array.from(dom);
    // Group series: starts where an occurrence has a seat first (join before opening).
    if (st.group) order = joinsFirst(model, state, patientIndex, st.index, order);
    if (keptE) {
      const at = order.indexOf(lowerBound(T, keptE.start));
      if (at > 0 && T[order[at]] === keptE.start) order.unshift(...order.splice(at, 1));
    }
    const [chainLo, chainHi] = ctx.chainRange(si, k);
    const wishes = continuity.wishesFor(si, state)[0];
    const forced = forcedFor(si);
    for (const slot of order) {
      if (outOfBudget()) return;
      const start = T[slot];
      if (start < chainLo || start > chainHi) continue;
      const day = D[slot];
      if (!ctx.fits(si, k, start, day)) continue;
      const joins = st.group
        ? seatsAt(model, state.groups, st.index, slot, patientIndex, forced).map(joinAssignment)
        : [];
      const { options, complete } = state.groups.mayOpen(st, day)
        ? assignmentOptions(model, state, {
            proto,
            series: si,
            st,
            start,
            day,
            forced,
            wishes,
            kept: keptE,
          })
        : { options: [], complete: true };
      if (!complete) budget.truncated = true;
      for (const asg of [...joins, ...options]) {
        budget.nodes++;
        if (outOfBudget()) return;
        const p: PlacedSession = {
          series: si,
          index: k + 1,
          slot,
          start,
          day,
          room: asg.room,
          staff: asg.staff,
          existing: keptE ?? null,
          moved: !!keptE && !sameBooking(keptE, start, asg.room, asg.staff),
          booking: newBookingId(),
          occurrence:
            keptE && !asg.occurrence && sameBooking(keptE, start, asg.room, asg.staff)
              ? (existingOccurrenceKey(keptE) ?? occurrenceOf(model, proto, si, asg))
              : occurrenceOf(model, proto, si, asg),
        };
        const opensGroup = requireGroups.some(
          (g) =>
            g.series.includes(si) &&
            ![...ctx.done, ...ctx.list].some((q) => g.series.includes(q.series)),
        );
        ctx.place(p);
        continuity.add(si, p.staff, 1);
        occupySession(model, state, patientIndex, p);
        const allowed = hooks ? hooks.place(p) : true;
        try {
          const next = allowed ? narrow(doms, p, opensGroup) : null;
          if (next) yield* dfs(next);
        } finally {
          hooks?.unplace(p);
          releaseSession(model, state, patientIndex, p);
          continuity.add(si, p.staff, -1);
          ctx.unplace(p);
        }
      }
    }
  }

  const root = rootDomains(model, ctx, domains, (si, k, slot) =>
    slotOk(si, k, slot, forcedFor(si)),
  );
  if (root && rulesHold(model, ctx, root)) yield* dfs(root);
}

/** The given domains filtered to starts that fit now; null when one empties. */
function rootDomains(
  model: Model,
  ctx: PatientContext,
  domains: Domains,
  ok: (si: number, k: number, slot: number) => boolean,
): Domains | null {
  const out: Domains = [];
  for (const [si, list] of domains.entries()) {
    out.push([]);
    for (let k = 0; k < list.length; k++) {
      const p = ctx.placed[si][k];
      const dom = p ? Int32Array.from([p.slot]) : list[k].filter((slot) => ok(si, k, slot));
      if (dom.length === 0) return null;
      out[si].push(dom);
    }
  }
  return out;
}

function sameBooking(e: ExistingModel, start: number, room: number, staff: number[][]): boolean {
  if (e.start !== start || e.room !== room || e.staff.length !== staff.length) return false;
  return e.staff.every(
    (x, i) => x.length === staff[i].length && [...x].sort().join() === [...staff[i]].sort().join(),
  );
}

function planOf(
  model: Model,
  patientIndex: number,
  list: PlacedSession[],
  breaks: number,
  dropped: number,
): PatientPlan {
  const sessions = list.map((p) => ({ ...p, staff: p.staff.map((x) => [...x]) }));
  const moved = dropped + sessions.filter((s) => s.moved).length;
  const lastDay = sessions.reduce((m, s) => Math.max(m, s.day), -Infinity);
  void model;
  return { patient: patientIndex, sessions, moved, breaks, lastDay };
}
