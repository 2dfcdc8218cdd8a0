import { PlanRunRepository } from '../../src/repositories/plan-run.repository';
import { CLOCK } from '../../src/services/clock';
import {
  doseBody,
  enrollPatient,
  intakeBody,
  IvClinic,
  ivClinic,
  TestClock,
} from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import type { Response } from 'supertest';

/** Monday 2027-03-01 noon in New York: the courses below start a week later. */
const clock = new TestClock(new Date('2027-03-01T17:00:00Z'));
const WINDOW = { earliestStart: '2027-03-08', latestEnd: '2027-04-09' };
const at = (date: string, time: string) => `${date}T${time}:00-05:00`;
const SESSIONS = 7; // intake + 6 doses

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies read field by field
type Run = Record<string, any>;

function expectProblem(res: Response, status: number, code: string): void {
  expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
}

jest.setTimeout(120_000);

describe(`plan runs (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { planRunPollMs: 50, plannerPoolSize: 1 },
  });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T17:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const count = async (sql: string, params: unknown[] = []) =>
    (await t().dataSource.query(sql, params))[0].n as number;
  const appointments = () =>
    count(`SELECT count(*)::int AS n FROM appointment WHERE clinic_id = $1 AND status = 'booked'`, [
      iv.clinic.id,
    ]);

  async function settle(id: string): Promise<Run> {
    for (let waited = 0; waited < 120_000; waited += 100) {
      const res = await desk().get(`/v1/plan-runs/${id}`).expect(200);
      if (!['queued', 'running'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`plan run ${id} did not finish`);
  }

  async function start(body: object, key?: string): Promise<Run> {
    const req = desk().post('/v1/plan-runs');
    if (key) req.set('Idempotency-Key', key);
    const res = await req.send({ timeLimitMs: 3000, seed: 1, ...body }).expect(202);
    expect(res.headers.location).toBe(`/v1/plan-runs/${res.body.id}`);
    return res.body;
  }

  it('plans two enrollments from stored data, names every id, and commits them atomically', async () => {
    const a = await enrollPatient(iv, WINDOW);
    const b = await enrollPatient(iv, WINDOW);
    const queued = await start({ enrollmentIds: [a.id, b.id] });
    expect(queued).toMatchObject({ status: 'queued', result: null });
    const run = await settle(queued.id);
    expect(run.status).toBe('succeeded');
    expect(run.result.status).toBe('complete');
    expect(run.result.counts).toEqual({
      added: 2 * SESSIONS,
      kept: 0,
      moved: 0,
      removed: 0,
      done: 0,
    });
    const first = run.result.appointments.find((x: Run) => x.series === 'dose');
    expect(first).toMatchObject({
      change: 'added',
      patient: { displayName: 'Test Patient', initials: 'TP' },
      sessionType: { code: 'ketamine-iv', name: 'IV ketamine' },
      room: { id: iv.rooms.bay1, name: 'Bay 1' },
    });
    expect(first.staff.map((s: Run) => s.name).sort()).toEqual(['Dr. A', 'RN B']);

    const problem = await desk().get(`/v1/plan-runs/${run.id}/problem`).expect(200);
    expect(problem.body).toMatchObject({
      formatVersion: 1.1,
      horizon: { start: '2027-03-08', end: '2027-04-09' },
      patients: [{ id: a.id }, { id: b.id }],
    });
    expect(problem.body.now).toBeUndefined(); // the horizon starts after today

    await iv.clinic.as('clinician').post(`/v1/plan-runs/${run.id}/commit`).expect(403);
    const audits = await count(`SELECT count(*)::int AS n FROM audit_log`);
    const committed = await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(200);
    expect(committed.body.booked).toHaveLength(2 * SESSIONS);
    expect(committed.body.run.status).toBe('committed');
    expect(await appointments()).toBe(2 * SESSIONS);
    expect(await count(`SELECT count(*)::int AS n FROM audit_log`)).toBe(audits + 2 * SESSIONS + 1);
    const again = await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(409);
    expectProblem(again, 409, 'PLAN_RUN_NOT_READY');
    // When, in the clinic's time (New York, -05:00 or -04:00), not UTC.
    expect(again.body.detail).toMatch(/it was committed at [-\dT:.]+-0[45]:00$/);
    expect(await appointments()).toBe(2 * SESSIONS);

    const list = await desk().get('/v1/plan-runs?limit=1').expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].status).toBe('committed');
  });

  it('plans a cohort around a session booked by hand (pinned, kept)', async () => {
    const a = await enrollPatient(iv, WINDOW);
    const cohort = await post(iv.clinic.as('director'), '/v1/cohorts', {
      name: 'March',
      startDate: '2027-03-08',
      endDate: '2027-04-09',
    });
    await post(desk(), `/v1/cohorts/${cohort.id}/members`, { enrollmentId: a.id }, 200);
    const intake = await post(
      desk(),
      '/v1/appointments',
      intakeBody(iv, a.id, at('2027-03-09', '09:00')),
    );
    const queued = await start({ cohortId: cohort.id }, 'run-1');
    expect((await start({ cohortId: cohort.id }, 'run-1')).id).toBe(queued.id); // a retry
    expect(await count(`SELECT count(*)::int AS n FROM plan_run`)).toBe(1);
    const run = await settle(queued.id);
    expect(run.status).toBe('succeeded');
    expect(run.result.counts).toMatchObject({ added: SESSIONS - 1, kept: 1 });
    expect(run.result.appointments.find((x: Run) => x.change === 'kept').id).toBe(intake.id);
    const problem = await desk().get(`/v1/plan-runs/${run.id}/problem`).expect(200);
    expect(problem.body.existing).toEqual([
      expect.objectContaining({ id: intake.id, mode: 'pinned', start: '2027-03-09T09:00' }),
    ]);
    const committed = await desk()
      .post(`/v1/plan-runs/${run.id}/commit`)
      .set('Idempotency-Key', 'c-1')
      .expect(200);
    const retry = await desk()
      .post(`/v1/plan-runs/${run.id}/commit`)
      .set('Idempotency-Key', 'c-1')
      .expect(200);
    expect(retry.body).toEqual(committed.body);
    expect(await appointments()).toBe(SESSIONS);
  });

  it('answers 409 naming what changed since the run, marks it stale and books nothing', async () => {
    const a = await enrollPatient(iv, WINDOW);
    const other = await enrollPatient(iv, WINDOW);
    clock.set('2027-03-08T15:10:00Z'); // 10:10 in New York, inside the horizon: `now` is set
    const run = await settle((await start({ enrollmentIds: [a.id] })).id);
    expect(run.status).toBe('succeeded');
    const problem = await desk().get(`/v1/plan-runs/${run.id}/problem`).expect(200);
    expect(problem.body).toMatchObject({
      now: '2027-03-08T10:10',
      horizon: { start: '2027-03-08' },
    });
    for (const x of run.result.appointments) {
      expect(Date.parse(x.start)).toBeGreaterThanOrEqual(Date.parse('2027-03-08T10:10:00-05:00'));
    }
    const hand = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, other.id, 1, at('2027-03-15', '09:00')),
    );
    const res = await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(409);
    expectProblem(res, 409, 'PLAN_RUN_STALE');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: `/appointments/${hand.id}`, code: 'PLAN_RUN_STALE' }),
    ]);
    expect(await appointments()).toBe(1);
    const after = await desk().get(`/v1/plan-runs/${run.id}`).expect(200);
    expect(after.body.status).toBe('stale');
    expectProblem(
      await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(409),
      409,
      'PLAN_RUN_STALE',
    );
  });

  it('repair: keeps what still fits, moves what no longer does, shows the diff, commits it', async () => {
    const a = await enrollPatient(iv, WINDOW);
    const first = await settle((await start({ enrollmentIds: [a.id] })).id);
    await desk().post(`/v1/plan-runs/${first.id}/commit`).expect(200);
    const booked = first.result.appointments.filter((x: Run) => x.series === 'dose');
    const last = booked[booked.length - 1];
    // Dr. A takes the day of the last dose off: that dose must move.
    const day = last.start.slice(0, 10);
    const staff = await iv.clinic.as('director').get(`/v1/staff/${iv.staff.drA}`).expect(200);
    await iv.clinic
      .as('director')
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ timeOff: [...staff.body.timeOff, { start: `${day}T00:00`, end: `${day}T23:59` }] })
      .expect(200);

    const repair = await settle((await start({ enrollmentIds: [a.id], repair: true })).id);
    expect(repair.status).toBe('succeeded');
    const problem = await desk().get(`/v1/plan-runs/${repair.id}/problem`).expect(200);
    expect(new Set(problem.body.existing.map((e: Run) => e.mode))).toEqual(
      new Set(['keepIfPossible']),
    );
    expect(repair.result.counts.moved).toBeGreaterThanOrEqual(1);
    const [{ id: lastId }] = await t().dataSource.query(
      `SELECT id FROM appointment WHERE enrollment_id = $1 AND series_id = 'dose' ORDER BY starts_at DESC LIMIT 1`,
      [a.id],
    );
    // `from` is where it is booked, with the clinic's offset like `to` (and the first run's start).
    const moved = (repair.result.moved as Run[]).find((m) => m.id === lastId);
    expect(moved).toEqual({
      id: lastId,
      from: last.start,
      to: expect.stringMatching(/-0[45]:00$/),
    });
    const res = await desk().post(`/v1/plan-runs/${repair.id}/commit`).expect(200);
    expect(res.body.cancelled).toHaveLength(
      repair.result.counts.moved + repair.result.counts.removed,
    );
    expect(await appointments()).toBe(SESSIONS);
    const onDay = await count(
      `SELECT count(*)::int AS n FROM appointment a JOIN appointment_staff s ON s.appointment_id = a.id
        WHERE a.status = 'booked' AND s.staff_id = $1 AND (a.starts_at AT TIME ZONE 'America/New_York')::date = $2`,
      [iv.staff.drA, day],
    );
    expect(onDay).toBe(0);
  });

  it('a completed session enters the repair run as done and is kept', async () => {
    const a = await enrollPatient(iv, WINDOW);
    const intake = await post(
      desk(),
      '/v1/appointments',
      intakeBody(iv, a.id, at('2027-03-08', '09:00')),
    );
    clock.set('2027-03-08T15:00:00Z');
    await desk()
      .post(`/v1/appointments/${intake.id}/complete`)
      .send({ reason: 'done' })
      .expect(200);
    const res = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [a.id], repair: true, timeLimitMs: 3000 });
    expect(res.status).toBe(202);
    const run = await settle(res.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.result.appointments.find((x: Run) => x.id === intake.id).change).toBe('done');
    expect(run.result.counts).toMatchObject({ done: 1, added: SESSIONS - 1 });
  });

  it('refuses bad requests and roles, changing nothing', async () => {
    const a = await enrollPatient(iv, WINDOW);
    const b = await enrollPatient(iv, WINDOW);
    await iv.clinic
      .as('clinician')
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [a.id] })
      .expect(403);
    await iv.clinic.as('clinician').get('/v1/plan-runs').expect(403);
    const both = await desk()
      .post('/v1/plan-runs')
      .send({ cohortId: a.id, enrollmentIds: [a.id] });
    expectProblem(both, 400, 'INVALID_REQUEST');
    expectProblem(await desk().post('/v1/plan-runs').send({}), 400, 'INVALID_REQUEST');
    // Our messages, not class-validator's ("All enrollmentIds's elements must be unique").
    for (const [ids, code, message] of [
      [[a.id, a.id], 'DUPLICATE', 'enrollmentIds must not repeat an id'],
      [[], 'OUT_OF_RANGE', 'enrollmentIds must hold at least 1 id'],
    ] as const) {
      const res = await desk().post('/v1/plan-runs').send({ enrollmentIds: ids });
      expectProblem(res, 400, 'INVALID_REQUEST');
      expect(res.body.errors).toEqual([{ pointer: '/enrollmentIds', code, message }]);
    }
    const two = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [a.id, b.id], repair: true });
    expectProblem(two, 422, 'VALIDATION_FAILED');
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [a.id, unknown] });
    expectProblem(missing, 422, 'VALIDATION_FAILED');
    expect(missing.body.errors[0]).toMatchObject({
      pointer: '/enrollmentIds/1',
      code: 'UNKNOWN_REFERENCE',
    });
    const cohort = await desk().post('/v1/plan-runs').send({ cohortId: unknown });
    expect(cohort.body.errors[0]).toMatchObject({
      pointer: '/cohortId',
      code: 'UNKNOWN_REFERENCE',
    });
    const slow = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [a.id], timeLimitMs: 10 ** 6 });
    expectProblem(slow, 400, 'INVALID_REQUEST');
    const other = await t().createClinic();
    const run = await start({ enrollmentIds: [b.id] });
    await other.as('director').get(`/v1/plan-runs/${run.id}`).expect(404);
    await other.as('director').post(`/v1/plan-runs/${run.id}/commit`).expect(404);
    // A booked session that started and was never marked completed or no-show.
    await post(desk(), '/v1/appointments', intakeBody(iv, a.id, at('2027-03-08', '09:00')));
    clock.set('2027-03-08T16:00:00Z');
    const unresolved = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [a.id] });
    expectProblem(unresolved, 422, 'VALIDATION_FAILED');
    expect(unresolved.body.errors[0].code).toBe('APPOINTMENT_NOT_RESOLVED');
    expect(await count(`SELECT count(*)::int AS n FROM plan_run`)).toBe(1); // the one above
  });
});

describe(`plan-run queue (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  // No worker in this app: runs stay queued unless a test claims them.
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { planRunPollMs: 0, planRunQueuePerClinic: 2 },
  });

  beforeEach(() => clock.set('2027-03-01T17:00:00Z'));

  const startFor = async (iv: IvClinic, status = 202) => {
    const e = await enrollPatient(iv, WINDOW);
    return iv.clinic
      .as('frontdesk')
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [e.id] })
      .expect(status);
  };

  it('refuses a clinic over its queue limit with 503 and Retry-After; others still get in', async () => {
    const a = await ivClinic(await t().createClinic());
    const b = await ivClinic(await t().createClinic());
    await startFor(a);
    await startFor(a);
    const full = await startFor(a, 503);
    expectProblem(full, 503, 'PLANNER_BUSY');
    expect(Number(full.headers['retry-after'])).toBeGreaterThan(0);
    await startFor(b);
  });

  it('claims fairly across clinics and takes over a run whose lease ran out', async () => {
    const repo = t().get(PlanRunRepository);
    const a = await ivClinic(await t().createClinic());
    const b = await ivClinic(await t().createClinic());
    const a1 = (await startFor(a)).body.id;
    const a2 = (await startFor(a)).body.id;
    const b1 = (await startFor(b)).body.id;
    expect(await repo.claim('one', 60_000)).toBe(a1);
    expect(await repo.claim('one', 60_000)).toBe(b1); // a has one running, b none
    expect(await repo.claim('one', 60_000)).toBe(a2);
    expect(await repo.claim('one', 60_000)).toBeNull();

    // a1's instance "dies": its lease runs out and another instance claims it.
    await t().dataSource.query(
      `UPDATE plan_run SET lease_until = now() - interval '1 second' WHERE id = $1`,
      [a1],
    );
    expect(await repo.heartbeat(b1, 'one', 60_000)).toBe(true);
    expect(await repo.claim('two', 60_000)).toBe(a1);
    expect(await repo.heartbeat(a1, 'one', 60_000)).toBe(false); // the old owner lost it
    expect(await repo.finish(a1, 'one', { status: 'succeeded', solution: {} })).toBe(false);
    const [row] = await t().dataSource.query(
      `SELECT attempts, lease_owner FROM plan_run WHERE id = $1`,
      [a1],
    );
    expect(row).toEqual({ attempts: 2, lease_owner: 'two' });

    // A run that keeps losing its instance is failed after the attempts allowed.
    await t().dataSource.query(
      `UPDATE plan_run SET lease_until = now() - interval '1 second' WHERE id = $1`,
      [a1],
    );
    expect(await repo.failExhausted(2)).toBe(1);
    const failed = await a.clinic.as('frontdesk').get(`/v1/plan-runs/${a1}`).expect(200);
    expect(failed.body).toMatchObject({ status: 'failed', error: { code: 'PLAN_RUN_FAILED' } });
  });
});
