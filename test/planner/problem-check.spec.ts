/**
 * The generated problems are valid planning documents: the input checker
 * accepts every planted and every randomly mutated problem (pinned bookings
 * included), so the property suites exercise the solver on legal input.
 */
import fc from 'fast-check';
import {
  plantedProblemArb,
  randomProblemArb,
  tinyProblemArb,
} from '../factories/planning/arbitraries';
import { checkProblem } from './support/problem-check-api';
import { counterexample } from './support/report';

describe('generated problems pass the input checker', () => {
  const arbitraries = [
    ['planted', plantedProblemArb()],
    ['random', randomProblemArb()],
    ['tiny', tinyProblemArb()],
  ] as const;
  it.each(arbitraries)('%s problems', (_name, arb) => {
    fc.assert(
      fc.property(arb as fc.Arbitrary<{ problem: unknown }>, ({ problem }) => {
        const result = checkProblem(JSON.parse(JSON.stringify(problem)));
        if (!result.ok) {
          throw new Error(
            counterexample(
              'input checker rejects a generated problem',
              problem as never,
              result.errors,
            ),
          );
        }
      }),
      { seed: 99, numRuns: 80 },
    );
  });
});
