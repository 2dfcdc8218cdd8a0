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

export const PLANNER_UNSUPPORTED: readonly FormatFeature[] = [
  'done',
  'missed',
  'resumeGapHours',
  'group',
];

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
