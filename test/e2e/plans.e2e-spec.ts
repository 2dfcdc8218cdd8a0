import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Response } from 'supertest';
import type { Problem, Solution } from '../../src/domain/planning/format';
import { validateSolution } from '../../src/domain/planning/solution-check';
import {
  HISTORY_MISSED_DOSE,
  historyProblem,
} from '../../src/domain/planning/solution-check/format-1-1.testing';
import { PiscinaPlannerPool, PLANNER_POOL } from '../../src/infra/planner/planner-pool';
import { PlannerRunner } from '../../src/infra/planner/planner-runner';
import { oneHourForTwo } from '../factories/planning/one-hour-for-two';
import { TestClinic, useTestApp } from '../harness/test-app';
import { gateFile, startedLog, testPlannerDir } from './support/test-planner.worker';

const EXAMPLES = join(__dirname, '../fixtures/examples');
const example = (name: string): Problem =>
  JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8')) as Problem;

/** `name`'s patient number `index` alone, renamed `id`, with a short time limit. */
function onePatient(id: string, name = 'retreat-3-day', index = 0): Problem {
  const problem = example(name);
  const patient = { ...problem.patients[index % problem.patients.length], id };
  return { ...problem, patients: [patient], options: { timeLimitMs: 2000, seed: 1 } };
}

function expectValidAnswer(res: Response, problem: Problem): void {
  expect(res.status).toBe(200);
  const solution = res.body as Solution;
  expect(validateSolution(problem, solution)).toEqual([]);
  // Every patient answered for, either scheduled or unscheduled, never both (in any order).
  const scheduled = new Set(solution.appointments.map((a) => a.patient));
  const answered = [...scheduled, ...solution.unscheduled.map((u) => u.patient)];
  expect(answered.sort()).toEqual(problem.patients.map((p) => p.id).sort());
}

