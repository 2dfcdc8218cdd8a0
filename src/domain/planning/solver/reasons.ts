/**
 * Reasons for the patients left out, each resting on what was proven:
 *
 * 1. Classify (every unscheduled patient, in turn, sharing half the time
 *    left): the complete single-patient search runs against the final plan
 *    (everyone else as planned, pinned bookings and busy times included) and,
 *    when that does not find a schedule, against the clinic with only the
 *    pinned bookings. A schedule found around the others is adopted (the
 *    patient is placed). Static domains that empty, or a capacity count, are
 *    proofs without a search.
 * 2. Explain (sharing the rest of the time):
 *    - proven unschedulable even alone: a rule reason when the patient's own
 *      rules fail with staff and rooms ignored, else an availability reason
 *      (NO_RESOURCE_AVAILABILITY) naming the kind whose extra availability
 *      helps, or a capacity code when counting proved it;
 *    - fits alone but proven not around the others: a capacity code when
 *      counting proves the group cannot all fit, else BOOKED_BY_OTHERS naming
 *      what is taken and by whom; both (BOOKED_BY_OTHERS first) when more of
 *      the group are out than the count forces out (the count explains only
 *      some of them);
 *    - a search stopped on its limit: SEARCH_LIMIT with the nodes and time
 *      tried (and a capacity reason if counting proves one).
 *    Suggestions (rule relaxations, one more person or room at given times,
 *    a later latestEnd) are each verified by re-solving the patient with the
 *    change applied around everyone as planned; only those that fit are kept.
 */
import type { Model } from '../model/types';
import { countCapacity, type CapacityCount, type Shortage } from './capacity-count';
import { computeDomains } from './domains';
import { pinnedSlots, stateOf, type Attempt } from './fixed-state';
import { kindLabel, kindsOf, wholeHorizon, withExtraResources } from './model-edits';
import { newBookingId, occupySession, type PatientPlan } from './patient-plan';
import type { Planner } from './planner';
import { aloneCapacityReason, groupCapacityReason } from './reasons-capacity';
import {
  REASON_BUDGETS,
  ReasonContext,
  withSuggestions,
  type DraftReason,
  type ReasonBudgets,
  type Suggestion,
} from './reasons-context';
import { missingKinds, unblockingKinds, type KindFinding } from './reasons-resources';
import { failureText, ruleReason, ruleSuggestions, windowText } from './reasons-rules';
import { groupReason } from './reasons-groups';

export interface ExplainOptions {
  /** Clock value by which the reasons must be done. */
  deadline: number;
  clock: () => number;
  budgets?: Partial<ReasonBudgets>;
}

export interface Explained {
  /** Per patient still unscheduled: its reasons (with the structured suggestions). */
  reasons: Map<number, DraftReason[]>;
  /** Patients proven unschedulable even alone (domains, search or counting). */
  provenAlone: Set<number>;
  /** Patients placed while classifying (a schedule found around the others). */
  adopted: number[];
  /** Capacity counting with the proven-unschedulable patients excluded. */
  count: CapacityCount;
}

type Verdict =
  | { kind: 'notTried' }
  | { kind: 'alone'; by: 'domains' | 'search' | 'counting'; nodes: number }
  | { kind: 'others'; others: Attempt }
  | { kind: 'limit'; others: Attempt; alone: Attempt | null }
  | { kind: 'group'; reason: DraftReason };

/** Share of the reasons' time that classifying may use. */
const CLASSIFY_SHARE = 0.5;

/** Commits a plan found for patient p into the planner's state (as Planner.commit does). */
function adopt(planner: Planner, plan: PatientPlan): void {
  for (const s of plan.sessions) {
    if (s.existing?.pinned) continue;
    s.booking = newBookingId();
    occupySession(planner.model, planner.state, plan.patient, s);
  }
  planner.plans[plan.patient] = plan;
  planner.notTried.delete(plan.patient);
}

