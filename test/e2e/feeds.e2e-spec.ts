import type { Response } from 'superagent';
import { parseStrict, ParsedCalendar } from '../../src/domain/calendar/ics-check.spec-helper';
import { AppointmentRepository } from '../../src/repositories/appointment.repository';
import { AppConfig, loadConfig } from '../../src/infra/config/app-config';
import { APP_CONFIG } from '../../src/infra/config/config.module';
import { CLOCK } from '../../src/services/clock';
import { FeedFetchLog } from '../../src/services/feed-fetch-log';
import { doseBody, enrollPatient, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));
const HOUR = 3_600_000;
const ZONE = 'America/New_York';

/** Doses around the spring-forward night (2027-03-14): EST before, EDT after. */
const DOSES = [
  '2027-03-08T09:00:00-05:00',
  '2027-03-10T09:00:00-05:00',
  '2027-03-12T09:00:00-05:00',
  '2027-03-15T09:00:00-04:00',
];

describe(`calendar feeds (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  // Every request checks the appointments (FEED_RECHECK_MS 0), except where a test says.
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { feeds: { ...loadConfig({}).feeds, recheckMs: 0 } },
  });
  let iv: IvClinic;
  let enrollment: { id: string; patientId: string };
  let appointmentIds: string[];

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
    enrollment = await enrollPatient(iv);
    await iv.clinic
      .as('frontdesk')
      .patch(`/v1/patients/${enrollment.patientId}`)
      .send({ displayName: 'Jordan Secretname', initials: 'JS' })
      .expect(200);
    appointmentIds = [];
    for (const [i, start] of DOSES.entries()) {
      const a = await post(
        iv.clinic.as('frontdesk'),
        '/v1/appointments',
        doseBody(iv, enrollment.id, i + 1, start),
      );
      appointmentIds.push(a.id);
    }
  });

  const director = () => iv.clinic.as('director');
  const createFeed = async (kind: string, targetId: string, as = director()) =>
    (await as.post('/v1/feeds').send({ kind, targetId }).expect(201)).body as {
      id: string;
      url: string;
      webcalUrl: string;
      name: string;
    };
  const pathOf = (url: string) => new URL(url).pathname + new URL(url).search;
  const fetch = (url: string) => t().http.get(pathOf(url)).buffer(true).parse(rawText);
  const calendar = async (url: string): Promise<ParsedCalendar> => {
    const res = await fetch(url).expect(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    return parseStrict(res.body as Buffer);
  };
  /** What the database holds for each appointment: the event must show exactly this. */
  const stored = async () =>
    (await t().dataSource.query(
      `SELECT id, uid, starts_at, ends_at, sequence, updated_at, status FROM appointment
        WHERE clinic_id = $1 ORDER BY starts_at`,
      [iv.clinic.id],
    )) as {
      id: string;
      uid: string;
      starts_at: Date;
      ends_at: Date;
      sequence: number;
      updated_at: Date;
      status: string;
    }[];
  const seconds = (d: Date) => Math.floor(new Date(d).getTime() / 1000);

  it('staff feed: 201 with https and webcal URLs; events at the stored instants across DST', async () => {
    const feed = await createFeed('staff', iv.staff.rnB);
    expect(feed.url).toMatch(/^https:\/\/[^/]+\/feeds\/kpf_[A-Za-z0-9_-]{32}\.ics$/);
    expect(feed.webcalUrl).toBe(feed.url.replace(/^https:/, 'webcal:'));
    expect(feed.name).toBe('Schedule: RN B');
    const cal = await calendar(feed.url);
    expect(cal.zones).toEqual([ZONE]);
    const rows = await stored();
    expect(
      cal.events.map((e) => [e.uid, e.start.toISOString(), e.end.toISOString(), e.tzid]),
    ).toEqual(
      rows.map((r) => [
        r.uid,
        new Date(r.starts_at).toISOString(),
        new Date(r.ends_at).toISOString(),
        ZONE,
      ]),
    );
    expect(cal.events.map((e) => seconds(e.stamp))).toEqual(rows.map((r) => seconds(r.updated_at)));
    expect(cal.events.map((e) => e.sequence)).toEqual(rows.map((r) => r.sequence));
    expect(cal.events[3].start.toISOString()).toBe('2027-03-15T13:00:00.000Z'); // 09:00 EDT
    expect(cal.events[0]).toMatchObject({
      summary: 'IV ketamine · JS',
      location: 'Bay 1',
      status: 'CONFIRMED',
    });
  });

  it('every kind parses strictly; no patient name in any default feed', async () => {
    const cohort = await post(director(), '/v1/cohorts', {
      name: 'March IV retreat',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
    });
    await post(
      iv.clinic.as('frontdesk'),
      `/v1/cohorts/${cohort.id}/members`,
      { enrollmentId: enrollment.id },
      200,
    );
    const rows = await stored();
    for (const [kind, target] of [
      ['staff', iv.staff.drA],
      ['room', iv.rooms.bay1],
      ['patient', enrollment.patientId],
      ['cohort', cohort.id],
    ]) {
      const feed = await createFeed(kind, target);
      const res = await fetch(feed.url).expect(200);
      const text = (res.body as Buffer).toString('utf8');
      expect(text).not.toContain('Secretname');
      expect(text).not.toContain('Jordan');
      expect(text).not.toContain('March IV retreat');
      const cal = parseStrict(res.body as Buffer);
      expect(cal.events.map((e) => [e.uid, e.start.getTime(), e.end.getTime()])).toEqual(
        rows.map((r) => [r.uid, new Date(r.starts_at).getTime(), new Date(r.ends_at).getTime()]),
      );
      expect(cal.events[0].summary).toBe(kind === 'patient' ? 'IV ketamine' : 'IV ketamine · JS');
    }
  });

  it('the clinic may name patients by pseudonym instead of initials', async () => {
    const feed = await createFeed('room', iv.rooms.bay1);
    await director().patch('/v1/clinic').send({ feedPatientLabel: 'pseudonym' }).expect(200);
    const before = await calendar(feed.url);
    expect(before.events[0].summary).toMatch(/^IV ketamine · P-[0-9A-F]{6}$/);
    await iv.clinic
      .as('frontdesk')
      .patch(`/v1/patients/${enrollment.patientId}`)
      .send({ pseudonym: 'Heron' })
      .expect(200);
    const after = await calendar(feed.url);
    expect(after.events.map((e) => e.summary)).toEqual(DOSES.map(() => 'IV ketamine · Heron'));
  });

  it('ETag and Last-Modified: stable, 304 on a match, new exactly when the content changes', async () => {
    // The database dates the cancellation below in real time: the clock runs from real time
    // too (forwards only: a Last-Modified is never later than the response's Date).
    const start = Date.now();
    clock.set(new Date(start).toISOString());
    const feed = await createFeed('staff', iv.staff.rnB);
    const first = await fetch(feed.url).expect(200);
    const etag = first.headers['etag'];
    const lastModified = first.headers['last-modified'];
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers['cache-control']).toBe('private, no-transform');
    clock.set(new Date(start + HOUR / 2).toISOString());
    const again = await fetch(feed.url).expect(200);
    expect(again.headers['etag']).toBe(etag);
    expect(again.headers['last-modified']).toBe(lastModified);
    expect((again.body as Buffer).equals(first.body as Buffer)).toBe(true);

    const byTag = await t().http.get(pathOf(feed.url)).set('If-None-Match', etag).expect(304);
    expect(byTag.text ?? '').toBe('');
    expect(byTag.headers['etag']).toBe(etag);
    await t().http.get(pathOf(feed.url)).set('If-None-Match', `"other", W/${etag}`).expect(304);
    await t().http.get(pathOf(feed.url)).set('If-Modified-Since', lastModified).expect(304);
    await t()
      .http.get(pathOf(feed.url))
      .set('If-None-Match', '"other"')
      .set('If-Modified-Since', lastModified)
      .expect(200);

    // Cancel one appointment: STATUS:CANCELLED with a bumped SEQUENCE, new validators.
    await iv.clinic
      .as('frontdesk')
      .post(`/v1/appointments/${appointmentIds[1]}/cancel`)
      .send({ reason: 'ill' })
      .expect(200);
    // The database dated the change (updated_at, real time): read the feed an hour later.
    const [row] = (await stored()).filter((r) => r.id === appointmentIds[1]);
    const cancelledAt = new Date(row.updated_at).getTime();
    clock.set(new Date(Math.max(cancelledAt, start) + HOUR).toISOString());
    const changed = await t()
      .http.get(pathOf(feed.url))
      .set('If-None-Match', etag)
      .buffer(true)
      .parse(rawText)
      .expect(200);
    expect(changed.headers['etag']).not.toBe(etag);
    expect(Date.parse(changed.headers['last-modified'])).toBeGreaterThan(Date.parse(lastModified));
    await t().http.get(pathOf(feed.url)).set('If-Modified-Since', lastModified).expect(200);
    const cancelled = parseStrict(changed.body as Buffer).events[1];
    expect(cancelled).toMatchObject({ uid: row.uid, status: 'CANCELLED', sequence: 1 });
    expect(seconds(cancelled.stamp)).toBe(seconds(row.updated_at));

    // After the cancellation period (30 days) it is left out.
    clock.set(new Date(cancelledAt + 31 * 24 * HOUR).toISOString());
    const later = await calendar(feed.url);
    expect(later.events.map((e) => e.uid)).not.toContain(row.uid);
  });

  it('a moved appointment: new instants, bumped SEQUENCE, new ETag', async () => {
    const feed = await createFeed('staff', iv.staff.rnB);
    const etag = (await fetch(feed.url).expect(200)).headers['etag'];
    // No move endpoint yet: change the times as a move does (times + sequence + version).
    const repo = t().get(AppointmentRepository);
    const row = await repo.get(iv.clinic.id, appointmentIds[0]);
    await repo.update(iv.clinic.id, row.id, {
      startsAt: new Date('2027-03-08T15:00:00Z'),
      endsAt: new Date('2027-03-08T17:00:00Z'),
      sequence: row.sequence + 1,
      version: row.version + 1,
    });
    const res = await t()
      .http.get(pathOf(feed.url))
      .set('If-None-Match', etag)
      .buffer(true)
      .parse(rawText)
      .expect(200);
    const event = parseStrict(res.body as Buffer).events.find((e) => e.uid === row.uid)!;
    expect(event).toMatchObject({ sequence: 1 });
    expect(event.start.toISOString()).toBe('2027-03-08T15:00:00.000Z');
  });

  it('FEED_RECHECK_MS: a body is served from memory that long, then checked again', async () => {
    const config = t().app.get<AppConfig>(APP_CONFIG);
    const feed = await createFeed('staff', iv.staff.rnB);
    config.feeds.recheckMs = 60_000;
    try {
      const etag = (await fetch(feed.url).expect(200)).headers['etag'];
      await iv.clinic
        .as('frontdesk')
        .post(`/v1/appointments/${appointmentIds[0]}/cancel`)
        .send({ reason: 'x' })
        .expect(200);
      await t().http.get(pathOf(feed.url)).set('If-None-Match', etag).expect(304);
      config.feeds.recheckMs = 0;
      await t().http.get(pathOf(feed.url)).set('If-None-Match', etag).expect(200);
    } finally {
      config.feeds.recheckMs = 0;
    }
  });

  it('FEED_RECHECK_MS: token lookups are remembered, yet rotation and revocation apply at once', async () => {
    const config = t().app.get<AppConfig>(APP_CONFIG);
    const feed = await createFeed('staff', iv.staff.rnB);
    const other = await createFeed('staff', iv.staff.rnB);
    config.feeds.recheckMs = 60_000;
    try {
      expect((await calendar(feed.url)).events.length).toBeGreaterThan(0);
      expect((await calendar(other.url)).events.length).toBeGreaterThan(0);
      const rotated = (await director().post(`/v1/feeds/${feed.id}/rotate`).expect(201)).body;
      expect((await calendar(feed.url)).events).toEqual([]);
      expect((await calendar(rotated.url)).events.length).toBeGreaterThan(0);
      await director().delete(`/v1/feeds/${other.id}`).expect(200);
      expect((await calendar(other.url)).events).toEqual([]);
    } finally {
      config.feeds.recheckMs = 0;
    }
  });

  it('rotation: the old URL serves an empty calendar for the grace period, then 404', async () => {
    const feed = await createFeed('staff', iv.staff.rnB);
    const rotated = (await director().post(`/v1/feeds/${feed.id}/rotate`).expect(201)).body;
    expect(rotated.url).not.toBe(feed.url);
    expect((await calendar(feed.url)).events).toEqual([]);
    expect((await calendar(rotated.url)).events).toHaveLength(4);
    clock.set(new Date(Date.parse('2027-03-01T12:00:00Z') + 168 * HOUR).toISOString());
    const gone = await fetch(feed.url).expect(404);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse((gone.body as Buffer).toString()).code).toBe('FEED_NOT_FOUND');
    expect((await calendar(rotated.url)).events.length).toBeGreaterThan(0);
  });

  it('revocation: empty calendar, then 404; a revoked feed cannot be rotated or revoked', async () => {
    const feed = await createFeed('patient', enrollment.patientId);
    const live = await fetch(feed.url).expect(200);
    clock.set('2027-03-02T12:00:00Z');
    const revoked = await director().delete(`/v1/feeds/${feed.id}`).expect(200);
    expect(revoked.body.revokedAt).toBe('2027-03-02T12:00:00.000Z');
    const empty = await t()
      .http.get(pathOf(feed.url))
      .set('If-None-Match', live.headers['etag'])
      .buffer(true)
      .parse(rawText)
      .expect(200);
    expect(parseStrict(empty.body as Buffer).events).toEqual([]);
    expect(Date.parse(empty.headers['last-modified'])).toBeGreaterThan(
      Date.parse(live.headers['last-modified']),
    );
    expect((await director().post(`/v1/feeds/${feed.id}/rotate`).expect(409)).body.code).toBe(
      'FEED_REVOKED',
    );
    expect((await director().delete(`/v1/feeds/${feed.id}`).expect(409)).body.code).toBe(
      'FEED_REVOKED',
    );
    clock.set('2027-03-09T11:59:59Z');
    await fetch(feed.url).expect(200);
    clock.set('2027-03-09T12:00:00Z');
    await fetch(feed.url).expect(404);
  });

  it('who may create: directors any feed, a clinician only their own staff feed', async () => {
    const key = (
      await director()
        .post('/v1/api-keys')
        .send({ name: 'rn', role: 'clinician', staffId: iv.staff.rnB })
        .expect(201)
    ).body.secret;
    const clinician = () => t().http.set('Authorization', `Bearer ${key}`);
    const own = await createFeed('staff', iv.staff.rnB, clinician());
    await clinician().post('/v1/feeds').send({ kind: 'staff', targetId: iv.staff.drA }).expect(403);
    await clinician().post('/v1/feeds').send({ kind: 'room', targetId: iv.rooms.bay1 }).expect(403);
    await iv.clinic
      .as('clinician')
      .post('/v1/feeds')
      .send({ kind: 'staff', targetId: iv.staff.rnB })
      .expect(403);
    await iv.clinic
      .as('frontdesk')
      .post('/v1/feeds')
      .send({ kind: 'patient', targetId: enrollment.patientId })
      .expect(403);
    const other = await createFeed('staff', iv.staff.drA);
    expect(
      (await clinician().get('/v1/feeds').expect(200)).body.items.map((f: { id: string }) => f.id),
    ).toEqual([own.id]);
    expect((await director().get('/v1/feeds').expect(200)).body.items).toHaveLength(2);
    await clinician().delete(`/v1/feeds/${other.id}`).expect(404);
    await clinician().post(`/v1/feeds/${own.id}/rotate`).expect(201);
    await clinician().get(`/v1/feeds/${own.id}/fetches`).expect(403);
    const unknown = await director()
      .post('/v1/feeds')
      .send({ kind: 'room', targetId: iv.staff.drA })
      .expect(422);
    expect(unknown.body.errors[0]).toMatchObject({
      pointer: '/targetId',
      code: 'UNKNOWN_REFERENCE',
    });
    const bad = await director()
      .post('/v1/feeds')
      .send({ kind: 'desk', targetId: 'x' })
      .expect(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/kind',
      '/targetId',
    ]);
  });

  it('tokens never reach the logs; every fetch is recorded with its user agent', async () => {
    const feed = await createFeed('staff', iv.staff.rnB);
    const token = pathOf(feed.url).slice('/feeds/'.length, -'.ics'.length);
    await t()
      .http.get(pathOf(feed.url))
      .set('User-Agent', 'Thunderbird/115')
      .set('X-Request-Id', 'feed-1')
      .expect(200);
    const etag = (await fetch(feed.url).expect(200)).headers['etag'];
    await t()
      .http.get(pathOf(feed.url))
      .set('If-None-Match', etag)
      .set('User-Agent', 'Google-Calendar-Importer')
      .expect(304);
    const unknown = await t()
      .http.get(`/feeds/kpf_${'A'.repeat(32)}.ics`)
      .expect(404);
    expect(JSON.stringify(unknown.body)).not.toContain('AAAA');
    await director().post(`/v1/feeds/${feed.id}/rotate`).expect(201);
    await director().delete(`/v1/feeds/${feed.id}`).expect(200);
    const logs = JSON.stringify(t().logs);
    expect(logs).not.toContain(token);
    expect(logs).not.toContain('kpf_');
    expect(t().logs.find((l) => l.requestId === 'feed-1')).toMatchObject({
      path: '/feeds/[redacted]',
      status: 200,
    });
    const audit = JSON.stringify((await director().get('/v1/audit-log?limit=50').expect(200)).body);
    expect(audit).not.toContain(token);
    const hashes = await t().dataSource.query('SELECT token_hash FROM calendar_feed_token');
    expect(JSON.stringify(hashes)).not.toContain(token);

    await t().get(FeedFetchLog).flush();
    const fetches = (await director().get(`/v1/feeds/${feed.id}/fetches`).expect(200)).body.items;
    expect(
      fetches.map((f: { userAgent: string; status: number }) => [f.userAgent, f.status]),
    ).toEqual(
      expect.arrayContaining([
        ['Thunderbird/115', 200],
        ['Google-Calendar-Importer', 304],
      ]),
    );
    expect(fetches).toHaveLength(3);
    expect(fetches[0].fetchedAt).toBe('2027-03-01T12:00:00.000Z');
  });

  it('HTTP details: no 406 whatever the Accept, no compression, the window within limits', async () => {
    const feed = await createFeed('staff', iv.staff.rnB);
    const path = pathOf(feed.url);
    const plain = await t()
      .http.get(path)
      .unset('Accept')
      .set('Accept-Encoding', 'gzip, deflate, br')
      .buffer(true)
      .parse(rawText)
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe((plain.body as Buffer).length);
    await t().http.get(path).set('Accept', 'application/json').expect(200);
    // The window: whole days around today (2027-03-01); 9 days ahead reach 2027-03-10.
    const near = parseStrict(
      (await fetch(`${feed.url}?pastDays=0&futureDays=9`).expect(200)).body as Buffer,
    );
    expect(near.events.map((e) => e.start.toISOString())).toEqual([
      '2027-03-08T14:00:00.000Z',
      '2027-03-10T14:00:00.000Z',
    ]);
    for (const q of [
      'pastDays=-1',
      'futureDays=0',
      'futureDays=732',
      'pastDays=367',
      'pastDays=x',
    ]) {
      const res = await t().http.get(`${path}?${q}`).expect(400);
      expect(res.body.code).toBe('INVALID_REQUEST');
    }
    await t().http.get('/feeds/not-a-token.ics').expect(404);
    await t().http.get(path.replace('.ics', '')).expect(404);
  });
});

/** supertest parser keeping the raw bytes (text/calendar is not parsed by default). */
function rawText(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
