import { createTestApp, useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

describe('GET /health', () => {
  const t = useTestApp();

  it('answers without a key and checks the database', async () => {
    const res = await t().http.get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: 'up',
      databaseKind: usesPostgres() ? 'postgres' : 'pglite',
    });
  });

  it('echoes a well-formed X-Request-Id and makes one otherwise', async () => {
    const given = await t().http.get('/health').set('X-Request-Id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t()
      .http.get('/health')
      .set('X-Request-Id', 'bad id with spaces & a very long tail'.repeat(3))
      .expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document and Swagger UI', async () => {
    const spec = await t().http.get('/docs/openapi.json').expect(200);
    expect(spec.body.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/v1/clinic', '/v1/api-keys', '/v1/audit-log']),
    );
    await t().http.get('/docs').expect(200).expect('content-type', /html/);
  });
});

describe('GET /health without a database', () => {
  it('answers 503 when the database does not respond', async () => {
    const t = await createTestApp();
    try {
      await t.dataSource.destroy();
      const res = await t.http.get('/health').expect(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'down' });
    } finally {
      await t.close();
    }
  }, 120_000);
});
