import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { useTestApp } from '../harness/test-app';

describe('request logs', () => {
  const t = useTestApp();

  it('one JSON line per request: id, method, path without query, status, ms; no secrets', async () => {
    const clinic = await t().createClinic({ name: 'Clinic of Jane Doe' });
    // A query a route takes (patient data here: an external reference), never logged.
    const res = await clinic
      .as('director')
      .get('/v1/patients?externalRef=hunter2')
      .set('X-Request-Id', 'log-test-1')
      .expect(200);
    expect(res.body.items).toEqual([]);

    const lines = t().logs.filter((l) => l.requestId === 'log-test-1');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/v1/patients',
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

  /** Sends the path byte for byte (supertest would resolve `..`), like `curl --path-as-is`. */
  const rawGet = async (path: string, id: string) => {
    const server = t().app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((done) => server.listen(0, done));
    const { port } = server.address() as AddressInfo;
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest({ port, path, headers: { 'X-Request-Id': id } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  };

  it('a feed token or API key anywhere in the path is redacted, whatever the route', async () => {
    const clinic = await t().createClinic();
    const token = `kpf_${'Zq9'.repeat(10)}xy`;
    const key = clinic.keys.director;
    const tail = token.slice('kpf_'.length);
    const paths = [
      `//feeds/${token}.ics`,
      `/v1/../feeds/${token}.ics`,
      `/./feeds/${token}.ics`,
      `/FEEDS/${token}.ics`,
      `/Feeds//${token}.ics`,
      `/feeds/kpf%5F${tail}.ics`,
      `//feeds/kpf%5f${tail}.ics`,
      `/feeds%2F${token}.ics`,
      `/feeds/${token}%.ics`,
      `/v1/feeds/${token}`,
      `/v1/patients/${key}`,
      `/${key}`,
      `/v1/clinic/${token}/x?${token}`,
    ];
    for (const [i, path] of paths.entries()) {
      const res = await rawGet(path, `leak-${i}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain(tail); // the problem's `instance` is the redacted path
      const line = t().logs.find((l) => l.requestId === `leak-${i}`);
      expect(line).toMatchObject({ msg: 'request', status: res.status });
      expect(line?.path).toContain('[redacted]');
    }
    const all = JSON.stringify(t().logs);
    for (const secret of [token, tail, key, key.slice(12)]) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/kp[fs](_|%5f)/i);
    expect(t().logs.find((l) => l.requestId === 'leak-0')?.path).toBe('//feeds/[redacted]');
    expect(t().logs.find((l) => l.requestId === 'leak-11')?.path).toBe('/[redacted]');
    expect(t().logs.find((l) => l.requestId === 'leak-12')?.path).toBe('/v1/clinic/[redacted]/x');
    expect(t().logs.find((l) => l.requestId === 'leak-9')?.path).toBe('/v1/feeds/[redacted]');
  });
});
