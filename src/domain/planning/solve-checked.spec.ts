import type { Problem, Solution } from './format';
import { tinyProblem } from './solution-check/tiny-problem.testing';
import { solve, type SolveOptions } from './solve';
import { solveChecked, violationCodes } from './solve-checked';

const options: SolveOptions = { timeLimitMs: 2000, seed: 3 };

/** A solver with a bug: the real solution, then `corrupt` applied to a copy of it. */
const brokenSolver =
  (corrupt: (s: Solution) => void) =>
  (problem: Problem, o: SolveOptions): Solution => {
    const solution = structuredClone(solve(problem, o));
    corrupt(solution);
    return solution;
  };

describe('solveChecked', () => {
  it('returns the solver output when the independent validator accepts it', async () => {
    const problem = tinyProblem();
    const result = await solveChecked(problem, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.solution.status).toBe('complete');
    expect(result.solution.appointments).toEqual(solve(problem, options).appointments);
  });

  it('catches a solver that double-books the patient', async () => {
    const problem = tinyProblem();
    const solver = brokenSolver((s) => {
      const [first, second] = s.appointments;
      second.start = first.start;
      second.end = first.end;
    });
    const result = await solveChecked(problem, options, solver);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(violationCodes(result.violations)).toContain('PATIENT_OVERLAP');
  });

  it('catches a solver that claims a complete schedule while dropping a session', async () => {
    const problem = tinyProblem();
    const solver = brokenSolver((s) => {
      s.appointments.pop();
    });
    const result = await solveChecked(problem, options, solver);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations.length).toBeGreaterThan(0);
  });

  it('passes the options through to the solver', async () => {
    const seen: SolveOptions[] = [];
    await solveChecked(tinyProblem(), options, (p, o) => {
      seen.push(o);
      return solve(p, o);
    });
    expect(seen).toEqual([options]);
  });
});

describe('violationCodes', () => {
  it('keeps only the distinct rule codes, sorted, without messages or ids', () => {
    const codes = violationCodes([
      { rule: 'STAFF_OVERLAP', message: 'ther-1 twice at 09:00', resource: 'ther-1' },
      { rule: 'PATIENT_OVERLAP', message: 'p1 twice', patient: 'p1' },
      { rule: 'STAFF_OVERLAP', message: 'doc twice', resource: 'doc' },
    ]);
    expect(codes).toEqual(['PATIENT_OVERLAP', 'STAFF_OVERLAP']);
  });
});
