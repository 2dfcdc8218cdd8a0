/**
 * The whole-clinic search on the planner's state (planner-core.ts): patients
 * inserted most-constrained first; when some are left out, the first-fit
 * floor (first-fit-floor.ts: packed first-fit passes in a few patient
 * orders), the squeaky wheel's re-builds in learned orders with packing
 * insertions, then the first-fit booker's plans if they place more; then
 * local search: joint repair of neighbourhoods (joint-repair.ts), ruin and
 * recreate around the patients still out, ejection chains
 * (ejection-walk.ts), then polishing (re-planning one patient,
 * ruin-and-recreate of a few) until no move helps or the time runs out. The
 * best plan seen is never lost: every phase keeps or restores it.
 */
import { compareScores, type Score } from '../format';
import type { PatientPlan } from './patient-plan';
import {
  PROGRESS_EVERY_MOVES,
  COVERAGE_STALE_ROUNDS,
  COVERAGE_ROUNDS,
  DIVERSIFIED_ATTEMPTS,
  POLISH_ROUNDS,
  POLISH_SETS,
  POLISH_MOVES,
  JOINT_ROUNDS,
  JOINT_NODES,
  JOINT_TOTAL_NODES,
  JOINT_MAX_NEIGHBOURS,
  JOINT_DRAWS,
  JOINT_TIME_SHARE,
  JOINT_FIRST_NODES,
  FIRST_BUDGET,
  PACKING_BUDGET,
  FLOOR_BUDGET,
  EJECTION_ITERATIONS,
  EJECTION_CANDIDATES,
  EJECTION_TENURE,
  GROUP_SETTLE_SHARE,
  REBUILD_ROUNDS,
  REBUILD_REPAIR_MAX_OUT,
  REBUILD_REPAIR_ROUNDS,
  REBUILD_TIME_SHARE,
  FLOOR_EARLY_SHARE,
  RECREATE_BUDGET,
  BRING_IN_BUDGET,
  REPLAN_BUDGET,
  OPEN_INSERT_BUDGET,
} from './planner-budgets';
import { mergeGroups, settleGroups } from './planner-groups';
import { bringInOutsiders, consolidateGroups } from './group-consolidate';
import type { SearchBudget } from './patient-search';
import type { Prng } from './prng';
import { ProgressThrottle } from './progress-throttle';
import { overlappingPatients, victimSets } from './victims';
import { squeakyWheel } from './squeaky-wheel';
import { jointRepair } from './joint-repair';
import { ejectionWalk } from './ejection-walk';
import {
  adoptIfBetter,
  everyoneIn,
  firstFitFloor,
  floorOrders,
  type FloorHost,
} from './first-fit-floor';
import { PlannerCore } from './planner-core';

export type { PlannerOptions } from './planner-core';

export class Planner extends PlannerCore {
  /**
   * Inserts every patient, most constrained first; when some are left out,
   * the first-fit floor (first-fit-floor.ts) keeps the best of that and
   * packed first-fit passes; then re-builds by the squeaky wheel with
   * packing insertions and keeps the best; last, the first-fit booker's
   * plans replace all that if they schedule more patients.
   */
  construct(): void {
    const order = this.patientOrder();
    const start = this.opts.clock();
    const floorAt = start + (this.opts.deadline - start) * FLOOR_EARLY_SHARE;
    let floor = this.opts.firstFitPlans;
    let placed = 0;
    for (const p of order) {
      if (!this.timeLeft()) {
        this.notTried.add(p);
        continue;
      }
      if (floor === this.opts.firstFitPlans && floor && this.opts.clock() >= floorAt) {
        // Made while there is time for it (see FLOOR_EARLY_SHARE); adopted below if better.
        const made = floor();
        floor = () => made;
      }
      if (this.insert(p, FIRST_BUDGET)) placed++;
      this.opts.onPlaced?.(placed);
    }
    if (this.notTried.size > 0) {
      // Cut by the time limit: the booker's plans still count.
      if (adoptIfBetter(this.floorHost(), floor))
        for (const p of [...this.notTried]) if (this.plans[p]) this.notTried.delete(p);
      return;
    }
    const floorOrder = firstFitFloor(this.floorHost(), floorOrders(this.model));
    const now = this.opts.clock();
    const rebuildUntil = now + (this.opts.deadline - now) * REBUILD_TIME_SHARE;
    squeakyWheel(
      {
        plans: this.plans,
        score: () => this.score(),
        timeLeft: () => this.timeLeft(),
        insert: (p) => this.insert(p, PACKING_BUDGET),
        repair: () => this.repairPass(),
        clear: () => this.plans.forEach((_, p) => this.release(p)),
        restore: (plans) => plans.forEach((plan) => plan && this.commit(plan)),
      },
      floorOrder ?? order,
      this.provenInfeasible,
      {
        rounds: REBUILD_ROUNDS,
        repairMaxOut: REBUILD_REPAIR_MAX_OUT,
        mayStartPass: () => this.opts.clock() < rebuildUntil,
        compare: compareScores,
        onRound: (best) => this.opts.onPlaced?.(best),
      },
    );
    adoptIfBetter(this.floorHost(), floor);
  }

