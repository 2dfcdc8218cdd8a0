/**
 * Issue 7, item 5: reasons and suggestions are honest. A search that gave up
 * says SEARCH_LIMIT with what it tried; capacity codes only with a counting
 * proof; a staffing gap is an availability reason, not a rule conflict; every
 * suggestion, applied to the problem (pinned bookings included), lets the
 * patient be scheduled.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem, Solution } from '../../src/domain/planning/format';
import { compileModel } from '../../src/domain/planning/model/compile';
import { checkProblem } from '../../src/domain/planning/problem-check';
import { solveDetailed } from '../../src/domain/planning/solve';
import { Planner } from '../../src/domain/planning/solver/planner';
import { explainAll } from '../../src/domain/planning/solver/reasons';
import { applyEdit, pinOthers } from './support/apply-edit';
import { solve } from './support/planner-api';
import { validateSolution } from './support/validator-api';

const EXAMPLES = join(__dirname, '../fixtures/examples');
const load = (name: string): Problem =>
  JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8'));

/** kap-im-rolling with each dose followed by integration or ART (shared/examples/kap-im-two-targets). */
function twoTargets(): Problem {
  const problem = load('kap-im-rolling');
  for (const proto of problem.protocols)
    for (const rule of proto.rules ?? [])
      if (rule.type === 'followUp') rule.targets = ['integration', 'art'];
  return problem;
}

/** Every reason with a capacity code rests on a counting proof. */
function expectCapacityCodesCounted(solution: Solution): void {
  for (const u of solution.unscheduled)
    for (const r of u.reasons) {
      expect(r.code).not.toBe('NO_JOINT_FIT');
      if (/^NO_.*_CAPACITY$/.test(r.code)) expect(r.message).toMatch(/^counting proves/);
    }
}

/** Each suggestion's change, applied with everyone else as planned, lets the patient in. */
function expectSuggestionsFit(problem: Problem, solution: Solution, edits: Map<string, unknown[]>) {
  let checked = 0;
  for (const [patient, list] of edits)
    for (const edit of list as Parameters<typeof applyEdit>[1][]) {
      const edited = applyEdit(pinOthers(problem, solution, patient), edit);
      const checkedProblem = checkProblem(edited);
      if (!checkedProblem.ok) throw new Error(JSON.stringify(checkedProblem.errors));
      const after = solve(edited, { timeLimitMs: 5000 });
      expect(validateSolution(edited, after)).toEqual([]);
      expect({ edit, unscheduled: after.unscheduled.map((u) => u.patient) }).toEqual({
        edit,
        unscheduled: [],
      });
      checked++;
    }
  return checked;
}

