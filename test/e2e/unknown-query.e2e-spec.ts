import type { Response } from 'supertest';
import { usesPostgres } from '../harness/test-database';
import type { Agent, TestClinic } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';
import { lastUpdates, rowCounts } from './support/row-counts';

/**
 * A query parameter a route does not take is refused on every method, as the list GETs always
 * did: 400 INVALID_REQUEST, one UNKNOWN_FIELD issue per parameter, nothing written. Routes that
 * take query parameters take them as before.
 */
describe(`unknown query parameters (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp();
  let clinic: TestClinic;
  let director: Agent;
  let roomId: string;

  beforeEach(async () => {
    clinic = await t().createClinic();
    director = clinic.as('director');
    roomId = (await director.post('/v1/rooms').send({ name: 'Bay 1' }).expect(201)).body.id;
  });

  const unknown = (...names: string[]) =>
    names.map((name) => ({ pointer: `/${name}`, code: 'UNKNOWN_FIELD', message: 'unknown field' }));

  /** The problem without what differs per request (instance, requestId). */
  const shape = (res: Response) => {
    const { instance: _i, requestId: _r, ...rest } = res.body as Record<string, unknown>;
    return { status: res.status, type: res.headers['content-type'], ...rest };
  };

  /**
   * Sends `send(query)`, expects the very answer `GET /v1/rooms?<query>` gives (one UNKNOWN_FIELD
   * issue per name, in order) and that nothing changed.
   */
  async function refusedLikeGet(
    send: (query: string) => Promise<Response>,
    names: string[] = ['dryRun'],
    query = names.map((name) => `${name}=true`).join('&'),
  ) {
    const reference = shape(await director.get(`/v1/rooms?${query}`));
    expect(reference).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
      errors: unknown(...names),
    });
    const before = { rows: await rowCounts(t().dataSource), at: await lastUpdates(t().dataSource) };
    expect(shape(await send(query))).toEqual(reference);
    expect(await rowCounts(t().dataSource)).toEqual(before.rows);
    expect(await lastUpdates(t().dataSource)).toEqual(before.at);
  }

  it('POST refuses them (and creates nothing)', async () => {
    await refusedLikeGet((q) => director.post(`/v1/rooms?${q}`).send({ name: 'Bay 2' }));
    await refusedLikeGet((q) => director.post(`/v1/rooms/${roomId}/restore?${q}`));
    await refusedLikeGet((q) =>
      director.post(`/v1/plans/solve?${q}`).send({ formatVersion: '1.1' }),
    );
    await refusedLikeGet((q) =>
      director.post(`/v1/api-keys?${q}`).send({ name: 'tablet', role: 'frontdesk' }),
    );
  });

  it('PATCH refuses them (and changes nothing)', async () => {
    await refusedLikeGet((q) => director.patch(`/v1/rooms/${roomId}?${q}`).send({ name: 'X' }));
    await refusedLikeGet((q) => director.patch(`/v1/clinic?${q}`).send({ name: 'Renamed' }));
    const room = await director.get(`/v1/rooms/${roomId}`).expect(200);
    expect(room.body.name).toBe('Bay 1');
  });

  it('DELETE refuses them (and archives nothing)', async () => {
    await refusedLikeGet((q) => director.delete(`/v1/rooms/${roomId}?${q}`));
    const room = await director.get(`/v1/rooms/${roomId}`).expect(200);
    expect(room.body.archivedAt).toBeNull();
  });

  it('PUT and a GET of one record refuse them too', async () => {
    // Refused before the route looks anything up, as a list GET's query is.
    const protocolId = '00000000-0000-4000-8000-000000000001';
    await refusedLikeGet((q) =>
      director
        .put(`/v1/protocols/${protocolId}/versions/1?${q}`)
        .send({ definition: { series: [] } }),
    );
    await refusedLikeGet((q) => director.get(`/v1/protocols/${protocolId}/versions?${q}`));
    await refusedLikeGet((q) => director.get(`/v1/rooms/${roomId}?${q}`));
    await refusedLikeGet((q) => director.get(`/v1/clinic?${q}`));
  });

  it('names every unknown parameter, in order; an empty query string is no parameter', async () => {
    await refusedLikeGet(
      (q) => director.post(`/v1/rooms?${q}`).send({ name: 'Bay 2' }),
      ['force', 'dryRun'],
      'force=1&dryRun=true',
    );
    await refusedLikeGet(
      (q) => director.patch(`/v1/rooms/${roomId}?${q}`).send({}),
      ['flag'],
      'flag',
    );
    await director.post('/v1/rooms?').send({ name: 'Bay 3' }).expect(201);
  });

  it('a refused character in a parameter name is told as on GET', async () => {
    const get = await director.get('/v1/rooms?na%01me=1');
    const post = await director.post('/v1/rooms?na%01me=1').send({ name: 'Bay 2' });
    expect(get.body.errors).toEqual([
      expect.objectContaining({ pointer: '/na\u0001me', code: 'INVALID_CHARACTER' }),
    ]);
    expect(shape(post)).toEqual(shape(get));
  });

  it('the key and the role are checked first, as on GET', async () => {
    await t().http.post('/v1/rooms?dryRun=true').send({ name: 'B' }).expect(401);
    await clinic.as('frontdesk').post('/v1/rooms?dryRun=true').send({ name: 'B' }).expect(403);
    await clinic.as('frontdesk').get('/v1/audit-log?dryRun=true').expect(403);
  });

  it('routes that take query parameters still take them', async () => {
    const q = encodeURIComponent('2027-03-01T00:00:00-05:00');
    const lists = [
      '/v1/staff?limit=1&includeArchived=true',
      '/v1/rooms?limit=1&includeArchived=false',
      '/v1/session-types?includeArchived=true',
      '/v1/protocols?limit=5',
      '/v1/patients?externalRef=MRN-1&limit=5',
      '/v1/enrollments?status=active&limit=5',
      '/v1/cohorts?limit=5',
      `/v1/appointments?from=${q}&limit=5&status=booked`,
      `/v1/affected-appointments?from=${q}`,
      '/v1/plan-runs?status=queued&limit=5',
      '/v1/audit-log?limit=1',
    ];
    for (const path of lists) {
      const res = await director.get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    const feed = await director
      .post('/v1/feeds')
      .send({ kind: 'room', targetId: roomId })
      .expect(201);
    await director.get(`/v1/feeds/${feed.body.id}/fetches?limit=5`).expect(200);
    const ics = new URL(feed.body.url as string).pathname;
    await t().http.get(`${ics}?pastDays=1&futureDays=2`).expect(200);
    const bad = await t().http.get(`${ics}?dryRun=true`).expect(400);
    expect(bad.body.errors).toEqual(unknown('dryRun'));
  });

  it('the health probe takes any query (load balancers add cache-busters)', async () => {
    const res = await t().http.get('/health?cb=1733300000&probe=lb').expect(200);
    expect(res.body).toMatchObject({ status: 'ok' });
  });
});
