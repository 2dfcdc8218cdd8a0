/**
 * Group sessions (format 1.1) through POST /v1/plans/solve: the planner forms
 * one integration circle for the cohort, and the answer carries the
 * occurrence on every circle appointment and passes the validator.
 */
import type { Solution } from '../../src/domain/planning/format';
import { retreat } from '../../src/domain/planning/group-problem.testing';
import { validateSolution } from '../../src/domain/planning/solution-check';
import { TestClinic, useTestApp } from '../harness/test-app';

describe('POST /v1/plans/solve with group sessions', () => {
  const t = useTestApp();
  let clinic: TestClinic;

  beforeEach(async () => {
    clinic = await t().createClinic();
  });

  it('plans one circle for four patients with one facilitator and one circle room', async () => {
    const problem = retreat(4, { min: 2, max: 8 }, { days: 1, to: '2027-03-01' });
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(200);
    const solution = res.body as Solution;
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    const circles = solution.appointments.filter((a) => a.sessionType === 'integration-circle');
    expect(circles).toHaveLength(4);
    expect(new Set(circles.map((a) => a.occurrence)).size).toBe(1);
    expect(new Set(circles.map((a) => a.start)).size).toBe(1);
  });

  it('explains patients who cannot reach the group minimum', async () => {
    const problem = retreat(2, { min: 3, max: 8 }, { days: 1, to: '2027-03-01' });
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(200);
    const solution = res.body as Solution;
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.unscheduled.map((u) => u.reasons[0].code)).toEqual([
      'GROUP_TOO_SMALL',
      'GROUP_TOO_SMALL',
    ]);
  });
});
