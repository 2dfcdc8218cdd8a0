import { Controller, Get, Put } from '@nestjs/common';
import { Public } from '../../src/infra/auth/auth.decorators';
import { buildOpenApiDocument } from '../../src/infra/openapi/openapi';
import { FeedFetchLog } from '../../src/services/feed-fetch-log';
import { createPatient } from '../factories/clinic-catalog';
import { Agent, useTestApp } from '../harness/test-app';

/** A route only this spec registers: the 405 table is read from the router, not written out. */
@Public()
@Controller('test-methods')
class MethodProbeController {
  @Get(':id/things')
  list(): string[] {
    return [];
  }

  @Put(':id/things')
  replace(): string[] {
    return [];
  }
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
type Reply = Awaited<ReturnType<Agent['get']>>;

const ID = '00000000-0000-4000-8000-000000000001';
const TOKEN = `kpf_${'Zq9'.repeat(10)}xy`;

describe('wrong method on a known route: 405 METHOD_NOT_ALLOWED with Allow', () => {
  const t = useTestApp({ controllers: [MethodProbeController] });

  const send = (method: Method, path: string, agent: Agent = t().http): Promise<Reply> =>
    agent[method](path);

  /** A 405 problem in the shape of every other error, with its Allow header. */
  const expect405 = (res: Reply, method: string, allow: string, instance: string) => {
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    if (method === 'HEAD') return; // no body on a HEAD answer
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'urn:kps:problem:method-not-allowed',
      title: 'Method Not Allowed',
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      detail: `${method} is not allowed on this route; it takes ${allow}`,
      instance,
      requestId: res.headers['x-request-id'],
    });
  };

  it('PUT on an item that takes GET, PATCH and DELETE; DELETE on a collection', async () => {
    const clinic = await t().createClinic();
    const patient = await createPatient(clinic);
    const director = clinic.as('director');
    const item = `/v1/patients/${patient.id}`;
    expect405(await send('put', item, director), 'PUT', 'GET, HEAD, PATCH, DELETE', item);
    expect405(
      await send('delete', '/v1/patients', director),
      'DELETE',
      'GET, HEAD, POST',
      '/v1/patients',
    );
    expect405(
      await send('post', `/v1/protocols/${ID}/versions/2`, director),
      'POST',
      'GET, HEAD, PUT, DELETE',
      `/v1/protocols/${ID}/versions/2`,
    );
    expect405(
      await send('get', `/v1/cohorts/${ID}/members/${ID}`, director),
      'GET',
      'DELETE',
      `/v1/cohorts/${ID}/members/${ID}`,
    );
    // The right methods still work.
    await director.get(item).expect(200);
    await director.patch(item).send({ initials: 'AB' }).expect(200);
  });

