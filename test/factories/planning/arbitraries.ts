/**
 * fast-check arbitraries for planning problems. Each draws the structural
 * parameters (shrinkable: fewer patients, series, roles, rooms, days) and a
 * seed for the details.
 */
import fc from 'fast-check';
import type { Problem } from '../../../src/domain/planning/format';
import { mutateProblem } from './mutate-problem';
import { buildPlantedProblem, type PlantedProblem } from './planted-problem';
import type { ProblemSpec } from './problem-spec';
import { ZONE_CASES } from './zones';

export function problemSpecArb(
  overrides: Partial<Record<keyof ProblemSpec, fc.Arbitrary<unknown>>> = {},
) {
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    zoneIndex: fc.integer({ min: 0, max: ZONE_CASES.length - 1 }),
    dstIndex: fc.integer({ min: 0, max: 1 }),
    days: fc.integer({ min: 3, max: 21 }),
    lead: fc.integer({ min: 0, max: 10 }),
    slotMinutes: fc.constantFrom(15, 30, 60),
    patients: fc.integer({ min: 1, max: 4 }),
    series: fc.integer({ min: 1, max: 3 }),
    roles: fc.integer({ min: 1, max: 3 }),
    rooms: fc.integer({ min: 1, max: 3 }),
    maxSessionsPerSeries: fc.integer({ min: 1, max: 3 }),
    tiny: fc.constant(false),
    existing: fc.boolean(),
    ...overrides,
  }) as fc.Arbitrary<ProblemSpec>;
}

/** A problem with a known complete solution (the planted one). */
export function plantedProblemArb(): fc.Arbitrary<PlantedProblem & { spec: ProblemSpec }> {
  return problemSpecArb().map((spec) => ({ spec, ...buildPlantedProblem(spec) }));
}

/**
 * A random problem: a planted problem with random mutations (tighter rules,
 * fewer windows, extra time off and closures, competing patients), so it may
 * be feasible, partly feasible or infeasible.
 */
export function randomProblemArb(): fc.Arbitrary<{
  spec: ProblemSpec;
  mutations: number;
  problem: Problem;
}> {
  return fc.tuple(problemSpecArb(), fc.integer({ min: 0, max: 3 })).map(([spec, mutations]) => ({
    spec,
    mutations,
    problem: mutateProblem(buildPlantedProblem(spec).problem, spec.seed ^ 0x5bd1e995, mutations),
  }));
}

/** Tiny problems for exhaustive search: 60-minute grid, 1–2 days, 1–3 patients, one session per series. */
export function tinyProblemArb(): fc.Arbitrary<{
  spec: ProblemSpec;
  mutations: number;
  problem: Problem;
}> {
  return fc
    .tuple(
      problemSpecArb({
        days: fc.integer({ min: 1, max: 2 }),
        lead: fc.integer({ min: 0, max: 2 }),
        slotMinutes: fc.constant(60),
        patients: fc.integer({ min: 1, max: 3 }),
        series: fc.integer({ min: 1, max: 2 }),
        roles: fc.integer({ min: 1, max: 2 }),
        rooms: fc.integer({ min: 1, max: 2 }),
        maxSessionsPerSeries: fc.constant(1),
        tiny: fc.constant(true),
      }),
      fc.integer({ min: 0, max: 2 }),
    )
    .map(([spec, mutations]) => ({
      spec,
      mutations,
      problem: mutateProblem(buildPlantedProblem(spec).problem, spec.seed ^ 0x5bd1e995, mutations),
    }));
}
