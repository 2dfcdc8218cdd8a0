import type { Response } from 'superagent';
import { parseStrict } from '../../src/domain/calendar/ics-check.spec-helper';
import { loadConfig } from '../../src/infra/config/app-config';
import { CLOCK } from '../../src/services/clock';
import { doseBody, enrollPatient, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));
const NOW = '2027-03-01T12:00:00Z';
const DOSES = ['2027-03-08T09:00:00-05:00', '2027-03-10T09:00:00-05:00'];
/** The doses are moved to June (by SQL), when Mexico once kept daylight saving time. */
const SHIFT = '98 days';

describe(`calendar feeds: zones and validators (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { feeds: { ...loadConfig({}).feeds, recheckMs: 0 } },
  });
  let iv: IvClinic;
  let appointmentIds: string[];

  beforeEach(async () => {
    clock.set(NOW);
    iv = await ivClinic(await t().createClinic());
    const enrollment = await enrollPatient(iv);
    appointmentIds = [];
    for (const [i, start] of DOSES.entries()) {
      const body = doseBody(iv, enrollment.id, i + 1, start);
      appointmentIds.push((await post(iv.clinic.as('frontdesk'), '/v1/appointments', body)).id);
    }
  });

  const createFeed = async () =>
    (
      await iv.clinic
        .as('director')
        .post('/v1/feeds')
        .send({ kind: 'staff', targetId: iv.staff.rnB })
        .expect(201)
    ).body as { id: string; url: string };
  const fetch = (url: string) => t().http.get(new URL(url).pathname).buffer(true).parse(rawText);
  const stored = async () =>
    (
      (await t().dataSource.query(
        `SELECT starts_at FROM appointment WHERE clinic_id = $1 ORDER BY starts_at`,
        [iv.clinic.id],
      )) as { starts_at: Date }[]
    ).map((r) => new Date(r.starts_at).toISOString());

  it.each([
    'America/Mexico_City',
    'America/Sao_Paulo',
    'Etc/GMT+5',
    'US/Eastern',
    'Asia/Calcutta',
    'Asia/Katmandu',
    'Europe/Dublin',
  ])(
    '%s: a client reading the VTIMEZONE (its TZID the events’) sees the stored instants',
    async (zone) => {
      await t().dataSource.query(`UPDATE clinic SET time_zone = $1 WHERE id = $2`, [
        zone,
        iv.clinic.id,
      ]);
      await t().dataSource.query(
        `UPDATE appointment SET starts_at = starts_at + interval '${SHIFT}',
            ends_at = ends_at + interval '${SHIFT}' WHERE clinic_id = $1`,
        [iv.clinic.id],
      );
      const feed = await createFeed();
      const res = await fetch(feed.url).expect(200);
      const text = (res.body as Buffer).toString('utf8');
      expect(text).toContain(`\r\nX-WR-TIMEZONE:${zone}\r\n`);
      expect(text).toContain(`\r\nBEGIN:VTIMEZONE\r\nTZID:${zone}\r\n`);
      const cal = parseStrict(res.body as Buffer);
      expect(cal.zones).toEqual([zone]);
      expect(cal.events.map((e) => [e.tzid, e.start.toISOString()])).toEqual(
        (await stored()).map((start) => [zone, start]),
      );
    },
  );

  it('the calendar name is escaped TEXT; calendar properties precede every component', async () => {
    const feed = (
      await iv.clinic
        .as('director')
        .post('/v1/feeds')
        .send({ kind: 'staff', targetId: iv.staff.rnB, name: 'Schedule: Sam Ortiz, RN; B\\2' })
        .expect(201)
    ).body as { url: string };
    const text = ((await fetch(feed.url).expect(200)).body as Buffer).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines).toContain('NAME:Schedule: Sam Ortiz\\, RN\\; B\\\\2');
    expect(lines).toContain('X-WR-CALNAME:Schedule: Sam Ortiz\\, RN\\; B\\\\2');
    const firstComponent = lines.findIndex((l, i) => i > 0 && l.startsWith('BEGIN:'));
    const calprops = lines.slice(1, firstComponent).map((l) => l.replace(/[:;].*/, ''));
    expect(calprops).toEqual([
      'VERSION',
      'PRODID',
      'NAME',
      'X-WR-CALNAME',
      'REFRESH-INTERVAL',
      'X-PUBLISHED-TTL',
      'X-WR-TIMEZONE',
    ]);
    expect(lines.slice(-3)).toEqual(['END:VEVENT', 'END:VCALENDAR', '']);
  });

  it('Last-Modified is never after Date; a body replaced within the second is still sent', async () => {
    const feed = await createFeed();
    const first = await fetch(feed.url).expect(200);
    expect(first.headers['date']).toBe(new Date(NOW).toUTCString());
    expect(first.headers['last-modified']).toBe(new Date(NOW).toUTCString());
    await iv.clinic
      .as('frontdesk')
      .post(`/v1/appointments/${appointmentIds[1]}/cancel`)
      .send({ reason: 'ill' })
      .expect(200);
    // Same second: the new body cannot be dated after now, nor may it be taken for the old.
    clock.set('2027-03-01T12:00:00.400Z');
    const changed = await fetch(feed.url).expect(200);
    expect(changed.headers['etag']).not.toBe(first.headers['etag']);
    expect(changed.headers['date']).toBe(new Date(NOW).toUTCString());
    expect(Date.parse(changed.headers['last-modified'])).toBeLessThanOrEqual(Date.parse(NOW));
    await t()
      .http.get(new URL(feed.url).pathname)
      .set('If-Modified-Since', first.headers['last-modified'])
      .expect(200);
    // A second later the header catches up: a second after the first body, then 304.
    clock.set('2027-03-01T12:00:01.200Z');
    const later = await fetch(feed.url).expect(200);
    expect(later.headers['last-modified']).toBe(new Date('2027-03-01T12:00:01Z').toUTCString());
    await t()
      .http.get(new URL(feed.url).pathname)
      .set('If-Modified-Since', later.headers['last-modified'])
      .expect(304);
  });

  it('a URL revoked within the second of its last body: Last-Modified not after Date', async () => {
    const feed = await createFeed();
    const live = await fetch(feed.url).expect(200);
    clock.set('2027-03-01T12:00:00.500Z');
    await iv.clinic.as('director').delete(`/v1/feeds/${feed.id}`).expect(200);
    const empty = await fetch(feed.url).expect(200);
    expect(parseStrict(empty.body as Buffer).events).toEqual([]);
    expect(empty.headers['date']).toBe(new Date(NOW).toUTCString());
    expect(Date.parse(empty.headers['last-modified'])).toBeLessThanOrEqual(Date.parse(NOW));
    await t()
      .http.get(new URL(feed.url).pathname)
      .set('If-Modified-Since', live.headers['last-modified'])
      .expect(200);
  });
});

function rawText(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}
