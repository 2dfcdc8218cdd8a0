/**
 * The whole-clinic search: builds each patient's static domains, places
 * pinned bookings, inserts patients most-constrained first; when some are
 * left out, re-builds the whole plan in learned orders with packing
 * insertions (squeaky wheel); then improves by local search (ruin and
 * recreate around the patients still out, re-planning one patient,
 * ruin-and-recreate of a few) until no move helps or the time runs out.
 */
import { compareScores, type Score } from '../format';
import type { Model } from '../model/types';
import { computeDomains, type PatientDomains } from './domains';
import { freeResourceDomains } from './free-domains';
import { newBookingId, occupySession, releaseSession, type PatientPlan } from './patient-plan';
import { lowerBound, rootLowerBound, searchPatient, type SearchBudget } from './patient-search';
import { Prng } from './prng';
import { ResourceState } from './resource-state';
import { existingOccurrenceKey } from './group-occurrences';
import {
  patientsInShortOccurrences as groupShortPatients,
  mergeGroups,
  settleGroups,
} from './planner-groups';
import { consolidateGroups } from './group-consolidate';
import { ProgressThrottle } from './progress-throttle';
import { overlappingPatients, victimSets } from './victims';
import { squeakyWheel } from './squeaky-wheel';
import { exactPatientSearch } from './exact-search';
import { jointRepair } from './joint-repair';
import { doneDayRange } from './course';

export interface PlannerOptions {
  seed: number;
  deadline: number;
  clock: () => number;
  onPlaced?: (placed: number) => void;
  /** Called during local search when the score improved (at most every PROGRESS_EVERY_MOVES moves) and at its end. */
  onImproved?: () => void;
}

/** Local-search moves between two progress reports at most. */
const PROGRESS_EVERY_MOVES = 8;
/** Coverage rounds without a newly scheduled patient before polishing starts. */
const COVERAGE_STALE_ROUNDS = 3;
/** Coverage rounds at most (a bound in work, see POLISH_ROUNDS). */
const COVERAGE_ROUNDS = 8;
/** Ruin-and-recreate attempts per unscheduled patient and round with its plan drawn at random. */
const DIVERSIFIED_ATTEMPTS = 8;
/**
 * Polishing rounds at most: a bound in work, not time, so that results do not
 * depend on machine speed unless the time limit is reached first.
 */
const POLISH_ROUNDS = 4;
/** Victim sets tried per patient and round when polishing the score. */
const POLISH_SETS = 2;
/** Patients re-planned with their conflicting patients, and random groups, per polishing round. */
const POLISH_MOVES = 12;

/**
 * Joint repair (joint-repair.ts): rounds over the patients still out, nodes
 * per joint search and in all (a bound in work, like POLISH_ROUNDS), largest
 * neighbourhood, neighbourhoods drawn per attempt.
 */
const JOINT_ROUNDS = 30;
const JOINT_NODES = 20_000;
const JOINT_TOTAL_NODES = 400_000;
const JOINT_MAX_NEIGHBOURS = 8;
const JOINT_DRAWS = 24;
/**
 * Joint repair before the coverage rounds: at most this share of the time
 * left and this many nodes (on a large clinic the coverage rounds bring in
 * more per second; on a tight small one the joint repair settles what they
 * cannot). The rest of JOINT_TOTAL_NODES is for after them.
 */
const JOINT_TIME_SHARE = 0.25;
const JOINT_FIRST_NODES = 40_000;

export const FIRST_BUDGET: SearchBudget = {
  nodes: 20_000,
  improveNodes: 1_500,
  exactNodes: 1_000,
  exactScales: true,
};
/** Squeaky-wheel re-construction: the first plan found, packed first fit. */
export const PACKING_BUDGET: SearchBudget = { nodes: 3_000, improveNodes: 0, packing: true };
/** The first-fit floor's passes: packed, with a thorough complete search behind each insertion. */
export const FLOOR_BUDGET: SearchBudget = { ...PACKING_BUDGET, exactNodes: 500 };
/**
 * Nodes of one complete search (exact-search) for a budget with
 * `exactScales`: at least this divided by the square of the number of
 * patients, so that a patient alone gets a thorough search and a
 * crowded clinic's many failed insertions leave time to the local search.
 * Nodes, not time: the same seed gives the same plan on any machine.
 */
