import type { Problem, Solution } from '../../src/domain/planning/format';

/** A benchmark scenario: a deterministic problem generator and what it is for. */
export interface Scenario {
  name: string;
  description: string;
  /** Number of patients the problem has (known without building it). */
  patients: number;
  /** Time limit handed to the solver. */
  timeLimitMs: number;
  /** Tight instance: first-fit is expected to leave patients out that a search can place. */
  tight: boolean;
  build(): Problem;
  /** For planted scenarios: the same problem and the known complete solution it was built around. */
  planted?(): { problem: Problem; reference: Solution };
}
