/**
 * The planner's state and its one-patient moves (planner.ts builds the
 * whole-clinic search on them): each patient's static domains, the resource
 * state with the pinned bookings, the plans, the score; inserting a patient
 * (quality search, then the complete search, a proof leading to the search
 * alone), its first-fit dive, releasing and committing plans.
 */
import type { Score } from '../format';
import type { Model } from '../model/types';
import { computeDomains, type PatientDomains } from './domains';
import { freeResourceDomains } from './free-domains';
import { newBookingId, occupySession, releaseSession, type PatientPlan } from './patient-plan';
import { lowerBound, rootLowerBound, searchPatient, type SearchBudget } from './patient-search';
import { Prng } from './prng';
import type { ResourceState } from './resource-state';
import { pinnedState } from './pinned-state';
import { EXACT_SOLO_NODES, QUICK_NODES_BEFORE_EXACT } from './planner-budgets';
import { patientsInShortOccurrences as groupShortPatients } from './planner-groups';
import { exactPatientSearch } from './exact-search';
import { doneDayRange } from './course';

export interface PlannerOptions {
  seed: number;
  deadline: number;
  clock: () => number;
  onPlaced?: (placed: number) => void;
  /**
   * Makes the first-fit booker's plans for the problem in its own order (one
   * per patient, null when left out; undefined where the booker does not
   * apply): part of the first-fit floor, called only when the planner's own
   * construction leaves someone out, or while it is still running halfway
   * through the search time (`FLOOR_EARLY_SHARE`). Called at most once.
   */
  firstFitPlans?: () => ReadonlyArray<PatientPlan | null> | undefined;
  /** Called during local search when the score improved (at most every PROGRESS_EVERY_MOVES moves) and at its end. */
  onImproved?: () => void;
}

export class PlannerCore {
  readonly state: ResourceState;
  readonly domains: PatientDomains[];
  readonly plans: Array<PatientPlan | null>;
  /** Patients whose isolated search space was exhausted without a plan: provably unschedulable. */
  readonly provenInfeasible = new Set<number>();
  /** Per patient: lower bound on the last session's day (state-independent), once searched. */
  readonly rootBound: number[];
  protected readonly prng: Prng;

  constructor(
    readonly model: Model,
    protected readonly opts: PlannerOptions,
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
  protected searchUntil = Infinity;

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

  /** Insertions tried so far (a measure of work: a squeaky-wheel pass is one per patient). */
  insertions = 0;

  /** Searches a plan for patient p against the current state and commits it. */
  insert(p: number, budget: SearchBudget, rng: Prng | null = null): boolean {
    this.insertions++;
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
  protected search(p: number, budget: SearchBudget, rng: Prng | null = null): PatientPlan | null {
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

  /** Whether patient p's plan cannot be improved on its own (no moves, no breaks, earliest last day). */
  atBound(p: number): boolean {
    const plan = this.plans[p];
    return !!plan && plan.moved === 0 && plan.breaks === 0 && plan.lastDay <= this.rootBound[p];
  }
}