function classify(
  ctx: ReasonContext,
  p: number,
  count: CapacityCount,
  alone: () => ReturnType<typeof stateOf>,
): Verdict {
  const planner = ctx.planner;
  if (planner.domains[p].failure) return { kind: 'alone', by: 'domains', nodes: 0 };
  if (count.alone.has(p)) return { kind: 'alone', by: 'counting', nodes: 0 };
  if (planner.notTried.has(p)) return { kind: 'notTried' };
  const others = ctx.attempt(ctx.model, planner.state, p, ctx.budgets.classifyNodes);
  if (others.outcome === 'found' && others.plan) {
    adopt(planner, others.plan);
    ctx.plansChanged();
    return { kind: 'others', others };
  }
  const group = groupReason(ctx, p, others, tried);
  if (group) return { kind: 'group', reason: group };
  const nobodyElse = planner.plans.every((plan) => plan === null);
  const a = nobodyElse ? others : ctx.attempt(ctx.model, alone(), p, ctx.budgets.classifyNodes);
  if (a.outcome === 'infeasible')
    return { kind: 'alone', by: a.by === 'domains' ? 'domains' : 'search', nodes: a.nodes };
  if (others.outcome === 'infeasible' && a.outcome === 'found') return { kind: 'others', others };
  return { kind: 'limit', others, alone: nobodyElse ? null : a };
}

function tried(a: Attempt): string {
  if (a.by === 'domains') return 'by propagation';
  if (a.nodes === 0) return 'at once (the time limit left no time to search)';
  return `after ${a.nodes} nodes (${a.ms} ms)`;
}

/** "one more person with role rn or one more room with infusion" */
function oneMore(findings: KindFinding[]): string {
  return findings
    .map((f) =>
      f.kind.type === 'role'
        ? `one more person with role ${f.kind.role}`
        : `one more ${kindLabel(f.kind).replace(/^a /, '')}`,
    )
    .join(' or ');
}

