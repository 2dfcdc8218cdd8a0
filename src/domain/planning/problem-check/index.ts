export { checkProblem } from './check-problem';
export type { CheckResult, ProblemError } from './errors';
