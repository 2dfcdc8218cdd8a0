import { SeedService } from '../../src/seed/seed.service';
import { createTestApp, TestApp } from '../harness/test-app';

describe('demo seed', () => {
  let t: TestApp;
  let printed = '';
  const write = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed += String(chunk);
      return true;
    });
    try {
      t = await createTestApp({ config: { seedDemo: true } });
    } finally {
      (process.stdout.write as jest.Mock).mockRestore?.();
      process.stdout.write = write;
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('seeds one clinic on an empty database and prints its director key once', async () => {
    const key = /export KPS_KEY=(kps_[A-Za-z0-9_-]{32})/.exec(printed)?.[1];
    expect(key).toBeDefined();
    const res = await t.http.get('/v1/clinic').set('Authorization', `Bearer ${key}`).expect(200);
    expect(res.body).toMatchObject({ name: 'Demo Clinic', timeZone: 'America/New_York' });
    await t.http.get('/v1/api-keys').set('Authorization', `Bearer ${key}`).expect(200);
    expect(JSON.stringify(t.logs)).not.toContain(key);
  });

  it('does not seed again when the database has a clinic', async () => {
    await t.get(SeedService).onApplicationBootstrap();
    const clinics = await t.dataSource.query(`SELECT count(*)::int AS n FROM clinic`);
    expect(clinics[0].n).toBe(1);
  });
});
