export { checkProblem, checkProblemFormat } from './check-problem';
export type { CheckResult, ProblemError } from './errors';
export { checkPlannerSupport, PLANNER_UNSUPPORTED } from './planner-support';