/** Polls `condition` (no timing asserted; gives up after 15 s). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const giveUp = Date.now() + 15_000;
  while (!condition()) {
    if (Date.now() > giveUp) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

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

  it('answers a clinic booked to the minute that has no complete schedule, within its time limit', async () => {
    // The frontier search once restarted for ever here; the thread was stopped 30 s after the
    // limit and the director got 503 PLANNER_BUSY ("retry later"), again on every retry.
    const problem = { ...oneHourForTwo(), options: { timeLimitMs: 2000, seed: 1 } };
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(200);
    expect(validateSolution(problem, res.body as Solution)).toEqual([]);
    expect(res.body.score.scheduledPatients).toBe(1);
    // Which true reason depends on the time left for the reasons on a loaded machine.
    expect(['BOOKED_BY_OTHERS', 'SEARCH_LIMIT']).toContain(res.body.unscheduled[0].reasons[0].code);
  }, 60_000);

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
        code: 'NOT_ALLOWED',
        message: expect.stringContaining('unknown rule type "sameWeek"'),
      },
    ]);
  });

  it('re-plans a course in progress (format 1.1): done sessions kept, missed echoed, nothing before now', async () => {
    const problem = { ...historyProblem(), options: { timeLimitMs: 2000, seed: 1 } };
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(200);
    expectValidAnswer(res, problem);
    const solution = res.body as Solution;
    expect(solution.status).toBe('complete');
    expect(solution.missed).toEqual([HISTORY_MISSED_DOSE]);
    expect(solution.appointments.map((a) => a.id)).toEqual(expect.arrayContaining(['a1', 'a2']));
  });

  it('answers 422 NOT_SUPPORTED_BY_PLANNER for a valid 1.1 problem the planner cannot plan', async () => {
    // Done sessions without "now": valid format 1.1, but the planner re-plans a course from now on.
    const problem = { ...historyProblem(), now: undefined };
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(422);
    expect(res.body.code).toBe('NOT_SUPPORTED_BY_PLANNER');
    expect(res.body.errors).toEqual(
      ['/existing/0/start', '/existing/1/start'].map((pointer) => ({
        pointer,
        code: 'NOT_SUPPORTED_BY_PLANNER',
        message: expect.stringContaining('"now"'),
      })),
    );
    // The same bookings in a version 1 document are a format error, not a planner limit.
    const v1 = await clinic
      .as('director')
      .post('/v1/plans/solve')
      .send({ ...problem, formatVersion: 1 })
      .expect(422);
    expect(v1.body.code).toBe('INVALID_PROBLEM');
    expect(v1.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/existing/0/mode', code: 'FIELD_NEEDS_FORMAT_VERSION' }),
    );
  });

  it('refuses a time limit above the service maximum', async () => {
    const problem = { ...example('retreat-3-day'), options: { timeLimitMs: 600_000 } };
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem).expect(422);
    expect(res.body.code).toBe('PLAN_LIMIT_EXCEEDED');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/options/timeLimitMs', code: 'TIME_LIMIT_TOO_LARGE' }),
    ]);
  });

  it('answers many concurrent solves from two clinics, each with its own solution', async () => {
    const other = await t().createClinic();
    const names = ['retreat-3-day', 'kap-im-rolling', 'esketamine-8-weeks'];
    const problems = Array.from({ length: 12 }, (_, i) =>
      onePatient(`p-${i}`, names[i % names.length], i),
    );
    const answers = await Promise.all(
      problems.map((problem, i) =>
        (i % 2 ? other : clinic).as('director').post('/v1/plans/solve').send(problem),
      ),
    );
    answers.forEach((res, i) => expectValidAnswer(res, problems[i]));
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

describe('POST /v1/plans/solve on one planner thread (test worker)', () => {
  const worker = join(__dirname, 'support/test-planner.worker.ts');
  const t = useTestApp({
    config: { plannerPoolSize: 1, plannerQueuePerClinic: 2, plannerQueueMax: 10 },
    providers: [{ provide: PLANNER_POOL, useFactory: () => new PiscinaPlannerPool(1, worker) }],
  });
  const started = () => readFileSync(startedLog(), 'utf8').split('\n').filter(Boolean);
  const solveAs = (clinic: TestClinic, problem: Problem): Promise<Response> =>
    clinic
      .as('director')
      .post('/v1/plans/solve')
      .send(problem)
      .then((res) => res);

  beforeEach(() => {
    rmSync(testPlannerDir(), { recursive: true, force: true });
    mkdirSync(testPlannerDir(), { recursive: true });
    writeFileSync(startedLog(), '');
  });
  afterAll(() => rmSync(testPlannerDir(), { recursive: true, force: true }));

  it('serves a second clinic while the first floods; 503 + Retry-After beyond its queue', async () => {
    const [a, b] = [await t().createClinic(), await t().createClinic()];
    const runner = t().get(PlannerRunner);
    const problems = {
      a1: onePatient('hold-a1'),
      a2: onePatient('a2', 'kap-im-rolling'),
      a3: onePatient('a3'),
      b1: onePatient('b1', 'esketamine-8-weeks'),
    };
    const a1 = solveAs(a, problems.a1);
    await until(() => runner.load(a.id).running === 1, 'a1 to hold the only thread');
    const [a2, a3] = [solveAs(a, problems.a2), solveAs(a, problems.a3)];
    await until(() => runner.load(a.id).waiting === 2, "clinic A's queue to fill");

    const refused = await solveAs(a, onePatient('a4'));
    expect(refused.status).toBe(503);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(refused.body.code).toBe('PLANNER_BUSY');

    const b1 = solveAs(b, problems.b1);
    await until(() => runner.load(b.id).waiting === 1, "clinic B's solve to queue");
    writeFileSync(gateFile('hold-a1'), '');
    const answers = { a1: await a1, a2: await a2, a3: await a3, b1: await b1 };
    for (const [name, res] of Object.entries(answers)) {
      expectValidAnswer(res, problems[name as keyof typeof problems]);
    }
    // B's one solve ran as soon as the thread was free, before A's queued ones.
    expect(started()).toEqual(['hold-a1', 'b1', 'a2', 'a3']);
  });

  it('never returns a solution the validator rejects: 500 PLANNER_INVALID_SOLUTION, hash logged', async () => {
    const clinic = await t().createClinic();
    const problem = onePatient('broken-p1');
    const res = await clinic.as('director').post('/v1/plans/solve').send(problem);
    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 500, code: 'PLANNER_INVALID_SOLUTION' });
    expect(res.body.appointments).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain('broken-p1');

    const hash = createHash('sha256').update(JSON.stringify(problem)).digest('hex');
    const line = t().logs.find((l) => l.problemSha256 !== undefined);
    expect(line).toMatchObject({
      problemSha256: hash,
      clinicId: clinic.id,
      requestId: res.body.requestId,
      violations: expect.arrayContaining(['PATIENT_OVERLAP']),
    });
    expect(JSON.stringify(t().logs)).not.toContain('broken-p1');
    expect(started()).toEqual(['broken-p1']);
  });
});
