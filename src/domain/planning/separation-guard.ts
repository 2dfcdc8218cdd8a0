/**
 * INTERIM, until the solver plans around `separation` rules (format 1.1):
 * the search does not yet read `ProtocolModel.separations`, so a plan it
 * returns may break one. This guard keeps such a plan out of the solution:
 * the patient is left unscheduled with a reason saying why, never booked
 * against the rule. Remove it (and its two lines in solve.ts) once the
 * solver honours separations.
 */
import type { Reason } from './format';
import type { Model, SeparationRuleModel } from './model/types';
import type { PatientPlan } from './solver/patient-plan';

/** The first pair of the plan's sessions that breaks a separation rule, or null. */
export function separationBreak(
  model: Model,
  plan: PatientPlan,
): { rule: SeparationRuleModel; first: PlanSession; second: PlanSession } | null {
  const proto = model.protocols[model.patients[plan.patient].protocol];
  for (const rule of proto.separations) {
    const sessions = plan.sessions
      .filter((s) => rule.series.includes(s.series))
      .sort((a, b) => a.start - b.start);
    // Sorted by start: if consecutive starts are far enough apart, every pair is.
    for (let i = 1; i < sessions.length; i++) {
      if (sessions[i].start - sessions[i - 1].start < rule.minMinutes)
        return { rule, first: sessions[i - 1], second: sessions[i] };
    }
  }
  return null;
}

type PlanSession = PatientPlan['sessions'][number];

/**
 * Clears every committed plan (`plans[p] = null`) that breaks a separation
 * rule and returns the reason for each patient left out. Call it only after
 * the planner has finished: its resource state is not updated.
 */
export function dropSeparationBreaks(
  model: Model,
  plans: Array<PatientPlan | null>,
): Map<number, Reason> {
  const reasons = new Map<number, Reason>();
  plans.forEach((plan, p) => {
    if (!plan) return;
    const broken = separationBreak(model, plan);
    if (!broken) return;
    const proto = model.protocols[model.patients[p].protocol];
    const name = (s: PlanSession) => `${proto.series[s.series].id} #${s.index}`;
    const hours = (minutes: number) => +(minutes / 60).toFixed(2);
    plans[p] = null;
    reasons.set(p, {
      code: 'SEPARATION_NOT_PLANNED',
      message: `the planner does not plan around separation rules yet: its schedule put ${name(broken.first)} and ${name(broken.second)} ${hours(broken.second.start - broken.first.start)} h apart, but ${broken.rule.series.map((s) => proto.series[s].id).join('/')} sessions must start at least ${hours(broken.rule.minMinutes)} h apart, so the patient is left out rather than booked against the rule`,
    });
  });
  return reasons;
}
