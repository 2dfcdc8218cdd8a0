/**
 * The solver's first construction alone (every patient once, most
 * constrained first, no re-building or local search): how many patients it
 * places. The planted sweep and the planted-clinic test compare the whole
 * solve with it.
 */
import type { Problem } from '../src/domain/planning/format';
import { compileModel } from '../src/domain/planning/model/compile';
import { Planner } from '../src/domain/planning/solver/planner';
import { FIRST_BUDGET } from '../src/domain/planning/solver/planner-budgets';

export function firstConstructionPlaced(problem: Problem): number {
  const planner = new Planner(compileModel(problem), {
    seed: 1,
    deadline: Infinity,
    clock: () => 0,
  });
  return planner.patientOrder().filter((p) => planner.insert(p, FIRST_BUDGET)).length;
}