/** Reasons for a patient proven unschedulable even alone. */
function explainAlone(
  ctx: ReasonContext,
  p: number,
  by: string,
  count: CapacityCount,
): DraftReason[] {
  const model = ctx.model;
  const patient = model.patients[p];
  const rules = computeDomains(ctx.ignoringResources(), patient, pinnedSlots(model, p)).failure;
  if (rules)
    return [withSuggestions(ruleReason(model, patient, rules), ruleSuggestions(ctx, p, rules))];
  const staticFailure = ctx.planner.domains[p].failure;
  // With empty static domains, only a kind that unblocks them can help.
  const unblocking = staticFailure ? unblockingKinds(ctx, p) : null;
  const findings = missingKinds(ctx, p, unblocking ?? undefined);
  const suggestions = findings.flatMap((f) => (f.suggestion ? [f.suggestion] : []));
  if (by === 'counting') {
    const reason = aloneCapacityReason(model, p, count.alone.get(p)!);
    return [withSuggestions(reason, suggestions)];
  }
  let message: string;
  if (staticFailure) {
    const names = (unblocking ?? []).map(kindLabel);
    message = `with the clinic's staff and room availability (pinned bookings, time off and busy times included) no schedule exists: ${failureText(model, patient, staticFailure)}. With availability ignored, the patient's rules leave starts for every session${names.length > 0 ? ` (also with only the availability of ${names.join(' or ')} ignored)` : ''}`;
  } else {
    // Domains hold with resources ignored: do the rules hold with unlimited resources?
    if (!ctx.timeLeft())
      return [
        withSuggestions(
          {
            code: 'NO_SCHEDULE',
            message: `no schedule exists for the patient even alone in the clinic (proven ${by === 'search' ? 'by a complete search' : 'by propagation'}, with pinned bookings and busy times); the time limit left no time to tell whether its rules or the clinic's availability are the cause`,
          },
          suggestions,
        ),
      ];
    // As many more people and room places as the patient has sessions: never short of any.
    const sessions = patient.counts.reduce((a, b) => a + b, 0);
    const unlimited = withExtraResources(
      model,
      kindsOf(model, patient),
      wholeHorizon(model),
      patient,
      Math.max(1, sessions),
    ).model;
    const u = ctx.attempt(unlimited, stateOf(unlimited, [], -1), p, ctx.budgets.diagnoseNodes);
    if (u.outcome === 'infeasible')
      return [
        withSuggestions(
          {
            code: 'RULE_CONFLICT',
            message: `the rules of protocol '${model.protocols[patient.protocol].id}' (patient-day limits and breaks, follow-ups, notSameDay, continuity, span) cannot all hold ${windowText(model, patient)}, even with unlimited staff and rooms (proven by a complete search)`,
          },
          ruleSuggestions(ctx, p, null),
        ),
      ];
    if (u.outcome !== 'found')
      return [
        withSuggestions(
          {
            code: 'NO_SCHEDULE',
            message: `no schedule exists for the patient even alone in the clinic (proven ${by === 'search' ? 'by a complete search' : 'by propagation'}, with pinned bookings and busy times); whether its rules or the clinic's availability are the cause was not settled: that search stopped after ${u.nodes} nodes (${u.ms} ms)`,
          },
          suggestions,
        ),
      ];
    message = `no schedule exists for the patient even alone in the clinic ${windowText(model, patient)} (proven ${by === 'search' ? 'by a complete search' : 'by propagation'}, with pinned bookings and busy times), but one exists with unlimited staff and rooms`;
  }
  if (findings.length > 0)
    message += `; ${oneMore(findings)} at the times suggested lets the patient fit`;
  const rest = ruleSuggestions(ctx, p, staticFailure);
  return [
    withSuggestions({ code: 'NO_RESOURCE_AVAILABILITY', message }, [...suggestions, ...rest]),
  ];
}

function explainOne(
  ctx: ReasonContext,
  p: number,
  verdict: Verdict,
  count: CapacityCount,
): DraftReason[] {
  const model = ctx.model;
  const patient = model.patients[p];
  switch (verdict.kind) {
    case 'notTried':
      return [
        {
          code: 'SEARCH_LIMIT',
          message: `the time limit ran out before patient ${patient.id} was searched (0 nodes); plan again with a longer timeLimitMs`,
        },
      ];
    case 'alone':
      return explainAlone(ctx, p, verdict.by, count);
    case 'group':
      return [verdict.reason];
    case 'others': {
      const findings = missingKinds(ctx, p);
      const suggestions: Suggestion[] = [
        ...findings.flatMap((f) => (f.suggestion ? [f.suggestion] : [])),
        ...ruleSuggestions(ctx, p, null),
      ];
      const shortage = count.byPatient.get(p);
      // Counting explains the patients left out of its group only up to those it forces out;
      // with more of them out, the plan, not only the capacity, keeps this one out.
      if (shortage && !moreOutThanCounted(ctx, shortage))
        return [withSuggestions(groupCapacityReason(model, p, shortage), suggestions)];
      const scheduled = ctx.planner.plans.filter((x) => x !== null).length;
      const taken = findings
        .map(
          (f) =>
            `${kindLabel(f.kind)}${f.holders.length > 0 ? ` (held then by ${f.holders.slice(0, 6).join(', ')})` : ''}`,
        )
        .join('; or ');
      const booked = withSuggestions(
        {
          code: 'BOOKED_BY_OTHERS',
          message: `the patient fits in the clinic alone, but not around the ${scheduled} patient${scheduled === 1 ? '' : 's'} as planned (proven ${tried(verdict.others)})${taken ? `; what it needs is taken: ${taken}` : ''}`,
        },
        suggestions,
      );
      return shortage ? [booked, groupCapacityReason(model, p, shortage)] : [booked];
    }
    case 'limit': {
      const { others, alone } = verdict;
      // Either search stopped on its limit (the other one found a schedule alone, or proved none around the others).
      const aroundOthers =
        others.outcome === 'infeasible'
          ? `it is proven not to fit around the other patients as planned (${tried(others)}), but the search alone in the clinic stopped on its limit ${tried(alone!)}, so whether it fits at all is not known`
          : `the search for a schedule around the other patients stopped on its limit ${tried(others)} without finding one or proving that none exists`;
      const aloneText =
        others.outcome === 'infeasible' || !alone
          ? ''
          : alone.outcome === 'found'
            ? '; alone in the clinic it fits'
            : `; alone in the clinic that search also stopped ${tried(alone)}`;
      const findings = missingKinds(ctx, p);
      const suggestions = [
        ...findings.flatMap((f) => (f.suggestion ? [f.suggestion] : [])),
        ...ruleSuggestions(ctx, p, null),
      ];
      const reasons: DraftReason[] = [
        withSuggestions(
          {
            code: 'SEARCH_LIMIT',
            message: `${aroundOthers}${aloneText}`,
          },
          suggestions,
        ),
      ];
      const shortage = count.byPatient.get(p);
      if (shortage) reasons.push(groupCapacityReason(model, p, shortage));
      return reasons;
    }
  }
}

