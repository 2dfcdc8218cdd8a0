/**
 * The planning input checker: shape (types, formats, unknown fields), then
 * cross-references, then pinned bookings against the hard rules. Each phase
 * runs only when the previous one found nothing, so later checks can rely on
 * a well-formed document; within a phase every error is collected, in
 * document order.
 */
import type { Problem } from '../format';
import { type CheckResult, ErrorList } from './errors';
import { checkPinnedBookings } from './pinned';
import { PROBLEM_SPEC } from './problem-schema';
import { checkReferences } from './references';
import { walk } from './schema-walker';

export function checkProblem(input: unknown): CheckResult<Problem> {
  const shape = new ErrorList();
  walk(input, PROBLEM_SPEC, '', shape);
  if (shape.size > 0) return { ok: false, errors: shape.errors };
  const problem = input as Problem;
  const references = checkReferences(problem);
  if (references.size > 0) return { ok: false, errors: references.errors };
  const pinned = checkPinnedBookings(problem);
  if (pinned.size > 0) return { ok: false, errors: pinned.errors };
  return { ok: true, problem };
}