const EXACT_SOLO_NODES = 100_000;
/** Nodes the quality search may spend on a first plan before the complete search takes over. */
const QUICK_NODES_BEFORE_EXACT = 2_000;
/** Share of the time left for the local search kept for settling and merging group occurrences. */
const GROUP_SETTLE_SHARE = 0.25;
/** Squeaky-wheel passes at most (a bound in work, like POLISH_ROUNDS). */
const REBUILD_ROUNDS = 50;
/** Share of the time left after the first construction that re-building may start passes in. */
const REBUILD_TIME_SHARE = 0.6;
/** The patients moved to bring one in, re-inserted: feasibility first, a little polishing. */
export const RECREATE_BUDGET: SearchBudget = { nodes: 5_000, improveNodes: 300, exactNodes: 300 };
/** The patient brought in by ruin and recreate: the first plan found, packed. */
export const BRING_IN_BUDGET: SearchBudget = {
  nodes: 5_000,
  improveNodes: 0,
  packing: true,
  exactNodes: 300,
};
/** Re-planning a scheduled patient (its old plan stays when nothing better is found). */
export const REPLAN_BUDGET: SearchBudget = { nodes: 20_000, improveNodes: 6_000 };
/** Bringing in a patient still out, alone, before ruin and recreate around it. */
export const OPEN_INSERT_BUDGET: SearchBudget = {
  ...REPLAN_BUDGET,
  exactNodes: 1_000,
  exactScales: true,
};

export class Planner {
  readonly state: ResourceState;
  readonly domains: PatientDomains[];
  readonly plans: Array<PatientPlan | null>;
  /** Patients whose isolated search space was exhausted without a plan: provably unschedulable. */
  readonly provenInfeasible = new Set<number>();
  /** Per patient: lower bound on the last session's day (state-independent), once searched. */
  readonly rootBound: number[];
  private readonly prng: Prng;

  constructor(
    readonly model: Model,
    private readonly opts: PlannerOptions,
  ) {
    this.state = pinnedState(model);
    this.prng = new Prng(opts.seed);
    this.plans = model.patients.map(() => null);
    this.rootBound = model.patients.map(() => -Infinity);
    this.domains = model.patients.map((p) => {
      const fixed = new Map<number, number>();
      for (const e of p.existing)
        if (e.pinned) fixed.set(e.series * 1000 + e.index, lowerBound(model.slotStart, e.start));
      return computeDomains(model, p, fixed);
    });
    this.domains.forEach((d, i) => {
      if (d.failure) this.provenInfeasible.add(i);
      else this.rootBound[i] = rootLowerBound(model, i, d.domains);
    });
  }

  timeLeft(): boolean {
    return this.opts.clock() < Math.min(this.opts.deadline, this.searchUntil);
  }

  /** An earlier end for the local search (time kept for settling group occurrences). */
  private searchUntil = Infinity;

  score(): Score {
    let scheduled = 0;
    let moved = 0;
    let breaks = 0;
    let days = 0;
    // A patient in a group occurrence below min is not scheduled (yet).
    const short = this.state.groups.size > 0 ? groupShortPatients(this.model, this.state) : null;
    this.model.patients.forEach((p, i) => {
      const plan = this.plans[i];
      if (plan && !short?.has(i)) {
        scheduled++;
        moved += plan.moved;
        breaks += plan.breaks;
        // A course whose sessions are all done ends on its last done day (format 1.1).
        const last = plan.sessions.length > 0 ? plan.lastDay : (doneDayRange(p)?.[1] ?? null);
        if (last !== null) days += last - p.completionBase;
      } else moved += p.existing.filter((e) => !e.pinned).length;
    });
    return {
      scheduledPatients: scheduled,
      movedAppointments: moved,
      continuityBreaks: breaks,
      completionDays: days,
    };
  }

