import { CLOCK } from '../../src/services/clock';
import { TestClock } from '../factories/appointments';
import { checkRace, Http, raceRequests, runRace, setUpRace } from '../factories/booking-race';
import type { Agent } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

/** Concurrent requests need several connections: PGlite has one, so this runs on PostgreSQL. */
const itOnPostgres = usesPostgres() ? it : it.skip;

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

function http(agent: () => Agent): Http {
  return async (method, path, body, headers = {}) => {
    const req = method === 'GET' ? agent().get(path) : agent().post(path);
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    const res = body === undefined ? await req : await req.send(body as object);
    return { status: res.status, body: res.body as Record<string, unknown> };
  };
}

describe(`appointment races (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });

  itOnPostgres(
    '60 concurrent bookings over shared staff, rooms (capacity 1 and 2) and patients: exactly the ones that fit',
    async () => {
      for (const seed of [1, 2, 3]) {
        const clinic = await t().createClinic();
        const director = http(() => clinic.as('director'));
        const desk = http(() => clinic.as('frontdesk'));
        const cat = await setUpRace(director, 'America/New_York', '2027-03-08');
        const requests = raceRequests(cat, '2027-03-08', 60, seed);
        const replies = await runRace(requests, (_i, r) =>
          desk('POST', '/v1/appointments', r.body, r.key ? { 'Idempotency-Key': r.key } : {}),
        );
        const report = await checkRace(
          (q, p) => t().dataSource.query(q, p),
          cat,
          requests,
          replies,
        );
        const errors = t().logs.filter((l) => (l.level as number) >= 50);
        expect({ problems: report.problems, errors: errors.slice(0, 2) }).toEqual({
          problems: [],
          errors: [],
        });
        // The scenario is dense: both outcomes must really occur.
        expect(report.created).toBeGreaterThan(5);
        expect(report.refused).toBeGreaterThan(5);
        expect(report.sent).toBe(70);
      }
    },
    120_000,
  );
});
