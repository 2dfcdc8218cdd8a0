import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem, Solution } from '../../src/domain/planning/format';
import { validateSolution } from '../../src/domain/planning/solution-check';
import { TestClinic, useTestApp } from '../harness/test-app';

const EXAMPLES = join(__dirname, '../fixtures/examples');
const example = (name: string): Problem =>
  JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8')) as Problem;

describe('POST /v1/plans/solve', () => {
  const t = useTestApp();
  let clinic: TestClinic;

  beforeEach(async () => {
    clinic = await t().createClinic();
  });

  it('solves a problem document and returns a solution that validates', async () => {
    const problem = { ...example('retreat-3-day'), options: { timeLimitMs: 3000, seed: 7 } };
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(200);
    const solution = res.body as Solution;
    expect(solution.status).toBe('complete');
    expect(solution.score.scheduledPatients).toBe(problem.patients.length);
    expect(validateSolution(problem, solution)).toEqual([]);
  });

  it('explains an infeasible problem instead of failing', async () => {
    const problem = { ...example('infeasible-72h-tue-thu'), options: { timeLimitMs: 3000 } };
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(200);
    expect(res.body.status).toBe('none');
    expect(res.body.unscheduled).toHaveLength(problem.patients.length);
    for (const u of res.body.unscheduled) expect(u.reasons.length).toBeGreaterThan(0);
  });

  it('answers 422 problem+json naming every invalid field by JSON pointer', async () => {
    const problem = example('retreat-3-day') as unknown as Record<string, unknown> & Problem;
    const bad = {
      ...problem,
      clinic: { ...problem.clinic, timeZone: 'Mars/Olympus_Mons' },
      staff: [
        {
          ...problem.staff[0],
          availability: [{ rrule: 'FREQ=SOMETIMES', start: '09:00', end: '17:00' }],
        },
        ...problem.staff.slice(1),
      ],
      surprise: true,
    };
    const res = await clinic.as('director').post('/v1/plans/solve').send(bad).expect(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('INVALID_PROBLEM');
    const pointers = res.body.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining(['/clinic/timeZone', '/staff/0/availability/0/rrule', '/surprise']),
    );
    for (const e of res.body.errors) expect(e.code).toMatch(/^[A-Z_]+$/);
  });

  it('answers 422 for a rule of an unknown type, naming its type, never reading it as another', async () => {
    const problem = example('retreat-3-day');
    const rules = [...problem.protocols[0].rules!, { type: 'sameWeek', series: ['dose'] }];
    const bad = { ...problem, protocols: [{ ...problem.protocols[0], rules }] };
    const res = await clinic.as('director').post('/v1/plans/solve').send(bad).expect(422);
    expect(res.body.code).toBe('INVALID_PROBLEM');
    expect(res.body.errors).toEqual([
      {
        pointer: `/protocols/0/rules/${rules.length - 1}/type`,
        code: 'INVALID_VALUE',
        message: expect.stringContaining('unknown rule type "sameWeek"'),
      },
    ]);
  });

  it('refuses a time limit above the service maximum', async () => {
    const problem = { ...example('retreat-3-day'), options: { timeLimitMs: 600_000 } };
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(422);
    expect(res.body.code).toBe('PLAN_LIMIT_EXCEEDED');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/options/timeLimitMs', code: 'TIME_LIMIT_TOO_LARGE' }),
    ]);
  });

  it('rejects a body that is not JSON, and non-director keys', async () => {
    await clinic
      .as('director')
      .post('/v1/plans/solve')
      .set('Content-Type', 'application/json')
      .send('{"formatVersion":')
      .expect(400);
    await clinic.as('frontdesk').post('/v1/plans/solve').send(example('retreat-3-day')).expect(403);
    await t().http.post('/v1/plans/solve').send(example('retreat-3-day')).expect(401);
  });
});