describe('item 5: a search that gave up says so', () => {
  it('gives SEARCH_LIMIT with the nodes tried, never "add staff", when the searches stop on their limits', () => {
    const problem = twoTargets();
    const model = compileModel(problem);
    // Nobody placed (no construction), so every patient is explained; one node per search.
    const planner = new Planner(model, { seed: 1, deadline: Infinity, clock: () => 0 });
    const explained = explainAll(planner, {
      deadline: Infinity,
      clock: () => 0,
      budgets: { classifyNodes: 1, diagnoseNodes: 1, verifyNodes: 1 },
    });
    expect(explained.provenAlone.size).toBe(0);
    expect(explained.reasons.size).toBe(problem.patients.length);
    for (const reasons of explained.reasons.values()) {
      expect(reasons[0].code).toBe('SEARCH_LIMIT');
      expect(reasons[0].message).toMatch(/stopped on its limit after \d+ nodes/);
      for (const r of reasons.slice(1)) expect(r.message).toMatch(/^counting proves/);
    }
  });

  it('on kap-im-two-targets: no unproven capacity code, no false proof, and the bound counts all 8', () => {
    const problem = twoTargets();
    const { solution } = solveDetailed(problem, { timeLimitMs: 3000 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expectCapacityCodesCounted(solution);
    // The kap-im-rolling schedule is valid here: nobody is unschedulable, 8 may be scheduled.
    expect(solution.stats.proof).not.toBe('infeasible');
    expect(solution.stats.bound).toEqual({ scheduledPatients: 8 });
  });
});

describe('item 5: suggestions are verified with the pinned bookings', () => {
  /** infeasible-72h-tue-thu with one patient; optionally its first dose pinned on Wednesday. */
  function tueThu(pinned: boolean): Problem {
    const problem = load('infeasible-72h-tue-thu');
    problem.patients = problem.patients.slice(0, 1);
    if (pinned)
      problem.existing = [
        {
          id: 'b1',
          patient: 'p-001',
          series: 'dose',
          index: 1,
          start: '2027-03-03T09:00',
          room: 'dosing-1',
          staff: [
            { id: 'prescriber-1', role: 'prescriber' },
            { id: 'rn-1', role: 'rn' },
            { id: 'kap-1', role: 'kap-therapist' },
          ],
          mode: 'pinned',
        },
      ];
    return problem;
  }

  it('offers a gap relaxation that works, and it does', () => {
    // With at most 120 h between doses, Tue morning / Thu afternoon fits: 52 h, 20 h off 72 h.
    const problem = tueThu(false);
    problem.protocols[0].series[0].gapHours = { min: 72, max: 120 };
    const { solution, edits } = solveDetailed(problem, { timeLimitMs: 5000 });
    expect(solution.unscheduled[0].reasons[0].suggestion).toMatch(
      /relax the minimum gap of 'dose' by 20 h \(to 52 h\)/,
    );
    expect(expectSuggestionsFit(problem, solution, edits)).toBeGreaterThan(0);
  });

  it('never offers to cut a minimum gap by more than half (72 h to 4 h is another protocol)', () => {
    const problem = tueThu(false);
    const { solution, edits } = solveDetailed(problem, { timeLimitMs: 5000 });
    const relaxed = structuredClone(problem);
    relaxed.protocols[0].series[0].gapHours = { min: 4, max: 96 };
    expect(solve(relaxed, { timeLimitMs: 3000 }).unscheduled).toHaveLength(0);
    expect(solution.unscheduled[0].reasons[0].suggestion ?? '').not.toMatch(/minimum gap/);
    expectSuggestionsFit(problem, solution, edits);
  });

  it('with a pinned Wednesday dose, never the relaxation that only works without it', () => {
    const problem = tueThu(true);
    const { solution, edits } = solveDetailed(problem, { timeLimitMs: 5000 });
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('RULE_CONFLICT');
    // Computed without the pinned booking this used to be "relax the minimum gap of 'dose' by 68 h".
    expect(reason.suggestion ?? '').not.toMatch(/minimum gap of 'dose' by 68 h/);
    const relaxed = structuredClone(problem);
    relaxed.protocols[0].series[0].gapHours = { min: 4, max: 96 };
    expect(solve(relaxed, { timeLimitMs: 3000 }).unscheduled).toHaveLength(1);
    expectSuggestionsFit(problem, solution, edits);
  });
});

describe('item 5: a staffing gap in the booster months', () => {
  /** esketamine-8-weeks, one patient, the only prescriber off from 12 April to the end. */
  function boosterGap(): Problem {
    const problem = load('esketamine-8-weeks');
    problem.patients = problem.patients.slice(0, 1);
    problem.staff[0].timeOff = [{ start: '2027-04-12T00:00', end: '2027-05-19T00:00' }];
    return problem;
  }

  it('is an availability reason naming the prescriber, with a verified staffing suggestion', () => {
    const problem = boosterGap();
    const { solution, edits } = solveDetailed(problem, { timeLimitMs: 10_000 });
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('NO_RESOURCE_AVAILABILITY');
    expect(reason.message).toMatch(/'maintenance'/);
    expect(reason.message).toMatch(/role prescriber/);
    expect(reason.suggestion).toMatch(
      /one more person with role prescriber, available 2027-0[45]-\d\d/,
    );
    expect(solution.stats.proof).toBe('infeasible');
    expect(solution.stats.bound).toEqual({ scheduledPatients: 0 });
    expect(expectSuggestionsFit(problem, solution, edits)).toBeGreaterThan(0);
  });

  it('stays a rule reason when the rules alone cannot hold', () => {
    const problem = boosterGap();
    problem.staff[0].timeOff = [];
    // Maintenance only on Saturdays, a rest day of the protocol.
    problem.protocols[0].series[2].days = ['SA'];
    const { solution } = solveDetailed(problem, { timeLimitMs: 5000 });
    expect(solution.unscheduled[0].reasons[0].code).toBe('NO_ALLOWED_DAY');
    expect(solution.unscheduled[0].reasons[0].message).toMatch(/'maintenance'/);
  });
});
