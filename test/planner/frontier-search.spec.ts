/**
 * The frontier search (src/domain/planning/solver/frontier-search.ts): on
 * clinics booked to the minute it finds complete schedules the planner's
 * local search misses, every one accepted by the independent validator;
 * on clinics with room to spare it does not start.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstFitPlanted } from '../factories/planning/firstfit-planted';
import { oneHourForTwo } from '../factories/planning/one-hour-for-two';
import { compileModel } from '../../src/domain/planning/model/compile';
import type { Model } from '../../src/domain/planning/model/types';
import { computeDomains } from '../../src/domain/planning/solver/domains';
import { frontierSearch } from '../../src/domain/planning/solver/frontier-search';
import type { PatientPlan } from '../../src/domain/planning/solver/patient-plan';
import { plansFromAppointments } from '../../src/domain/planning/solver/plans-from-appointments';
import { Prng } from '../../src/domain/planning/solver/prng';
import { appointmentsOf } from '../../src/domain/planning/solver/solution-output';
import { solveAsync } from '../../src/domain/planning/solve-async';
import { solve } from '../../src/domain/planning/solve';
import { computeScore, validateSolution } from '../../src/domain/planning/solution-check';
import type { Problem, Solution } from '../../src/domain/planning/format';

function search(problem: Problem, ms: number, seed = 1) {
  const model = compileModel(problem);
  const domains = model.patients.map((p) => computeDomains(model, p, new Map()).domains);
  const t0 = Date.now();
  const result = frontierSearch(
    model,
    model.patients.map((p) => p.index),
    (p) => domains[p],
    new Prng(seed),
    { deadline: t0 + ms, clock: () => Date.now() },
  );
  return { model, result };
}

function asSolution(problem: Problem, plans: PatientPlan[]): Solution {
  const model = compileModel(problem);
  const all: Array<PatientPlan | null> = model.patients.map(() => null);
  for (const plan of plans) all[plan.patient] = plan;
  const solution: Solution = {
    formatVersion: problem.formatVersion,
    status: 'complete',
    appointments: appointmentsOf(model, all),
    unscheduled: [],
    score: { scheduledPatients: 0, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: 0, proof: 'unknown' },
  };
  solution.score = computeScore(problem, solution);
  return solution;
}

/**
 * `solveAsync` on a clock that moves with each look at it: the same search whatever the
 * machine's load (`npm test` runs every suite at once; on the wall clock seed 14 once ran out
 * of time). Expects a complete schedule the validator accepts.
 */
async function solveOnTicks(problem: Problem, timeLimitMs: number): Promise<Solution> {
  let now = 0;
  const clock = () => (now += 0.05);
  const solution = await solveAsync(problem, { timeLimitMs, seed: 1, clock });
  expect(validateSolution(problem, solution)).toEqual([]);
  expect(solution.status).toBe('complete');
  return solution;
}

/**
 * The frontier search from `domains` on a clock that moves one unit per look (every 64 nodes
 * and every restart), bounded to about 12,800 nodes whatever the machine: expects a schedule
 * of everyone that the validator accepts.
 */
function expectCompleteOnTicks(
  seed: number,
  problem: Problem,
  model: Model,
  domains: Int32Array[][][],
): void {
  let now = 0;
  const result = frontierSearch(
    model,
    model.patients.map((p) => p.index),
    (p) => domains[p],
    new Prng(1),
    { deadline: 200, clock: () => now++ },
  );
  expect({ seed, found: result.plans?.length }).toEqual({ seed, found: problem.patients.length });
  expect(validateSolution(problem, asSolution(problem, result.plans!))).toEqual([]);
}

