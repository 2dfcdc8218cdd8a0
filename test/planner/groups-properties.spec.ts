/**
 * Group sessions (format 1.1) over generated problems: the random problems
 * of properties.spec with some session types turned into group types (random
 * min and max). Every solution passes the independent validator (occurrence
 * shape, group sizes, rooms and staff counted once per occurrence), and a
 * patient left out is never half-scheduled. Fixed fast-check seed; a failure
 * prints the problem JSON.
 */
import fc from 'fast-check';
import type { Problem } from '../../src/domain/planning/format';
import { randomProblemArb } from '../factories/planning/arbitraries';
import { solve } from './support/planner-api';
import { checkProblem } from './support/problem-check-api';
import { counterexample } from './support/report';
import { validateSolution } from './support/validator-api';

const TIME_LIMIT_MS = 300;

/** The problem as format 1.1 with the session types picked by `mask` held as groups of [min, max]. */
function withGroups(problem: Problem, mask: number, min: number, extra: number): Problem {
  const out = JSON.parse(JSON.stringify(problem)) as Problem;
  out.formatVersion = 1.1;
  out.sessionTypes.forEach((st, i) => {
    if (mask & (1 << i)) st.group = { min, max: min + extra };
  });
  // Existing bookings of a group type would need an occurrence: drop them.
  const groupTypes = new Set(out.sessionTypes.filter((st) => st.group).map((st) => st.id));
  const typeOf = new Map<string, string>();
  for (const proto of out.protocols)
    for (const s of proto.series) typeOf.set(`${proto.id}/${s.id}`, s.sessionType);
  const protoOf = new Map(out.patients.map((p) => [p.id, p.protocol]));
  out.existing = (out.existing ?? []).filter(
    (e) => !groupTypes.has(typeOf.get(`${protoOf.get(e.patient)}/${e.series}`) ?? ''),
  );
  return out;
}

describe('planner properties: group sessions', () => {
  it('every solution with group session types passes the validator', () => {
    fc.assert(
      fc.property(
        randomProblemArb(),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        ({ problem: base }, mask, min, extra) => {
          const problem = withGroups(base, mask, min, extra);
          const checked = checkProblem(JSON.parse(JSON.stringify(problem)));
          if (!checked.ok)
            throw new Error(
              counterexample('input checker rejects the problem', problem, checked.errors),
            );
          const solution = solve(checked.problem, { timeLimitMs: TIME_LIMIT_MS, seed: 3 });
          const violations = validateSolution(problem, solution);
          if (violations.length > 0)
            throw new Error(
              counterexample('solution breaks the rules', problem, violations, solution),
            );
        },
      ),
      { seed: 8080, numRuns: 60 },
    );
  });
});
