/**
 * Shared pieces of the reasons: the structured change behind each
 * suggestion, the per-patient work limits, and a verified-suggestion helper.
 */
import type { LocalDate, OneOffWindow, Reason, Weekday } from '../format';
import type { Model } from '../model/types';
import { attempt, stateOf, type Attempt } from './fixed-state';
import {
  clinicHours,
  ignoringResources,
  kindKey,
  wholeHorizon,
  withExtraResources,
  type ExtraResources,
  type ResourceKind,
} from './model-edits';
import type { Planner } from './planner';
import type { ResourceState } from './resource-state';

/**
 * The change a suggestion names, on the problem document: applying it (and
 * nothing else) lets the patient be scheduled with everyone else as planned.
 */
export type ProblemEdit =
  | { type: 'allowDay'; protocol: string; series: string; day: Weekday }
  | { type: 'gapMin'; protocol: string; series: string; hours: number }
  | { type: 'gapMax'; protocol: string; series: string; hours: number }
  /** Format 1.1: a series' resumeGapHours.max. */
  | { type: 'resumeGapMax'; protocol: string; series: string; hours: number }
  | { type: 'spanMax'; protocol: string; days: number }
  /** `offset`: index among the protocol's offset rules, in document order. */
  | { type: 'offsetMax'; protocol: string; offset: number; hours: number }
  | { type: 'latestEnd'; patient: string; date: LocalDate }
  | { type: 'addStaff'; id: string; role: string; count: number; windows: OneOffWindow[] }
  | { type: 'addRoom'; id: string; features: string[]; windows: OneOffWindow[] };

export interface Suggestion {
  text: string;
  edit: ProblemEdit;
}

/** A reason with the structured changes behind its suggestion (stripped from the solution). */
export interface DraftReason extends Reason {
  edits?: ProblemEdit[];
}

export function withSuggestions(reason: Reason, found: Suggestion[]): DraftReason {
  if (found.length === 0) return reason;
  return {
    ...reason,
    suggestion: found.map((s) => s.text).join('; or '),
    edits: found.map((s) => s.edit),
  };
}

/** Node limits of the searches the reasons run (each also stops at the patient's deadline). */
export interface ReasonBudgets {
  /** Scheduling the patient around the others, and alone. */
  classifyNodes: number;
  /** Each try with one more resource of a kind. */
  diagnoseNodes: number;
  /** Each verification of a suggestion. */
  verifyNodes: number;
  /** Verifications per relaxation kind at most. */
  verifyTries: number;
}

export const REASON_BUDGETS: ReasonBudgets = {
  classifyNodes: 20_000,
  diagnoseNodes: 5_000,
  verifyNodes: 10_000,
  verifyTries: 3,
};

export class ReasonContext {
  /** Clock value after which this patient's searches stop. */
  deadline = 0;
  private readonly extras = new Map<string, ExtraResources & { state: ResourceState }>();
  private rulesOnly: Model | null = null;

  constructor(
    readonly planner: Planner,
    readonly clock: () => number,
    readonly budgets: ReasonBudgets,
  ) {}

  get model(): Model {
    return this.planner.model;
  }

  /** The model with staff and rooms ignored (built once). */
  ignoringResources(): Model {
    return (this.rulesOnly ??= ignoringResources(this.model));
  }

  /**
   * The model with one more resource of `kind`, free during clinic hours
   * (`hours` "clinic") or all horizon, and the state of everyone as planned on
   * it (built once per kind and hours; valid until a plan changes, see
   * `plansChanged`).
   */
  extraFor(
    kind: ResourceKind,
    hours: 'clinic' | 'horizon' = 'clinic',
  ): ExtraResources & { state: ResourceState } {
    const key = `${hours}:${kindKey(kind)}`;
    let e = this.extras.get(key);
    if (!e) {
      const free = hours === 'clinic' ? clinicHours(this.model) : wholeHorizon(this.model);
      const extra = withExtraResources(this.model, [kind], free);
      e = {
        ...extra,
        state: stateOf(extra.model, this.planner.plans, -1, this.planner.state.groups.joinOnly),
      };
      this.extras.set(key, e);
    }
    return e;
  }

  /** Drops what was built from the plans (a patient was placed). */
  plansChanged(): void {
    this.extras.clear();
  }

  timeLeft(): boolean {
    return this.clock() < this.deadline;
  }

  /** Patient p on `model` against `state`, within `nodes` and this patient's deadline. */
  attempt(model: Model, state: ResourceState, p: number, nodes: number): Attempt {
    return attempt(model, state, p, {
      nodeLimit: nodes,
      deadline: this.deadline,
      clock: this.clock,
    });
  }

  /**
   * Whether patient p fits with `model` (an edit of the protocols or the
   * patient: same staff and rooms) around everyone as planned.
   */
  fitsAroundOthers(model: Model, p: number): boolean {
    if (!this.timeLeft()) return false;
    return this.attempt(model, this.planner.state, p, this.budgets.verifyNodes).outcome === 'found';
  }
}
