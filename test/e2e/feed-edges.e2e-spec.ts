import { AppConfig, loadConfig } from '../../src/infra/config/app-config';
import { APP_CONFIG } from '../../src/infra/config/config.module';
import { CLOCK } from '../../src/services/clock';
import { FeedFetchLog } from '../../src/services/feed-fetch-log';
import { IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

/**
 * The edges of calendar feeds: the Host header feed URLs are built from (without
 * FEED_BASE_URL), fetches of a URL whose grace period is over, and the window's query numbers.
 */
describe(`calendar feed edges (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { feeds: { ...loadConfig({}).feeds, recheckMs: 0 } },
  });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const director = () => iv.clinic.as('director');
  const create = (host?: string) => {
    const req = director().post('/v1/feeds');
    if (host !== undefined) req.set('Host', host);
    return req.send({ kind: 'staff', targetId: iv.staff.rnB });
  };
  const pathOf = (url: string) => new URL(url).pathname;
  const feedCount = async () =>
    (await director().get('/v1/feeds').expect(200)).body.items.length as number;

  describe('feed URLs from the Host header (FEED_BASE_URL unset)', () => {
    it.each([
      ['localhost:3999@evil.example'], // the URL would point at evil.example
      ['evil.example/#'], // the token would be a fragment
      ['x y'], // not a URL at all
      ['evil.example:0'],
    ])('Host %j: 400 INVALID_HOST at /Host, no feed created', async (host) => {
      const res = await create(host).expect(400);
      expect(res.body).toMatchObject({
        code: 'INVALID_REQUEST',
        errors: [
          {
            pointer: '/Host',
            code: 'INVALID_HOST',
            message: expect.stringContaining('feed URLs are built from it'),
          },
        ],
      });
      expect(JSON.stringify(res.body)).not.toContain('kpf_');
      expect(await feedCount()).toBe(0);
    });

    it('a valid Host makes the URL (https, lower case); X-Forwarded-Host and -Proto are ignored', async () => {
      const res = await create('Calendar.Example.ORG:8443')
        .set('X-Forwarded-Host', 'evil.example')
        .set('X-Forwarded-Proto', 'http')
        .expect(201);
      expect(res.body.url).toMatch(
        /^https:\/\/calendar\.example\.org:8443\/feeds\/kpf_[A-Za-z0-9_-]{32}\.ics$/,
      );
      expect(res.body.webcalUrl).toBe(res.body.url.replace(/^https:/, 'webcal:'));
      const ipv6 = await create('[::1]:3000').expect(201);
      expect(ipv6.body.url).toMatch(/^https:\/\/\[::1\]:3000\/feeds\//);
    });

    it('rotate with a bad Host: 400, and the old URL still serves the feed', async () => {
      const feed = (await create().expect(201)).body;
      const res = await director()
        .post(`/v1/feeds/${feed.id}/rotate`)
        .set('Host', 'localhost@evil.example')
        .expect(400);
      expect(res.body.errors[0]).toMatchObject({ pointer: '/Host', code: 'INVALID_HOST' });
      await t().http.get(pathOf(feed.url)).expect(200);
      const audit = (await director().get('/v1/audit-log?limit=50').expect(200)).body.items;
      expect(audit.filter((a: { action: string }) => a.action === 'rotate')).toEqual([]);
    });

    it('with FEED_BASE_URL set the Host header is not read at all', async () => {
      const config = t().app.get<AppConfig>(APP_CONFIG);
      config.feeds.baseUrl = 'https://calendar.example.org';
      try {
        const res = await create('localhost:3999@evil.example').expect(201);
        expect(res.body.url).toMatch(/^https:\/\/calendar\.example\.org\/feeds\/kpf_/);
      } finally {
        config.feeds.baseUrl = undefined;
      }
    });
  });

  it('a fetch after the grace period: the unknown token 404, recorded in the feed’s fetch log', async () => {
    const feed = (await create().expect(201)).body;
    await director().delete(`/v1/feeds/${feed.id}`).expect(200);
    clock.set('2027-03-08T12:00:00Z'); // 168 h later: the grace period is over
    const gone = await t()
      .http.get(pathOf(feed.url))
      .set('User-Agent', 'Outlook-iOS/2.0')
      .expect(404);
    const unknown = await t()
      .http.get(`/feeds/kpf_${'A'.repeat(32)}.ics`)
      .expect(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: 0, instance: 0 });
    expect(strip(gone.body)).toEqual(strip(unknown.body));
    expect(gone.body.code).toBe('FEED_NOT_FOUND');
    await t().get(FeedFetchLog).flush();
    const fetches = (await director().get(`/v1/feeds/${feed.id}/fetches`).expect(200)).body.items;
    expect(fetches).toEqual([
      {
        fetchedAt: '2027-03-08T12:00:00.000Z',
        userAgent: 'Outlook-iOS/2.0',
        status: 404,
        retired: true,
      },
    ]);
  });

  it('window numbers are plain decimal integers: 0x10, " 30", 1e2, +5, 5.0 are 400', async () => {
    const feed = (await create().expect(201)).body;
    const path = pathOf(feed.url);
    for (const q of [
      'futureDays=0x10',
      'futureDays=%2030',
      'futureDays=30%20',
      'futureDays=1e2',
      'futureDays=%2B5',
      'futureDays=5.0',
      'futureDays=',
      'pastDays=0b1',
      'pastDays=Infinity',
    ]) {
      const res = await t().http.get(`${path}?${q}`).expect(400);
      expect(res.body.errors[0]).toMatchObject({
        code: 'INVALID_TYPE',
        message: expect.stringContaining('plain decimal digits'),
      });
    }
    expect((await t().http.get(`${path}?futureDays=-1`).expect(400)).body.errors[0].code).toBe(
      'OUT_OF_RANGE',
    );
    await t().http.get(`${path}?pastDays=0&futureDays=16`).expect(200);
    await t().http.get(`${path}?futureDays=010`).expect(200);
    // Lists read their limit the same way.
    await director()
      .get('/v1/feeds/' + feed.id + '/fetches?limit=0x10')
      .expect(400);
    await director().get('/v1/rooms?limit=%2010').expect(400);
    await director().get('/v1/rooms?limit=10').expect(200);
  });
});
