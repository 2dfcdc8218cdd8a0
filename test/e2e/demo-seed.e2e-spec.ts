import { createTestApp, TestApp } from '../harness/test-app';
import { ApiKeyService } from '../../src/services/api-key.service';
import { operatorActor } from '../../src/services/actor';
import { SeedService } from '../../src/seed/seed.service';
import { DEMO_PATIENTS, DEMO_ROOMS, DEMO_STAFF } from '../../src/seed/demo-catalog';
import request from 'supertest';

describe('demo seed (e2e)', () => {
  let t: TestApp;
  let write: jest.SpyInstance;

  beforeAll(async () => {
    // The seed prints the demo key once on stdout; keep test output clean.
    write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    t = await createTestApp({ config: { seedDemo: true } });
    write.mockRestore();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function demoKey(): Promise<string> {
    const [clinic] = await t.dataSource.query(`SELECT id FROM clinic`);
    const key = await t
      .get(ApiKeyService)
      .create(operatorActor(clinic.id, 'cli'), { name: 'spec', role: 'director' });
    return key.secret;
  }

  it('seeds one demo clinic with staff, rooms, a published protocol and a cohort of 4', async () => {
    const [counts] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM clinic)::int AS clinics,
              (SELECT count(*) FROM staff)::int AS staff,
              (SELECT count(*) FROM room)::int AS rooms,
              (SELECT count(*) FROM session_type)::int AS session_types,
              (SELECT count(*) FROM protocol)::int AS protocols,
              (SELECT count(*) FROM patient)::int AS patients,
              (SELECT count(*) FROM cohort)::int AS cohorts,
              (SELECT count(*) FROM enrollment WHERE cohort_id IS NOT NULL)::int AS members`,
    );
    expect(counts).toEqual({
      clinics: 1,
      staff: DEMO_STAFF.length,
      rooms: DEMO_ROOMS.length,
      session_types: 2,
      protocols: 1,
      patients: DEMO_PATIENTS.length,
      cohorts: 1,
      members: 4,
    });

    const api = request(t.app.getHttpServer());
    const auth = { Authorization: `Bearer ${await demoKey()}` };
    const clinic = await api.get('/v1/clinic').set(auth).expect(200);
    expect(clinic.body.timeZone).toBe('America/New_York');
    const protocols = await api.get('/v1/protocols').set(auth).expect(200);
    expect(protocols.body.items).toEqual([
      expect.objectContaining({
        code: 'iv-ketamine-6-mwf',
        publishedVersion: 1,
        draftVersion: null,
      }),
    ]);
    const check = await api
      .post(`/v1/protocols/${protocols.body.items[0].id}/versions/1/check`)
      .set(auth)
      .expect(200);
    expect(check.body.findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual(
      [],
    );
    const cohorts = await api.get('/v1/cohorts').set(auth).expect(200);
    expect(cohorts.body.items).toHaveLength(1);
    expect(cohorts.body.items[0].enrollmentIds).toHaveLength(4);
    const enrollments = await api
      .get(`/v1/enrollments?cohortId=${cohorts.body.items[0].id}`)
      .set(auth)
      .expect(200);
    expect(enrollments.body.items.map((e: { status: string }) => e.status)).toEqual(
      Array(4).fill('active'),
    );
  });

  it('does not seed twice', async () => {
    await t.get(SeedService).onApplicationBootstrap();
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM clinic`);
    expect(n).toBe(1);
    const [{ p }] = await t.dataSource.query(`SELECT count(*)::int AS p FROM patient`);
    expect(p).toBe(DEMO_PATIENTS.length);
  });
});