describe('frontier search', () => {
  it('completes a clinic booked to the minute that the planner alone leaves short', () => {
    // Tuning seed 14: 31 patients, 326 sessions; the planner alone ends 29–30 of 31 at 10 s.
    const { problem } = firstFitPlanted(14);
    const alone = solve(problem, { timeLimitMs: 2000, seed: 1 });
    expect(alone.score.scheduledPatients).toBeLessThan(problem.patients.length);
    // The node sequence is fixed by the seed (~330 nodes here); the deadline only guards.
    const { result } = search(problem, 60_000);
    expect(result.plans).not.toBeNull();
    expect(result.plans).toHaveLength(problem.patients.length);
    const solution = asSolution(problem, result.plans!);
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.score.scheduledPatients).toBe(problem.patients.length);
  }, 120_000);

  it('solveAsync hands the clinic over to it once the planner stops, and returns it complete', async () => {
    const { problem } = firstFitPlanted(14);
    const solution = await solveOnTicks(problem, 30_000);
    // Found, not proven: the restarts forget what they explored.
    expect(solution.stats.proof).not.toBe('infeasible');
  }, 90_000);

  it('gets the time the planner leaves when it ends early with patients out', async () => {
    // Held-out seed 10022: 60 patients; the planner's bounded phases end early (on this clock
    // at ~320 of 20,000 ms) with 59 placed, before the stall rule fires; that time once went
    // unused (with `cp: false` it ends 59/60).
    await solveOnTicks(firstFitPlanted(10022).problem, 20_000);
  }, 60_000);

  it('gives only schedules the validator accepts (small planted clinics, tuning and held-out seeds)', () => {
    let found = 0;
    for (const seed of [31, 32, 33, 34, 35, 20031, 20032, 20033, 20034, 20035]) {
      const { problem } = firstFitPlanted(seed, { patients: 8 });
      const { result } = search(problem, 1500, seed);
      if (!result.plans) continue;
      found++;
      expect({
        seed,
        violations: validateSolution(problem, asSolution(problem, result.plans)),
      }).toEqual({ seed, violations: [] });
    }
    // The property is the validity; this guards against a search that never finds anything.
    expect(found).toBeGreaterThan(0);
  }, 60_000);

  it('completes clinics only the pools and forced uses open to it (tuning seeds 9 and 19)', () => {
    // 18 and 11 patients. Before slack per pool and forced uses (forced-uses.ts) no restart
    // reached a schedule in 3 s (38,820 and 49,788 nodes); now ~300 and ~160 nodes. A clock
    // that moves one unit per look (every 64 nodes and every restart) bounds the search to
    // about 12,800 nodes whatever the machine.
    for (const seed of [9, 19]) {
      const { problem } = firstFitPlanted(seed);
      const model = compileModel(problem);
      const domains = model.patients.map((p) => computeDomains(model, p, new Map()).domains);
      expectCompleteOnTicks(seed, problem, model, domains);
    }
  }, 60_000);

  it('keeps every planted start through its prunings (domains cut to a planted schedule)', () => {
    // With each session's domain cut to its planted start, a pruning that drops a start some
    // schedule needs (a propagation, the trim, the matchings, the person required continuity
    // binds a series to) empties a domain: the search must still find a schedule, choosing only
    // rooms and staff. Tuning seeds with `require` continuity (the retreat's and KAP's
    // therapists, the EMDR intensive's); ~430–710 nodes each, the ticking clock allows ~12,800.
    for (const seed of [11, 18, 21, 25, 26]) {
      const { problem, planted } = firstFitPlanted(seed);
      const model = compileModel(problem);
      const plans = plansFromAppointments(model, planted.appointments);
      const cut = model.patients.map((p) =>
        computeDomains(model, p, new Map()).domains.map((list, si) =>
          list.map((_, k) => {
            const s = plans[p.index]!.sessions.find((x) => x.series === si && x.index === k + 1);
            return Int32Array.from([s!.slot]);
          }),
        ),
      );
      expectCompleteOnTicks(seed, problem, model, cut);
    }
  }, 60_000);

  it('does not search a state again once one like it was searched in full', () => {
    // Tuning seed 12: 217 sessions, found in ~12,800 nodes with ~2,800 states met again (seed 8,
    // used before, now completes before any is). The node sequence is fixed by the seed; the
    // deadline only guards.
    const { problem } = firstFitPlanted(12);
    const { result } = search(problem, 60_000);
    expect(result.plans).not.toBeNull();
    expect(result.repeats).toBeGreaterThan(0);
    expect(validateSolution(problem, asSolution(problem, result.plans!))).toEqual([]);
  }, 120_000);

  it('does not start on a clinic with room to spare', () => {
    const path = join(__dirname, '../fixtures/examples/kap-im-rolling.json');
    const problem = JSON.parse(readFileSync(path, 'utf8')) as Problem;
    const { result } = search(problem, 5000);
    expect(result).toEqual({ plans: null, nodes: 0, restarts: 0, deepest: 0, repeats: 0 });
  });

  it('ends when it has searched a tight clinic in full without a schedule', () => {
    // Booked to the minute (slack 0) and no schedule: the first restart refutes the root. The
    // restarts once went on for ever, each meeting the root as searched without a node, so the
    // deadline was never looked at; the clock here moves only when looked at.
    const problem = oneHourForTwo();
    const model = compileModel(problem);
    const domains = model.patients.map((p) => computeDomains(model, p, new Map()).domains);
    let ticks = 0;
    const result = frontierSearch(model, [0, 1], (p) => domains[p], new Prng(1), {
      deadline: 1e9,
      clock: () => ++ticks,
    });
    expect(result.plans).toBeNull();
    expect(result.restarts).toBe(0);
  });

  it('lets solveAsync answer on such a clinic: one patient in, the other out for the other', async () => {
    // On a clock that moves with each look at it: the same answer whatever the machine's load.
    let now = 0;
    const clock = () => (now += 0.05);
    const solution = await solveAsync(oneHourForTwo(), { timeLimitMs: 2000, seed: 1, clock });
    expect(solution.score.scheduledPatients).toBe(1);
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('BOOKED_BY_OTHERS');
    // The room it suggests is free in the clinic's hours (the room's, without staff), not at midnight.
    expect(reason.suggestion).toMatch(/available 2027-03-01 09:00–10:00/);
  }, 30_000);
});
