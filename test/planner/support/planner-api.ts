/** The solver under test. */
export { solve } from '../../../src/domain/planning/solve';
