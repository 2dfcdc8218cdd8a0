/**
 * Independent solution validator: checks a solution against its problem,
 * rule by rule, from the format's text alone (luxon + rrule directly; nothing
 * shared with the planner). An empty list means the solution is valid.
 */
import type { Problem, Solution } from '../format';
import { buildContext, type RuleCheck, type Violation } from './context';
import { EXISTING_RULES } from './existing';
import { GROUP_RULES } from './rules-group';
import { PATIENT_RULES } from './rules-patient';
import { PROTOCOL_RULES } from './rules-protocol';
import { RESOURCE_RULES } from './rules-resources';
import { SHAPE_RULES } from './rules-shape';
import { SCORE_RULES } from './score';

export const ALL_RULES: RuleCheck[] = [
  ...SHAPE_RULES,
  ...PATIENT_RULES,
  ...PROTOCOL_RULES,
  ...RESOURCE_RULES,
  ...GROUP_RULES,
  ...EXISTING_RULES,
  ...SCORE_RULES,
];

/** Rules that can be judged on any subset of sessions (e.g. pinned bookings alone). */
export const SUBSET_SAFE_RULES: RuleCheck[] = ALL_RULES.filter((r) => r.subsetSafe);

export function runRules(problem: Problem, solution: Solution, rules: RuleCheck[]): Violation[] {
  const { ctx, violations } = buildContext(problem, solution);
  return [...violations, ...rules.flatMap((rule) => rule.check(ctx))];
}

export function validateSolution(problem: Problem, solution: Solution): Violation[] {
  return runRules(problem, solution, ALL_RULES);
}
