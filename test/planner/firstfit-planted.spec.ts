/**
 * Small first-fit planted instances (test/factories/planning/firstfit-planted.ts):
 * staff and rooms are available exactly where one first-fit pass booked the
 * patients, and the patients are shuffled, so a complete schedule exists and
 * the naive booker on the shuffled input usually misses some. The planner
 * must break no rule and never schedule fewer than the naive booker (issue 7:
 * "never below a first-fit floor"). Scheduling everyone on such tight
 * instances is reached only on some (see docs/benchmarks.md, "Planted sweep:
 * first-fit-shrunk instances"): the sweep over tuning and held-out seeds,
 * `npm run bench:planted -- --only firstfit`, reports it. Tuning seed 8 is
 * complete only through the joint repair (solver/joint-repair.ts): it is
 * checked with a frozen clock, so every phase runs to its work bound.
 */
import { firstFitBook } from '../../src/domain/planning/first-fit/first-fit-booker';
import type { Solution } from '../../src/domain/planning/format';
import { falseClaimsOnFeasible } from '../factories/planning/feasible-claims';
import { firstFitPlanted } from '../factories/planning/firstfit-planted';
import { solve } from './support/planner-api';
import { checkProblem } from './support/problem-check-api';
import { validateSolution } from './support/validator-api';

/** [generator seed, patients]: zones and programs in the comments, as the generator draws them. */
const CASES: Array<[number, number]> = [
  [97, 9], // Berlin: IM KAP with integration-or-ART follow-ups, EMDR intensive
  [102, 14], // Kolkata: EMDR intensive, IM KAP with integration-or-ART follow-ups
  [109, 13], // Sydney: esketamine 8 weeks, IV Mon/Wed/Fri with integration
];

describe('first-fit planted instances', () => {
  it('tuning seed 8 (Sydney, IV Mon/Wed/Fri + retreat, 16 patients): complete with the joint repair', () => {
    const { problem } = firstFitPlanted(8);
    expect(problem.patients).toHaveLength(16);
    const naive = firstFitBook(problem).score.scheduledPatients;
    expect(naive).toBeLessThan(16);
    const solution = solve(problem, { timeLimitMs: 10_000, seed: 1, clock: () => 0 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    expect(solution.score.scheduledPatients).toBe(16);
  }, 300_000);

  it('tuning seed 28 (30 patients), cut short: the patients left out get only true reasons', () => {
    const { problem } = firstFitPlanted(28);
    // Whatever the machine's speed, the limit cuts the search (no solve completes this clinic in
    // 30 s, docs/benchmarks.md), and whatever it found, every reason must be true.
    const solution = solve(problem, { timeLimitMs: 1_500, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('partial');
    const codes = new Set(solution.unscheduled.flatMap((u) => u.reasons.map((r) => r.code)));
    expect(codes.size).toBeGreaterThan(0);
    expect(falseClaimsOnFeasible(solution, problem.patients.length)).toEqual([]);
  }, 60_000);

  it('falseClaimsOnFeasible names every claim a clinic with a complete schedule makes false', () => {
    const partial: Solution = {
      formatVersion: 1,
      status: 'partial',
      appointments: [],
      unscheduled: [
        { patient: 'p-1', reasons: [{ code: 'SEARCH_LIMIT', message: '' }] },
        { patient: 'p-2', reasons: [{ code: 'BOOKED_BY_OTHERS', message: '' }] },
      ],
      score: { scheduledPatients: 1, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
      stats: { elapsedMs: 0, proof: 'unknown', bound: { scheduledPatients: 3 } },
    };
    expect(falseClaimsOnFeasible(partial, 3)).toEqual([]);
    const wrong: Solution = {
      ...partial,
      unscheduled: [{ patient: 'p-2', reasons: [{ code: 'NO_RN_CAPACITY', message: '' }] }],
      stats: { elapsedMs: 0, proof: 'optimal', bound: { scheduledPatients: 2 } },
    };
    expect(falseClaimsOnFeasible(wrong, 3)).toEqual([
      'proof optimal, not complete',
      'bound 2 < 3 patients',
      'p-2: NO_RN_CAPACITY',
    ]);
    expect(
      falseClaimsOnFeasible({ ...partial, stats: { elapsedMs: 0, proof: 'infeasible' } }, 3),
    ).toEqual(['proof infeasible']);
  });

  it('gives the same instance for the same seed', () => {
    expect(firstFitPlanted(97, { patients: 9 })).toEqual(firstFitPlanted(97, { patients: 9 }));
  });

  it.each(CASES)(
    'seed %i, %i patients: valid problem, valid planted schedule, valid solve not below first fit',
    (seed, patients) => {
      const { problem, planted } = firstFitPlanted(seed, { patients });
      expect(problem.patients).toHaveLength(patients);
      const checked = checkProblem(problem);
      expect(checked.ok ? [] : checked.errors).toEqual([]);
      expect(validateSolution(problem, planted)).toEqual([]);
      expect(planted.score.scheduledPatients).toBe(patients);

      const naive = firstFitBook(problem).score.scheduledPatients;
      // The floor's first-fit passes are bounded in work and end long before this limit.
      const solution = solve(problem, { timeLimitMs: 20_000, seed: 1 });
      expect(validateSolution(problem, solution)).toEqual([]);
      expect(solution.score.scheduledPatients).toBeGreaterThanOrEqual(naive);
      // A patient left out is never claimed impossible: a complete schedule exists.
      if (solution.status !== 'complete') expect(solution.stats.proof).toBe('unknown');
      expect(falseClaimsOnFeasible(solution, patients)).toEqual([]);
    },
    90_000,
  );
});
