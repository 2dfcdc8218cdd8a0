/**
 * Format features the planner (solver/) cannot plan yet. A valid problem that
 * uses one is refused before solving with NOT_SUPPORTED_BY_PLANNER at the
 * field, instead of a plan that ignores it. Remove a feature from the list
 * when the solver learns it (and add a planner test that the independent
 * validator accepts its plans).
 */
import type { Problem } from '../format';
import { type FormatFeature, featureUses } from '../format-features';
import { ErrorList } from './errors';

export const PLANNER_UNSUPPORTED: readonly FormatFeature[] = [];

const WHAT: Record<FormatFeature, string> = {
  now: '"now" (re-planning a course in progress)',
  done: 'done sessions',
  missed: 'missed sessions',
  resumeGapHours: 'resumeGapHours',
  group: 'group sessions',
  presence: 'presence requirements (mode "present")',
  requirementMode: 'requirement modes',
  linkedCount: 'linked counts',
};

/** One NOT_SUPPORTED_BY_PLANNER error per use of an unsupported feature. */
export function checkPlannerSupport(
  problem: Problem,
  unsupported: readonly FormatFeature[] = PLANNER_UNSUPPORTED,
): ErrorList {
  const errors = new ErrorList();
  if (!unsupported.includes('done')) checkDoneOrder(problem, errors);
  for (const { feature, pointer } of featureUses(problem)) {
    if (unsupported.includes(feature)) {
      errors.add(
        pointer,
        'NOT_SUPPORTED_BY_PLANNER',
        `the planner cannot plan ${WHAT[feature]} yet; the document is valid planning format ${problem.formatVersion}, but no plan can be made for it until the planner supports this`,
      );
    }
  }
  return errors;
}

/**
 * The planner plans a course in progress from its done sessions on: every
 * done session lies at or before `now` (so every new session follows it),
 * and a pinned booking of its series comes after it. Local date-times of one
 * format compare as strings.
 */
function checkDoneOrder(problem: Problem, errors: ErrorList): void {
  const existing = problem.existing ?? [];
  const lastDone = new Map<string, string>();
  existing.forEach((e, i) => {
    if (e.mode !== 'done') return;
    const key = `${e.patient}\u0000${e.series}`;
    if ((lastDone.get(key) ?? '') < e.start) lastDone.set(key, e.start);
    if (problem.now === undefined || e.start > problem.now)
      errors.add(
        `/existing/${i}/start`,
        'NOT_SUPPORTED_BY_PLANNER',
        problem.now === undefined
          ? 'the planner plans done sessions only with "now" (the course is re-planned from now on); the document is valid, but no plan can be made for it'
          : `the planner plans done sessions only at or before "now" (${problem.now}); the document is valid, but no plan can be made for it`,
      );
  });
  existing.forEach((e, i) => {
    const last = lastDone.get(`${e.patient}\u0000${e.series}`);
    if (e.mode === 'pinned' && last !== undefined && e.start <= last)
      errors.add(
        `/existing/${i}/start`,
        'NOT_SUPPORTED_BY_PLANNER',
        `the planner plans a pinned booking only after the done sessions of its series (the last one starts ${last}); the document is valid, but no plan can be made for it`,
      );
  });
}
