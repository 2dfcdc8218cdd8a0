import { CLOCK } from '../../src/services/clock';
import type { ProtocolDefinition } from '../../src/domain/catalog/protocol-definition';
import { doseBody, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { createPatient, post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

/** Instants in the clinic's zone (America/New_York; EST until 2027-03-14, EDT after). */
const est = (date: string, time: string) => `${date}T${time}:00-05:00`;
const edt = (date: string, time: string) => `${date}T${time}:00-04:00`;

/** Two doses (120 min, ≥ 48 h apart), each followed by an integration within 0–24 h. */
const definition: ProtocolDefinition = {
  series: [
    { id: 'dose', sessionType: 'ketamine-iv', count: { min: 2, max: 2 }, gapHours: { min: 48 } },
    { id: 'int', sessionType: 'integration', count: { min: 2, max: 2 } },
  ],
  rules: [{ type: 'followUp', anchor: 'dose', targets: ['int'], hours: { min: 0, max: 24 } }],
};

describe(`followUp on bookings and moves (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;
  let enrollmentId: string;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
    const director = iv.clinic.as('director');
    await post(director, '/v1/session-types', {
      code: 'integration',
      name: 'Integration',
      durationMinutes: 60,
      room: { features: ['therapy'] },
      staff: [{ role: 'prescriber', count: 1 }],
    });
    const protocol = await post(director, '/v1/protocols', {
      code: 'dose-int',
      name: 'Doses with integrations',
      definition,
    });
    await post(director, `/v1/protocols/${protocol.id}/versions/1/publish`, undefined, 200);
    const patient = await createPatient(iv.clinic);
    const enrollment = await post(desk(), '/v1/enrollments', {
      patientId: patient.id,
      protocolId: protocol.id,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-04-30',
    });
    enrollmentId = enrollment.id;
  });

  const desk = () => iv.clinic.as('frontdesk');
  const book = (body: object) => desk().post('/v1/appointments').send(body);
  const dose = (index: number, start: string) => doseBody(iv, enrollmentId, index, start);
  const integration = (index: number, start: string) => ({
    enrollmentId,
    series: 'int',
    index,
    start,
    roomId: iv.rooms.room1,
    staff: [{ staffId: iv.staff.drA, role: 'prescriber' }],
  });
  const count = async () =>
    (await t().dataSource.query(`SELECT count(*)::int AS n FROM appointment`))[0].n as number;
  const issues = (body: { errors: { code: string; message: string }[] }) =>
    body.errors.filter((e) => e.code === 'FOLLOW_UP').map((e) => e.message);

  /** Dose 1 Mon 09:00, int 1 Mon 11:00, dose 2 Wed 09:00 (each anchor booked before its int). */
  async function threeBooked() {
    for (const body of [
      dose(1, est('2027-03-08', '09:00')),
      integration(1, est('2027-03-08', '11:00')),
      dose(2, est('2027-03-10', '09:00')),
    ]) {
      const res = await book(body);
      expect([res.status, res.body.series, res.body.index]).toEqual([201, body.series, body.index]);
    }
  }

  it('refuses the last integration outside its window by POST, and books it inside', async () => {
    await threeBooked();
    const before = await count();
    const late = await book(integration(2, edt('2027-03-17', '11:00')));
    expect([late.status, late.body.code]).toEqual([422, 'RULE_VIOLATED']);
    expect(issues(late.body)).toEqual([
      'int 2 would start 167 h after the end of dose 2, which then has no follow-up of its own; the protocol needs one (int) within 0–24 h after each dose ends, each dose its own',
    ]);
    expect(await count()).toBe(before);
    const ok = await book(integration(2, est('2027-03-10', '11:00')));
    expect(ok.status).toBe(201);
  });

  it('refuses the move of an integration a week later (422, nothing changed); options never offer it', async () => {
    await threeBooked();
    const int2 = (await book(integration(2, est('2027-03-10', '11:00')))).body as {
      id: string;
      version: number;
    };
    const moved = await desk()
      .patch(`/v1/appointments/${int2.id}`)
      .set('If-Match', `"${int2.version}"`)
      .send({ start: edt('2027-03-17', '11:00') });
    expect([moved.status, moved.body.code]).toEqual([422, 'RULE_VIOLATED']);
    expect(issues(moved.body)).toEqual([
      expect.stringMatching(/^int 2 would start 167 h after the end of dose 2/),
    ]);
    const after = await desk().get(`/v1/appointments/${int2.id}`).expect(200);
    expect(after.body).toMatchObject({
      version: int2.version,
      start: est('2027-03-10', '11:00'),
    });

    // The options over the next week stop at dose 2's end + 24 h (Thursday 11:00).
    const res = await desk()
      .get(`/v1/appointments/${int2.id}/options`)
      .query({ from: est('2027-03-10', '00:00'), to: edt('2027-03-18', '00:00'), limit: 50 })
      .expect(200);
    const starts = (res.body.items as { start: string }[]).map((o) => Date.parse(o.start));
    expect(starts.length).toBeGreaterThan(0);
    expect(Math.max(...starts)).toBeLessThanOrEqual(Date.parse(est('2027-03-11', '11:00')));
  });

  it('a director may override it; the worklist does not list what the director approved', async () => {
    await threeBooked();
    const int2 = (await book(integration(2, est('2027-03-10', '11:00')))).body as {
      id: string;
      version: number;
    };
    const ok = await iv.clinic
      .as('director')
      .patch(`/v1/appointments/${int2.id}`)
      .set('If-Match', `"${int2.version}"`)
      .send({ start: edt('2027-03-17', '11:00'), override: { reason: 'away that week' } })
      .expect(200);
    expect(ok.body.override).toMatchObject({ reason: 'away that week', rules: ['FOLLOW_UP'] });
    // Neither the integration nor the dose left without a follow-up is listed for it (until
    // 2026-12 both were, for the very rule the director approved).
    const list = await desk().get('/v1/affected-appointments').query({ enrollmentId }).expect(200);
    expect(list.body).toEqual({ affectedAppointments: [], repair: null, repairs: [] });
  });
});
