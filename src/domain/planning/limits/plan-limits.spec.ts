import type { Problem } from '../format';
import { checkPlanLimits, HTTP_PLAN_LIMITS } from './plan-limits';

function problem(overrides: Partial<Problem> = {}): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York' },
    horizon: { start: '2027-01-01', end: '2027-12-31' },
    staff: [],
    rooms: [],
    sessionTypes: [],
    protocols: [],
    patients: [],
    ...overrides,
  };
}

describe('checkPlanLimits', () => {
  it('accepts a problem within every limit (a whole year is 365 days)', () => {
    expect(
      checkPlanLimits(problem({ options: { timeLimitMs: 30_000 } }), HTTP_PLAN_LIMITS),
    ).toEqual([]);
  });

  it('names the time limit that is too large', () => {
    const issues = checkPlanLimits(problem({ options: { timeLimitMs: 30_001 } }), HTTP_PLAN_LIMITS);
    expect(issues).toEqual([
      expect.objectContaining({ pointer: '/options/timeLimitMs', code: 'TIME_LIMIT_TOO_LARGE' }),
    ]);
  });

  it('refuses more patients than allowed', () => {
    const patients = Array.from({ length: 3 }, (_, i) => ({ id: `p${i}`, protocol: 'x' }));
    const issues = checkPlanLimits(problem({ patients }), { ...HTTP_PLAN_LIMITS, maxPatients: 2 });
    expect(issues.map((i) => i.code)).toEqual(['TOO_MANY_PATIENTS']);
  });

  it('counts horizon days inclusively', () => {
    const limits = { ...HTTP_PLAN_LIMITS, maxHorizonDays: 7 };
    expect(
      checkPlanLimits(problem({ horizon: { start: '2027-03-08', end: '2027-03-14' } }), limits),
    ).toEqual([]);
    const issues = checkPlanLimits(
      problem({ horizon: { start: '2027-03-08', end: '2027-03-15' } }),
      limits,
    );
    expect(issues).toEqual([
      expect.objectContaining({ pointer: '/horizon/end', code: 'HORIZON_TOO_LONG' }),
    ]);
  });
});
