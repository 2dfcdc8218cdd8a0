import request from 'supertest';
import { SeedService } from '../../src/seed/seed.service';
import { CLOCK } from '../../src/services/clock';
import { TestClock } from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import type { Agent } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

/**
 * The demo clinic's ketamine-iv needs a prescriber occupied 0–55 min, a nurse, and a
 * prescriber present 55–120 min. The planning format lets one person hold the present
 * requirement besides another of the same session; booking, moving, move options and a plan
 * run's commit accept it too, and still refuse one person on two occupied requirements.
 */
const clock = new TestClock(new Date('2027-03-01T17:00:00Z'));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies read field by field
type Body = Record<string, any>;

jest.setTimeout(120_000);

describe(`a person on a present and another requirement (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { planRunPollMs: 50, plannerPoolSize: 1 },
  });
  let api: () => Agent;
  let clinicId: string;
  let staff: Map<string, string>;
  let rooms: Map<string, string>;

  beforeEach(async () => {
    clock.set('2027-03-01T17:00:00Z');
    const demo = await t().get(SeedService).seedDemo();
    clinicId = demo.clinicId;
    api = () =>
      request.agent(t().app.getHttpServer()).set('Authorization', `Bearer ${demo.secret}`);
    const byName = async (url: string) =>
      new Map(
        ((await api().get(`${url}?limit=200`).expect(200)).body.items as Body[]).map((i) => [
          i.name as string,
          i.id as string,
        ]),
      );
    staff = await byName('/v1/staff');
    rooms = await byName('/v1/rooms');
  });

  const rows = (sql: string, params: unknown[]) => t().dataSource.query(sql, params);

  /** As the README: a patient enrolled in the demo IV protocol for April 2027. */
  async function aprilEnrollment(): Promise<string> {
    const protocols = await api().get('/v1/protocols').expect(200);
    const iv = (protocols.body.items as Body[]).find((p) => p.code === 'iv-ketamine-6-mwf')!;
    const patient = await post(api(), '/v1/patients', {
      displayName: 'Erin K.',
      initials: 'EK',
      externalRef: 'MRN-20417',
    });
    const enrollment = await post(api(), '/v1/enrollments', {
      patientId: patient.id,
      protocolId: iv.id,
      version: 1,
      counts: { infusion: 6 },
      earliestStart: '2027-04-05',
      latestEnd: '2027-04-30',
      unavailable: [{ start: '2027-04-09T12:00', end: '2027-04-09T18:00' }],
    });
    return enrollment.id;
  }

  it('books an infusion with one prescriber on both requirements, moves it and offers moves', async () => {
    const enrollmentId = await aprilEnrollment();
    const dr = staff.get('Dr. Daniel Reyes')!;
    const rn = staff.get('Sam Ortiz, RN')!;
    const booked = await api()
      .post('/v1/appointments')
      .send({
        enrollmentId,
        series: 'infusion',
        index: 1,
        start: '2027-04-05T09:00:00-04:00',
        roomId: rooms.get('Infusion bay B'),
        // As the README's example.
        staff: [
          { staffId: dr, role: 'prescriber', mode: 'occupied' },
          { staffId: rn, role: 'rn' },
          { staffId: dr, role: 'prescriber', mode: 'present' },
        ],
      });
    expect({ status: booked.status, errors: booked.body.errors }).toEqual({
      status: 201,
      errors: undefined,
    });
    const brief = (list: Body[]) =>
      list.map((s) => [s.staffId, s.role, s.mode, s.start.slice(11, 16), s.end.slice(11, 16)]);
    expect(brief(booked.body.staff)).toEqual([
      [dr, 'prescriber', 'occupied', '09:00', '09:55'],
      [rn, 'rn', 'occupied', '09:00', '11:00'],
      [dr, 'prescriber', 'present', '09:55', '11:00'],
    ]);
    const id = booked.body.id as string;
    // Two staff rows for Dr. Reyes; lanes only for the occupied time.
    const holds = await rows(
      `SELECT resource_id, lower(during) AS s, upper(during) AS e FROM resource_booking
        WHERE appointment_id = $1 AND resource_kind = 'staff' AND claim = 'hold'`,
      [id],
    );
    expect(holds).toHaveLength(2);
    expect(holds.find((h: Body) => h.resource_id === dr)).toMatchObject({
      s: new Date('2027-04-05T13:00:00Z'),
      e: new Date('2027-04-05T13:55:00Z'),
    });

    // A move keeping the people keeps who fills which requirement.
    const moved = await api()
      .patch(`/v1/appointments/${id}`)
      .set('If-Match', '"1"')
      .send({ start: '2027-04-05T10:00:00-04:00' })
      .expect(200);
    expect(brief(moved.body.staff)).toEqual([
      [dr, 'prescriber', 'occupied', '10:00', '10:55'],
      [rn, 'rn', 'occupied', '10:00', '12:00'],
      [dr, 'prescriber', 'present', '10:55', '12:00'],
    ]);

    // The options keep him on both, and an option is a move the PATCH accepts.
    const options = await api().get(`/v1/appointments/${id}/options?limit=3`).expect(200);
    expect(options.body.items.length).toBeGreaterThan(0);
    const option = options.body.items[0] as Body;
    expect(option.staff.map((s: Body) => [s.staffId, s.mode])).toEqual([
      [dr, 'occupied'],
      [rn, 'occupied'],
      [dr, 'present'],
    ]);
    await api()
      .patch(`/v1/appointments/${id}`)
      .set('If-Match', '"2"')
      .send({
        start: option.start,
        roomId: option.roomId,
        staff: option.staff.map((s: Body) => ({ staffId: s.staffId, role: s.role, mode: s.mode })),
      })
      .expect(200);

    // Dr. Reyes's calendar feed shows the session once.
    const feed = await post(api(), '/v1/feeds', { kind: 'staff', targetId: dr });
    const ics = await t()
      .http.get(new URL(feed.url as string).pathname)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    expect((ics.body as string).match(/BEGIN:VEVENT/g)).toHaveLength(1);
  });

  it('refuses one person on two occupied requirements (422 STAFF_ONE_REQUIREMENT), booking nothing', async () => {
    const enrollmentId = await aprilEnrollment();
    const np = await post(api(), '/v1/staff', {
      name: 'NP Kim',
      roles: ['prescriber', 'rn'],
      availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }],
    });
    const res = await api()
      .post('/v1/appointments')
      .send({
        enrollmentId,
        series: 'infusion',
        index: 1,
        start: '2027-04-05T09:00:00-04:00',
        roomId: rooms.get('Infusion bay B'),
        staff: [
          { staffId: np.id, role: 'prescriber' },
          { staffId: np.id, role: 'rn' },
          { staffId: staff.get('Dr. Daniel Reyes'), role: 'prescriber', mode: 'present' },
        ],
      })
      .expect(422);
    expect(res.body.errors.map((e: Body) => [e.pointer, e.code])).toEqual([
      ['/staff/1/staffId', 'STAFF_ONE_REQUIREMENT'],
    ]);
    const [{ n }] = await rows(`SELECT count(*)::int AS n FROM appointment WHERE clinic_id = $1`, [
      clinicId,
    ]);
    expect(n).toBe(0);

    // The same person listed for the occupied and the present prescriber, no modes: in order.
    const ok = await post(api(), '/v1/appointments', {
      enrollmentId,
      series: 'infusion',
      index: 1,
      start: '2027-04-05T09:00:00-04:00',
      roomId: rooms.get('Infusion bay B'),
      staff: [
        { staffId: np.id, role: 'prescriber' },
        { staffId: staff.get('Priya Nair, RN'), role: 'rn' },
        { staffId: np.id, role: 'prescriber' },
      ],
    });
    expect((ok.staff as Body[]).map((s) => [s.staffId, s.mode])).toEqual([
      [np.id, 'occupied'],
      [staff.get('Priya Nair, RN'), 'occupied'],
      [np.id, 'present'],
    ]);
  });

  it('names the present interval when the present person is off duty for it (422 STAFF_UNAVAILABLE)', async () => {
    const enrollmentId = await aprilEnrollment();
    // Works until 10:30: enough for the occupied 09:00–09:55, not for the present 09:55–11:00.
    const np = await post(api(), '/v1/staff', {
      name: 'NP Kim',
      roles: ['prescriber'],
      availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '10:30' }],
    });
    const res = await api()
      .post('/v1/appointments')
      .send({
        enrollmentId,
        series: 'infusion',
        index: 1,
        start: '2027-04-05T09:00:00-04:00', // after the change to EDT
        roomId: rooms.get('Infusion bay B'),
        staff: [
          { staffId: staff.get('Dr. Daniel Reyes'), role: 'prescriber', mode: 'occupied' },
          { staffId: staff.get('Sam Ortiz, RN'), role: 'rn' },
          { staffId: np.id, role: 'prescriber', mode: 'present' },
        ],
      })
      .expect(422);
    expect(res.body.errors).toEqual([
      {
        pointer: '/staff/2/staffId',
        code: 'STAFF_UNAVAILABLE',
        message:
          'infusion 1: NP Kim is not available for the whole of 2027-04-05 09:55–11:00, when they must be present',
      },
    ]);
  });

  it('plans the demo cohort and commits it, a prescriber on both requirements of an infusion', async () => {
    const cohorts = await api().get('/v1/cohorts').expect(200);
    const cohortId = cohorts.body.items[0].id as string;
    const queued = await api()
      .post('/v1/plan-runs')
      .send({ cohortId, timeLimitMs: 1000, seed: 1 })
      .expect(202);
    let run: Body = queued.body;
    for (let waited = 0; ['queued', 'running'].includes(run.status); waited += 100) {
      if (waited > 110_000) throw new Error(`plan run ${run.id} did not finish`);
      await new Promise((r) => setTimeout(r, 100));
      run = (await api().get(`/v1/plan-runs/${run.id}`).expect(200)).body;
    }
    expect(run.status).toBe('succeeded');
    const proposed = run.result.appointments as Body[];
    const doubled = proposed.filter((a) => {
      const present = a.staff.filter((s: Body) => s.mode === 'present').map((s: Body) => s.staffId);
      return a.staff.some((s: Body) => s.mode === 'occupied' && present.includes(s.staffId));
    });
    expect(doubled.length).toBeGreaterThan(0); // what used to make the commit stale

    const committed = await api().post(`/v1/plan-runs/${run.id}/commit`);
    expect({ status: committed.status, errors: committed.body.errors }).toEqual({
      status: 200,
      errors: undefined,
    });
    expect(committed.body.booked).toHaveLength(proposed.length);
    const stored = await rows(
      `SELECT s.mode, count(*)::int AS n FROM appointment_staff s
         JOIN appointment a ON a.id = s.appointment_id
        WHERE a.clinic_id = $1 AND a.status = 'booked' GROUP BY s.mode ORDER BY s.mode`,
      [clinicId],
    );
    const infusions = proposed.filter((a) => a.series === 'infusion').length;
    expect(stored).toEqual([
      { mode: 'occupied', n: proposed.length + infusions },
      { mode: 'present', n: infusions },
    ]);
  });
});
