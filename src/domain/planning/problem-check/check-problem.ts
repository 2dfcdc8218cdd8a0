/**
 * The planning input checker: shape (types, formats, unknown fields), then
 * cross-references and format versions, then pinned bookings against the
 * hard rules and done sessions against the rules linking them (format 1.1),
 * then (for the planner) the features it cannot plan yet. Each phase runs
 * only when the previous one found nothing, so later checks can rely on a
 * well-formed document; within a phase every error is collected, in
 * document order.
 */
import type { Problem } from '../format';
import { checkDoneSessions } from './done';
import { type CheckResult, ErrorList } from './errors';
import { checkPinnedBookings } from './pinned';
import { checkPlannerSupport } from './planner-support';
import { PROBLEM_SPEC } from './problem-schema';
import { checkReferences } from './references';
import { walk } from './schema-walker';

/** Is `input` a valid planning problem (format 1 or 1.1), whatever the planner supports? */
export function checkProblemFormat(input: unknown): CheckResult<Problem> {
  const shape = new ErrorList();
  walk(input, PROBLEM_SPEC, '', shape);
  if (shape.size > 0) return invalid(shape);
  const problem = input as Problem;
  const references = checkReferences(problem);
  if (references.size > 0) return invalid(references);
  const settled = checkPinnedBookings(problem);
  settled.errors.push(...checkDoneSessions(problem).errors);
  if (settled.size > 0) return invalid(settled);
  return { ok: true, problem };
}

/**
 * A valid problem the planner can plan: `checkProblemFormat`, then the
 * planner gate (`PLANNER_UNSUPPORTED`), whose errors are all
 * NOT_SUPPORTED_BY_PLANNER (and the result's code says so).
 */
export function checkProblem(input: unknown): CheckResult<Problem> {
  const format = checkProblemFormat(input);
  if (!format.ok) return format;
  const gate = checkPlannerSupport(format.problem);
  if (gate.size > 0) return { ok: false, code: 'NOT_SUPPORTED_BY_PLANNER', errors: gate.errors };
  return format;
}

function invalid(errors: ErrorList): CheckResult<Problem> {
  return { ok: false, code: 'INVALID_PROBLEM', errors: errors.errors };
}