  it('every documented path answers its undocumented methods with 405 and its methods', async () => {
    const spec = buildOpenApiDocument(t().app);
    const all = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
    let checked = 0;
    for (const [template, item] of Object.entries(spec.paths)) {
      const path = template.replace(/\{file\}/g, `${TOKEN}.ics`).replace(/\{[^}]+\}/g, '1');
      const documented = all.filter((m) => m.toLowerCase() in item);
      const allow = [...documented, ...(documented.includes('GET') ? ['HEAD'] : [])];
      const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
      allow.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      for (const method of all.filter((m) => !documented.includes(m))) {
        const res = await send(method.toLowerCase() as Method, path);
        expect([template, method, res.status, res.headers.allow]).toEqual([
          template,
          method,
          405,
          allow.join(', '),
        ]);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('is decided before the API key: no key, a bogus key and any role get 405 alike', async () => {
    const clinic = await t().createClinic();
    const path = `/v1/patients/${ID}`;
    const allow = 'GET, HEAD, PATCH, DELETE';
    expect405(await send('put', path), 'PUT', allow, path);
    expect405(
      await t().http.put(path).set('Authorization', 'Bearer kps_not-a-key'),
      'PUT',
      allow,
      path,
    );
    for (const role of ['clinician', 'frontdesk', 'director'] as const) {
      expect405(await send('put', path, clinic.as(role)), 'PUT', allow, path);
    }
    // A method the route takes is still authenticated first.
    expect((await send('get', path)).body.code).toBe('UNAUTHENTICATED');
  });

  it('unknown paths stay 404 ROUTE_NOT_FOUND, whatever the method', async () => {
    for (const [method, path] of [
      ['get', '/nowhere'],
      ['put', '/nowhere'],
      ['options', '/nowhere'],
      ['put', `/v1/patients/${ID}/nope`],
      ['delete', '/v1/patient'],
      ['post', `/feeds/${TOKEN}.ics/x`],
    ] as [Method, string][]) {
      const res = await send(method, path);
      expect([method, path, res.status]).toEqual([method, path, 404]);
      expect(res.headers.allow).toBeUndefined();
      if (method !== 'options') expect(res.body.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('HEAD is served wherever GET is; OPTIONS and HEAD elsewhere are 405', async () => {
    await t().http.head('/health').expect(200);
    const clinic = await t().createClinic();
    await clinic.as('director').head('/v1/patients').expect(200);
    expect405(await send('head', '/v1/plans/solve'), 'HEAD', 'POST', '/v1/plans/solve');
    expect405(
      await send('options', `/v1/patients/${ID}`),
      'OPTIONS',
      'GET, HEAD, PATCH, DELETE',
      `/v1/patients/${ID}`,
    );
  });

  it("matches paths as the router does: parameters, case, a trailing slash, Swagger's pages", async () => {
    const clinic = await t().createClinic();
    await clinic.as('director').get('/V1/Clinic/').expect(200);
    expect405(
      await send('put', `/V1/Patients/${ID}/`),
      'PUT',
      'GET, HEAD, PATCH, DELETE',
      `/V1/Patients/${ID}/`,
    );
    expect405(await send('put', '/docs/openapi.json'), 'PUT', 'GET, HEAD', '/docs/openapi.json');
    // A route registered by this spec alone is covered too.
    expect405(
      await send('patch', '/test-methods/a/things'),
      'PATCH',
      'GET, HEAD, PUT',
      '/test-methods/a/things',
    );
    await send('get', '/test-methods/a/things').then((res) => expect(res.status).toBe(200));
    expect((await send('get', '/test-methods/a')).status).toBe(404);
  });

  it('a wrong method on a feed URL never shows or logs the token, nor counts as a fetch', async () => {
    const clinic = await t().createClinic();
    const patient = await createPatient(clinic);
    const feed = await clinic
      .as('director')
      .post('/v1/feeds')
      .send({ kind: 'patient', targetId: patient.id })
      .expect(201);
    const real = new URL(feed.body.url as string).pathname;
    for (const [i, path] of [real, `/feeds/${TOKEN}.ics`, `/v1/feeds/${TOKEN}`].entries()) {
      for (const method of ['put', 'post', 'delete'] as const) {
        const res = await t().http[method](path).set('X-Request-Id', `feed-${method}-${i}`);
        if (path.startsWith('/v1/') && method === 'delete') {
          expect(res.status).toBe(401); // DELETE /v1/feeds/{id} exists: the key is checked
          continue;
        }
        const allow = path.startsWith('/v1/') ? 'DELETE' : 'GET, HEAD';
        const redacted = path.startsWith('/v1/') ? '/v1/feeds/[redacted]' : '/feeds/[redacted]';
        expect405(res, method.toUpperCase(), allow, redacted);
        const line = t().logs.find((l) => l.requestId === `feed-${method}-${i}`);
        expect(line).toMatchObject({ msg: 'request', status: 405, path: redacted });
      }
    }
    const logs = JSON.stringify(t().logs);
    expect(logs).not.toMatch(/kpf_/i); // (the key's prefix, `kps_...`, is logged by design)
    expect(logs).not.toContain(real.slice('/feeds/kpf_'.length, -'.ics'.length));
    expect(logs).not.toContain(TOKEN.slice('kpf_'.length));
    await t().get(FeedFetchLog).flush();
    const fetches = await clinic
      .as('director')
      .get(`/v1/feeds/${feed.body.id}/fetches`)
      .expect(200);
    expect(fetches.body.items).toEqual([]);
  });
});
