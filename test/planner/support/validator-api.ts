/** The independent solution validator the planner is judged by. */
export {
  runRules,
  SUBSET_SAFE_RULES,
  validateSolution,
} from '../../../src/domain/planning/solution-check/validate-solution';
export { computeScore } from '../../../src/domain/planning/solution-check/score';