  /**
   * Replaces the plans by `plans` (one or null per patient, valid together)
   * when they schedule more patients; whether it did.
   */
  adoptIfMore(plans: ReadonlyArray<PatientPlan | null>): boolean {
    return adoptIfBetter(this.floorHost(), () => plans);
  }

  private floorHost(): FloorHost {
    return {
      model: this.model,
      plans: this.plans,
      provenInfeasible: this.provenInfeasible,
      score: () => this.score(),
      timeLeft: () => this.timeLeft(),
      release: (p) => this.release(p),
      commit: (plan) => this.commit(plan),
      insertPacked: (p) => this.insert(p, FLOOR_BUDGET),
    };
  }

  /** Nodes spent by joint repair so far (bounded by JOINT_TOTAL_NODES). */
  private jointNodes = 0;

  /** Brings in patients still out by joint re-solves of neighbourhoods (joint-repair.ts). */
  private repairJointly(until: number, nodeBound: number): void {
    if (everyoneIn(this)) return;
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

  /** Ejection chains over the patients still out (ejection-walk.ts). */
  private walkEjections(): void {
    if (everyoneIn(this)) return;
    ejectionWalk(
      {
        model: this.model,
        plans: this.plans,
        provenInfeasible: this.provenInfeasible,
        baseDomains: (p) => this.domains[p].domains,
        score: () => this.score(),
        timeLeft: () => this.timeLeft(),
        release: (p) => this.release(p),
        commit: (plan) => this.commit(plan),
        insert: (p) => this.insert(p, OPEN_INSERT_BUDGET),
        insertDiversified: (p) => this.insert(p, BRING_IN_BUDGET, this.prng),
      },
      this.prng,
      { iterations: EJECTION_ITERATIONS, candidates: EJECTION_CANDIDATES, tenure: EJECTION_TENURE },
    );
    this.opts.onPlaced?.(this.score().scheduledPatients);
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
    bringInOutsiders(host, this.provenInfeasible);
  }

  /**
   * Coverage rounds bringing in the few patients a squeaky-wheel pass left
   * out, with at most as many insertions as the pass had (so a repair costs
   * at most about one more pass).
   */
  private repairPass(): void {
    const quiet = new ProgressThrottle(PROGRESS_EVERY_MOVES, undefined);
    const until = this.insertions + this.model.patients.length;
    const mayGoOn = () => this.timeLeft() && this.insertions < until;
    for (let r = 0; r < REBUILD_REPAIR_ROUNDS && !everyoneIn(this) && mayGoOn(); r++)
      this.coverageRound(quiet, mayGoOn);
  }

  /**
   * One coverage round: each patient still out is inserted alone, else by
   * ruin and recreate around the patients holding what it needs (victims.ts),
   * plain attempts then a few with its own plan diversified, while `mayGoOn`;
   * whether any came in.
   */
  private coverageRound(
    progress: ProgressThrottle,
    mayGoOn: () => boolean = () => this.timeLeft(),
  ): boolean {
    let improved = false;
    const open = this.model.patients
      .map((patient) => patient.index)
      .filter((p) => !this.plans[p] && !this.provenInfeasible.has(p));
    for (const p of open) {
      if (!mayGoOn()) break;
      if (this.plans[p]) continue;
      this.notTried.delete(p);
      const inserted = this.insert(p, OPEN_INSERT_BUDGET);
      progress.move(inserted);
      if (inserted) {
        improved = true;
        continue;
      }
      const sets = victimSets(this.model, this.plans, p, this.prng);
      const attempts = [
        ...sets.map((v) => [v, false] as const),
        ...Array.from(
          { length: sets.length > 0 ? DIVERSIFIED_ATTEMPTS : 0 },
          (_, j) => [sets[j % sets.length], true] as const,
        ),
      ];
      for (const [victims, diversify] of attempts) {
        if (!mayGoOn()) break;
        progress.move(this.ruinAndRecreate(victims, [p], diversify));
        if (this.plans[p]) {
          improved = true;
          break;
        }
      }
    }
    return improved;
  }

  private localSearch(n: number, maxRounds: number, progress: ProgressThrottle): void {
    // Joint repair first, in part of the time left (it can settle what moving
    // one patient at a time cannot), then the coverage rounds, then the rest.
    const now = this.opts.clock();
    this.repairJointly(now + (this.opts.deadline - now) * JOINT_TIME_SHARE, JOINT_FIRST_NODES);
    let stale = 0;
    for (
      let round = 0;
      round < COVERAGE_ROUNDS &&
      stale < COVERAGE_STALE_ROUNDS &&
      this.timeLeft() &&
      !everyoneIn(this);
      round++
    )
      stale = this.coverageRound(progress) ? 0 : stale + 1;
    this.repairJointly(this.opts.deadline, JOINT_TOTAL_NODES);
    this.walkEjections();
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