  commit(plan: PatientPlan): void {
    for (const s of plan.sessions) {
      if (s.existing?.pinned) continue;
      s.booking = newBookingId();
      occupySession(this.model, this.state, plan.patient, s);
    }
    this.plans[plan.patient] = plan;
  }

  release(p: number): PatientPlan | null {
    const plan = this.plans[p];
    if (!plan) return null;
    for (const s of plan.sessions)
      if (!s.existing?.pinned) releaseSession(this.model, this.state, p, s);
    this.plans[p] = null;
    return plan;
  }

  /** Searches a plan for patient p against the current state and commits it. */
  insert(p: number, budget: SearchBudget, rng: Prng | null = null): boolean {
    const plan = this.search(p, budget, rng);
    if (plan) this.commit(plan);
    return plan !== null;
  }

  /**
   * Searches patient p against the current state, on domains narrowed to free
   * resources: the quality search first; when it finds nothing, the complete
   * search within `budget.exactNodes` (none when 0); a proof there that p
   * does not fit leads to the search alone (proveAlone).
   */
  private search(p: number, budget: SearchBudget, rng: Prng | null = null): PatientPlan | null {
    if (this.provenInfeasible.has(p)) return null;
    const model = this.model;
    const dyn =
      this.state.size === 0
        ? this.domains[p]
        : freeResourceDomains(model, this.state, model.patients[p], this.domains[p].domains);
    if (dyn.failure) return null;
    // Its candidates are thinned: an exhausted quality search proves nothing.
    const quick = searchPatient(
      model,
      this.state,
      p,
      dyn.domains,
      budget.exactNodes
        ? { ...budget, nodes: Math.min(budget.nodes, QUICK_NODES_BEFORE_EXACT) }
        : budget,
      rng,
    );
    if (quick.plan) return quick.plan;
    const exactNodes = budget.exactNodes ?? 0;
    if (exactNodes <= 0 || !this.timeLeft()) return null;
    const exact = exactPatientSearch(model, this.state, p, dyn.domains, {
      nodeLimit: budget.exactScales
        ? Math.max(exactNodes, Math.floor(EXACT_SOLO_NODES / this.model.patients.length ** 2))
        : exactNodes,
      deadline: this.opts.deadline,
      clock: this.opts.clock,
    });
    if (exact.outcome === 'infeasible') this.proveAlone(p);
    return exact.plan;
  }

  /**
   * After a proof that p does not fit among the others: whether p fits with
   * nobody else booked (pinned bookings and busy times stay). A proof that
   * it does not makes p provably unschedulable; it is not searched again.
   */
  private proveAlone(p: number): void {
    if (this.alone.has(p)) return;
    this.alone.add(p);
    const exact = exactPatientSearch(
      this.model,
      pinnedState(this.model),
      p,
      this.domains[p].domains,
      { nodeLimit: EXACT_SOLO_NODES, deadline: this.opts.deadline, clock: this.opts.clock },
    );
    if (exact.outcome === 'infeasible') this.provenInfeasible.add(p);
  }

  /** Patients whose fit alone was searched (proveAlone). */
  private readonly alone = new Set<number>();

  /** Most constrained first: existing bookings, then the least slack after the earliest finish, then the smallest domains. */
  patientOrder(): number[] {
    const tightness = this.domains.map((d) => {
      let min = Infinity;
      for (const list of d.domains) for (const dom of list) min = Math.min(min, dom.length);
      return min;
    });
    return this.model.patients
      .map((p) => p.index)
      .sort((a, b) => {
        const ea = this.model.patients[a].existing.length > 0 ? 0 : 1;
        const eb = this.model.patients[b].existing.length > 0 ? 0 : 1;
        const slackA = this.model.patients[a].lastDay - this.rootBound[a];
        const slackB = this.model.patients[b].lastDay - this.rootBound[b];
        return ea - eb || slackA - slackB || tightness[a] - tightness[b] || a - b;
      });
  }

  /** Patients never searched because the time limit came first. */
  readonly notTried = new Set<number>();

