import request from 'supertest';
import { operatorActor } from '../../src/services/actor';
import { ApiKeyService } from '../../src/services/api-key.service';
import { CLOCK } from '../../src/services/clock';
import { TestClock } from '../factories/appointments';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

/**
 * The QA probe's repro A on the demo clinic: version 2 of the starter `iv-ketamine-6-mwf`
 * with 5 infusions, the cohort re-pinned; each `repairs[]` request, sent as given, is
 * accepted, proposes cancelling `infusion 6` and commits; the worklist clears.
 */
const clock = new TestClock(new Date('2027-03-01T17:00:00Z'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies read field by field
type Body = Record<string, any>;

jest.setTimeout(240_000);

describe(`repro A on the demo clinic (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  // The seed prints the demo key on stdout while the app boots; keep test output clean.
  let write: jest.SpyInstance | undefined;
  beforeAll(() => {
    write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { seedDemo: true, planRunPollMs: 50, plannerPoolSize: 1 },
  });
  beforeAll(() => write?.mockRestore());
  let auth: { Authorization: string };
  const api = () => request(t().app.getHttpServer());
  const get = (url: string) => api().get(url).set(auth);
  const send = (url: string, body?: object) => api().post(url).set(auth).send(body);

  async function settle(id: string): Promise<Body> {
    for (let waited = 0; waited < 120_000; waited += 100) {
      const res = await get(`/v1/plan-runs/${id}`).expect(200);
      if (!['queued', 'running'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`plan run ${id} did not finish`);
  }

  it('every repair of the re-pin answer is accepted as given and cancels infusion 6', async () => {
    const [clinic] = await t().dataSource.query(`SELECT id FROM clinic`);
    const key = await t()
      .get(ApiKeyService)
      .create(operatorActor(clinic.id, 'cli'), { name: 'spec', role: 'director' });
    auth = { Authorization: `Bearer ${key.secret}` };
    const [protocol] = (await get('/v1/protocols').expect(200)).body.items as Body[];
    expect(protocol.code).toBe('iv-ketamine-6-mwf');
    const [cohort] = (await get('/v1/cohorts').expect(200)).body.items as Body[];

    const planned = await settle(
      (await send('/v1/plan-runs', { cohortId: cohort.id, timeLimitMs: 5000, seed: 1 }).expect(202))
        .body.id,
    );
    expect(planned.result.status).toBe('complete');
    await send(`/v1/plan-runs/${planned.id}/commit`).expect(200);

    const v1 = (await get(`/v1/protocols/${protocol.id}/versions/1`).expect(200)).body;
    const definition = {
      ...v1.definition,
      series: v1.definition.series.map((s: Body) =>
        s.id === 'infusion' ? { ...s, count: { min: 5, max: 5 } } : s,
      ),
    };
    const draft = (await send(`/v1/protocols/${protocol.id}/versions`, {}).expect(201)).body;
    await api()
      .put(`/v1/protocols/${protocol.id}/versions/${draft.version}`)
      .set(auth)
      .send({ definition })
      .expect(200);
    await send(`/v1/protocols/${protocol.id}/versions/${draft.version}/publish`).expect(200);

    const repin = await send(`/v1/cohorts/${cohort.id}/repin`, {
      version: draft.version,
      reason: '5 infusions',
    }).expect(200);
    const affected = repin.body.affectedAppointments as Body[];
    expect(affected).toHaveLength(4);
    for (const a of affected) {
      expect(a).toMatchObject({ series: 'infusion', index: 6 });
      expect(a.why.map((w: Body) => w.code)).toContain('INDEX_OUT_OF_RANGE');
    }
    const repairs = repin.body.repairs as Body[];
    expect(repairs).toHaveLength(4);

    // A normal cohort run: refused naming each infusion 6, pointing to the repair request.
    const cohortRun = await send('/v1/plan-runs', { cohortId: cohort.id });
    expect(cohortRun.status).toBe(422);
    expect(cohortRun.body.errors.map((e: Body) => e.code)).toEqual(
      Array(4).fill('APPOINTMENT_OUTSIDE_PROTOCOL'),
    );
    expect(JSON.stringify(cohortRun.body)).not.toContain('/existing/');

    for (const repair of repairs) {
      const res = await send(repair.path, repair.body);
      expect(res.status).toBe(202);
      const run = await settle(res.body.id);
      expect(run.status).toBe('succeeded');
      expect(run.result.removed).toEqual([
        expect.objectContaining({ series: 'infusion', index: 6, reason: expect.any(String) }),
      ]);
      const commit = await send(`/v1/plan-runs/${run.id}/commit`).expect(200);
      expect(commit.body.cancelled).toContain(run.result.removed[0].id);
    }
    const worklist = await get(`/v1/affected-appointments?cohortId=${cohort.id}`).expect(200);
    expect(worklist.body).toMatchObject({ affectedAppointments: [], repairs: [] });
    const [{ n }] = await t().dataSource.query(
      `SELECT count(*)::int AS n FROM appointment WHERE series_id = 'infusion' AND index = 6 AND status = 'booked'`,
    );
    expect(n).toBe(0);
  });
});