/** Whether more of the shortage's group are left out than its count forces out. */
function moreOutThanCounted(ctx: ReasonContext, s: Shortage): boolean {
  const out = s.demands.filter((d) => ctx.planner.plans[d.patient] === null).length;
  return out > s.demands.length - s.fit;
}

/** Classifies and explains every unscheduled patient; see the file comment. */
export function explainAll(planner: Planner, opts: ExplainOptions): Explained {
  const model: Model = planner.model;
  const ctx = new ReasonContext(planner, opts.clock, { ...REASON_BUDGETS, ...opts.budgets });
  const open = model.patients.filter((p) => !planner.plans[p.index]).map((p) => p.index);
  if (open.length === 0)
    // Everyone is scheduled: nothing to explain, and the bound is the patient count.
    return {
      reasons: new Map(),
      provenAlone: new Set(),
      adopted: [],
      count: { bound: model.patients.length, byPatient: new Map(), alone: new Map() },
    };
  // Empty domains, or the planner's complete search alone (pinned bookings and busy kept).
  const staticFailures = new Set(planner.provenInfeasible);
  const first = countCapacity(model, planner.domains, staticFailures);
  let aloneState: ReturnType<typeof stateOf> | null = null;
  const alone = () => (aloneState ??= stateOf(model, [], -1));

  const verdicts = new Map<number, Verdict>();
  const t0 = opts.clock();
  const classifyUntil = t0 + (opts.deadline - t0) * CLASSIFY_SHARE;
  open.forEach((p, i) => {
    const now = opts.clock();
    ctx.deadline = now + Math.max(0, classifyUntil - now) / (open.length - i);
    verdicts.set(p, classify(ctx, p, first, alone));
  });
  const adopted = open.filter((p) => planner.plans[p]);

  const provenAlone = new Set(staticFailures);
  for (const [p, v] of verdicts) if (v.kind === 'alone') provenAlone.add(p);
  const count = countCapacity(model, planner.domains, provenAlone);
  // Patients proven unschedulable by counting are excluded now: keep their proofs.
  for (const [p, shortage] of first.alone) count.alone.set(p, shortage);

  const reasons = new Map<number, DraftReason[]>();
  const left = open.filter((p) => !planner.plans[p]);
  left.forEach((p, i) => {
    const now = opts.clock();
    ctx.deadline = now + Math.max(0, opts.deadline - now) / (left.length - i);
    reasons.set(p, explainOne(ctx, p, verdicts.get(p)!, count));
  });
  return { reasons, provenAlone, adopted, count };
}