  /**
   * Inserts every patient, most constrained first; when some are left out,
   * re-builds by the squeaky wheel with packing insertions and keeps the best.
   */
  construct(): void {
    const order = this.patientOrder();
    let placed = 0;
    for (const p of order) {
      if (!this.timeLeft()) {
        this.notTried.add(p);
        continue;
      }
      if (this.insert(p, FIRST_BUDGET)) placed++;
      this.opts.onPlaced?.(placed);
    }
    if (this.notTried.size > 0) return;
    const floorOrder = this.firstFitFloor();
    const now = this.opts.clock();
    const rebuildUntil = now + (this.opts.deadline - now) * REBUILD_TIME_SHARE;
    squeakyWheel(
      {
        plans: this.plans,
        score: () => this.score(),
        timeLeft: () => this.timeLeft(),
        insert: (p) => this.insert(p, PACKING_BUDGET),
        clear: () => this.plans.forEach((_, p) => this.release(p)),
        restore: (plans) => plans.forEach((plan) => plan && this.commit(plan)),
      },
      floorOrder ?? order,
      this.provenInfeasible,
      {
        rounds: REBUILD_ROUNDS,
        mayStartPass: () => this.opts.clock() < rebuildUntil,
        compare: compareScores,
        onRound: (best) => this.opts.onPlaced?.(best),
      },
    );
  }

  /**
   * The first-fit floor: when the first construction leaves patients out,
   * whole first-fit constructions (packing insertions, each backed by the
   * complete search) in the problem's own patient order and by earliest
   * start; the best plan seen stays committed, so the solve never ends with
   * fewer patients than these passes. Returns the order of the winning pass
   * (null: the first construction stayed best).
   */
  private firstFitFloor(): number[] | null {
    const n = this.model.patients.length;
    if (this.plans.every((plan, p) => plan || this.provenInfeasible.has(p))) return null;
    const byInput = [...Array(n).keys()];
    const byStart = [...byInput].sort(
      (a, b) => this.model.patients[a].firstDay - this.model.patients[b].firstDay || a - b,
    );
    let best = [...this.plans];
    let bestScore = this.score();
    let bestOrder: number[] | null = null;
    for (const order of [byInput, byStart]) {
      if (!this.timeLeft()) break;
      this.plans.forEach((_, p) => this.release(p));
      for (const p of order) {
        if (!this.timeLeft()) break;
        if (!this.provenInfeasible.has(p)) this.insert(p, FLOOR_BUDGET);
      }
      const score = this.score();
      if (compareScores(score, bestScore) < 0) {
        best = [...this.plans];
        bestScore = score;
        bestOrder = order;
      }
    }
    this.plans.forEach((_, p) => this.release(p));
    best.forEach((plan) => plan && this.commit(plan));
    return bestOrder;
  }

  /** Nodes spent by joint repair so far (bounded by JOINT_TOTAL_NODES). */
  private jointNodes = 0;

  /** Brings in patients still out by joint re-solves of neighbourhoods (joint-repair.ts). */
  private repairJointly(until: number, nodeBound: number): void {
    if (this.plans.every((plan, p) => plan || this.provenInfeasible.has(p))) return;
    const stats = jointRepair(
      {
        model: this.model,
        state: this.state,
        plans: this.plans,
        provenInfeasible: this.provenInfeasible,
        baseDomains: (p) => this.domains[p].domains,
        timeLeft: () => this.opts.clock() < until,
        release: (p) => this.release(p),
        commit: (plan) => this.commit(plan),
      },
      this.prng,
      {
        rounds: JOINT_ROUNDS,
        nodes: JOINT_NODES,
        totalNodes: nodeBound - this.jointNodes,
        maxNeighbours: JOINT_MAX_NEIGHBOURS,
        draws: JOINT_DRAWS,
        deadline: until,
        clock: this.opts.clock,
        onPlaced: (placed) => this.opts.onPlaced?.(placed),
      },
    );
    this.jointNodes += stats.nodes;
  }

