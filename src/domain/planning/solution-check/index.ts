export type { Violation } from './context';
export { computeScore } from './score';
export { validateSolution } from './validate-solution';
