/** Failure messages that carry the whole counterexample, ready to replay. */
import type { Problem, Solution } from '../../../src/domain/planning/format';

export function counterexample(
  title: string,
  problem: Problem,
  details: unknown,
  solution?: Solution,
): string {
  return [
    title,
    `details: ${JSON.stringify(details, null, 1)}`,
    `problem: ${JSON.stringify(problem)}`,
    ...(solution ? [`solution: ${JSON.stringify(solution)}`] : []),
  ].join('\n');
}

/** The solution without its wall-clock timing, for comparing two runs. */
export function withoutTiming(solution: Solution): Solution {
  return { ...solution, stats: { ...solution.stats, elapsedMs: 0 } };
}