  /** Whether patient p's plan cannot be improved on its own (no moves, no breaks, earliest last day). */
  atBound(p: number): boolean {
    const plan = this.plans[p];
    return !!plan && plan.moved === 0 && plan.breaks === 0 && plan.lastDay <= this.rootBound[p];
  }

  /** Re-plans patient p alone; keeps the new plan only if the score improves. */
  private replan(p: number): boolean {
    if (this.atBound(p)) return false;
    const before = this.score();
    const old = this.release(p);
    const plan = this.search(p, REPLAN_BUDGET);
    if (plan) {
      this.commit(plan);
      if (compareScores(this.score(), before) < 0) return true;
      this.release(p);
    }
    if (old) this.commit(old);
    return false;
  }

  /** Removes `victims`, inserts `first` then the victims again; keeps it only if better. */
  private ruinAndRecreate(victims: number[], first: number[], diversify = false): boolean {
    const before = this.score();
    const old = new Map<number, PatientPlan>();
    for (const v of [...victims, ...first]) {
      const plan = this.release(v);
      if (plan) old.set(v, plan);
    }
    const order = [...first, ...victims.filter((v) => !first.includes(v))];
    // Bringing a patient in: it is packed in first, the patients moved for it
    // get a quick quality search; polishing: the full budget.
    const budget = first.length > 0 ? RECREATE_BUDGET : FIRST_BUDGET;
    for (const p of order) {
      // A diversified plan is the first one found: polishing would pull it back to the greedy one.
      if (first.includes(p)) this.insert(p, BRING_IN_BUDGET, diversify ? this.prng : null);
      else this.insert(p, budget);
    }
    if (compareScores(this.score(), before) < 0) return true;
    for (const p of order) this.release(p);
    for (const plan of old.values()) this.commit(plan);
    return false;
  }

  /**
   * Local search until no move helps or time runs out: first bring in
   * unscheduled patients (ruin and recreate around the patients holding the
   * resources they need), then polish the score (re-plan single patients,
   * ruin and recreate small groups).
   */
  improve(maxRounds = POLISH_ROUNDS): void {
    const n = this.model.patients.length;
    const progress = new ProgressThrottle(PROGRESS_EVERY_MOVES, this.opts.onImproved);
    if (this.model.sessionTypes.some((st) => st.group)) {
      const now = this.opts.clock();
      this.searchUntil = now + (this.opts.deadline - now) * (1 - GROUP_SETTLE_SHARE);
    }
    this.localSearch(n, maxRounds, progress);
    this.searchUntil = Infinity;
    this.settleGroups();
    progress.flush();
  }

  /**
   * Leaves no group occurrence below min, then merges occurrences where the
   * score allows (planner-groups); from then on the state is join-only. Runs
   * once, at the end of the local search.
   */
  settleGroups(): void {
    if (this.state.groups.joinOnly || !this.model.sessionTypes.some((st) => st.group)) return;
    const host = {
      model: this.model,
      state: this.state,
      plans: this.plans,
      release: (p: number) => void this.release(p),
      insert: (p: number) => this.insert(p, OPEN_INSERT_BUDGET),
      insertWith: (p: number, budget: SearchBudget, rng?: Prng) => this.insert(p, budget, rng),
      restore: (plan: PatientPlan) => this.commit(plan),
      timeLeft: () => this.timeLeft(),
      score: () => this.score(),
      notWorse: (before: Score) => compareScores(this.score(), before) <= 0,
    };
    settleGroups(host);
    mergeGroups(host);
    consolidateGroups(host);
  }

