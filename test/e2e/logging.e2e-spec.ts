import { useTestApp } from '../harness/test-app';

describe('request logs', () => {
  const t = useTestApp();

  it('one JSON line per request: id, method, path without query, status, ms; no secrets', async () => {
    const clinic = await t().createClinic({ name: 'Clinic of Jane Doe' });
    const res = await clinic
      .as('director')
      .get('/v1/clinic?token=hunter2')
      .set('X-Request-Id', 'log-test-1')
      .expect(200);
    expect(res.body.name).toBe('Clinic of Jane Doe');

    const lines = t().logs.filter((l) => l.requestId === 'log-test-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/v1/clinic',
      status: 200,
      clinicId: clinic.id,
      key: clinic.keys.director.slice(0, 12),
    });
    expect(typeof lines[0].ms).toBe('number');
    const all = JSON.stringify(t().logs);
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain(clinic.keys.director);
    expect(all).not.toContain('Jane Doe');
  });
});
