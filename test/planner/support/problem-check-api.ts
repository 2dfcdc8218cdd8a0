/** The planning input checker. */
export { checkProblem } from '../../../src/domain/planning/problem-check';