  private localSearch(n: number, maxRounds: number, progress: ProgressThrottle): void {
    // Joint repair first, in part of the time left (it can settle what moving
    // one patient at a time cannot), then the coverage rounds, then the rest.
    const now = this.opts.clock();
    this.repairJointly(now + (this.opts.deadline - now) * JOINT_TIME_SHARE, JOINT_FIRST_NODES);
    let stale = 0;
    for (
      let round = 0;
      round < COVERAGE_ROUNDS && stale < COVERAGE_STALE_ROUNDS && this.timeLeft();
      round++
    ) {
      const open = [...Array(n).keys()].filter(
        (p) => !this.plans[p] && !this.provenInfeasible.has(p),
      );
      if (open.length === 0) break;
      let improved = false;
      for (const p of open) {
        if (!this.timeLeft()) break;
        if (this.plans[p]) continue;
        this.notTried.delete(p);
        const inserted = this.insert(p, OPEN_INSERT_BUDGET);
        progress.move(inserted);
        if (inserted) {
          improved = true;
          continue;
        }
        const sets = victimSets(this.model, this.plans, p, this.prng);
        // Plain attempts, then a few with p's own plan diversified.
        const attempts = [
          ...sets.map((v) => [v, false] as const),
          ...Array.from(
            { length: sets.length > 0 ? DIVERSIFIED_ATTEMPTS : 0 },
            (_, j) => [sets[j % sets.length], true] as const,
          ),
        ];
        for (const [victims, diversify] of attempts) {
          if (!this.timeLeft()) break;
          progress.move(this.ruinAndRecreate(victims, [p], diversify));
          if (this.plans[p]) {
            improved = true;
            break;
          }
        }
      }
      stale = improved ? 0 : stale + 1;
    }
    this.repairJointly(this.opts.deadline, JOINT_TOTAL_NODES);
    for (let round = 0; round < maxRounds && this.timeLeft(); round++) {
      if (this.plans.every((_, p) => this.atBound(p))) return;
      let improved = false;
      for (const p of this.prng.shuffle([...Array(n).keys()])) {
        if (!this.timeLeft()) break;
        if (!this.plans[p]) continue;
        const better = this.replan(p);
        progress.move(better);
        if (better) improved = true;
      }
      // Ruin and recreate around each patient not at its bound: it goes first,
      // then the patients holding what it needs.
      let moves = 0;
      for (const p of this.prng.shuffle([...Array(n).keys()])) {
        if (!this.timeLeft() || moves >= POLISH_MOVES) break;
        if (!this.plans[p] || this.atBound(p)) continue;
        moves++;
        for (const victims of victimSets(this.model, this.plans, p, this.prng).slice(
          0,
          POLISH_SETS,
        )) {
          if (!this.timeLeft() || this.atBound(p)) break;
          const better = this.ruinAndRecreate([p, ...victims], []);
          progress.move(better);
          if (better) improved = true;
        }
      }
      // And a few random groups, in random order.
      const scheduled = [...Array(n).keys()].filter((p) => this.plans[p]);
      for (let m = 0; m < Math.min(n, POLISH_MOVES) && this.timeLeft(); m++) {
        const open = scheduled.filter((q) => this.plans[q] && !this.atBound(q));
        if (open.length === 0) break;
        const p = open[this.prng.int(open.length)];
        const others = overlappingPatients(this.model, this.plans, p);
        if (others.length === 0) continue;
        const victims = this.prng
          .shuffle(others)
          .slice(0, 1 + this.prng.int(Math.min(2, others.length)));
        const better = this.ruinAndRecreate(this.prng.shuffle([p, ...victims]), []);
        progress.move(better);
        if (better) improved = true;
      }
      if (!improved) break;
    }
  }
}

/** A resource state holding every patient's pinned bookings and nothing else. */
export function pinnedState(model: Model): ResourceState {
  const state = new ResourceState(model);
  for (const p of model.patients) {
    for (const e of p.existing) {
      if (!e.pinned) continue;
      const proto = model.protocols[p.protocol];
      const slot = lowerBound(model.slotStart, e.start);
      occupySession(model, state, p.index, {
        series: e.series,
        index: e.index,
        slot,
        start: e.start,
        day: model.slotDay[Math.min(slot, model.slotDay.length - 1)],
        room: model.sessionTypes[proto.series[e.series].sessionType].room ? e.room : -1,
        staff: e.staff,
        existing: e,
        moved: false,
        booking: -(p.index + 1) * 1000 - e.series * 100 - e.index,
        occurrence: existingOccurrenceKey(e),
      });
    }
  }
  return state;
}
