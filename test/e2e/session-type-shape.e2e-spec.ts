import { CLOCK } from '../../src/services/clock';
import {
  doseBody,
  enrollPatient,
  intakeBody,
  IvClinic,
  ivClinic,
  TestClock,
} from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));
const est = (date: string, time: string) => `${date}T${time}:00-05:00`;

jest.setTimeout(120_000);

/**
 * A session type's shape (duration, staff, room, group) is fixed while sessions booked with it
 * (or completed in active enrollments) exist: they were booked with the old shape and plans
 * re-read them with the current one.
 */
describe(`session type shape while booked (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;
  let types: Map<string, { id: string }>;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
    const res = await director().get('/v1/session-types').expect(200);
    types = new Map(res.body.items.map((i: { code: string; id: string }) => [i.code, i]));
  });

  const desk = () => iv.clinic.as('frontdesk');
  const director = () => iv.clinic.as('director');
  const typeId = (code: string) => types.get(code)!.id;
  const audits = async () =>
    (
      await t().dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE clinic_id = $1 AND entity_type = 'session_type'`,
        [iv.clinic.id],
      )
    )[0].n as number;

  it('refuses a new duration while a session is booked (409 SESSION_TYPE_BOOKED), changing nothing', async () => {
    const e = await enrollPatient(iv);
    const dose = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, e.id, 1, est('2027-03-08', '09:00')),
    );
    const before = (
      await director()
        .get(`/v1/session-types/${typeId('ketamine-iv')}`)
        .expect(200)
    ).body;
    const auditsBefore = await audits();

    const res = await director()
      .patch(`/v1/session-types/${typeId('ketamine-iv')}`)
      .send({ durationMinutes: 150 })
      .expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('SESSION_TYPE_BOOKED');
    expect(res.body.detail).toContain('1 booked session');
    expect(res.body.detail).toContain('new session type');
    expect(res.body.errors).toEqual([
      { pointer: '/durationMinutes', code: 'SESSION_TYPE_BOOKED', message: expect.any(String) },
    ]);
    expect(res.body.appointments).toEqual([
      {
        id: dose.id,
        enrollmentId: e.id,
        patientId: e.patientId,
        series: 'dose',
        index: 1,
        status: 'booked',
        start: '2027-03-08T09:00:00-05:00', // as every answer: with the clinic's offset
        end: '2027-03-08T11:00:00-05:00',
      },
    ]);
    // Staff requirements and room needs are the shape too; each refused the same way.
    const staff = await director()
      .patch(`/v1/session-types/${typeId('ketamine-iv')}`)
      .send({ staff: [{ role: 'rn', count: 1 }] })
      .expect(409);
    expect(staff.body.errors.map((i: { pointer: string }) => i.pointer)).toEqual(['/staff']);
    const room = await director()
      .patch(`/v1/session-types/${typeId('ketamine-iv')}`)
      .send({ room: { features: ['infusion', 'monitoring'], turnoverMinutes: 30 } })
      .expect(409);
    expect(room.body.errors.map((i: { pointer: string }) => i.pointer)).toEqual(['/room']);

    expect(
      (
        await director()
          .get(`/v1/session-types/${typeId('ketamine-iv')}`)
          .expect(200)
      ).body,
    ).toEqual(before);
    expect(await audits()).toBe(auditsBefore);

    // A rename, and the same shape sent again (other key order), are not changes of shape.
    await director()
      .patch(`/v1/session-types/${typeId('ketamine-iv')}`)
      .send({
        name: 'IV ketamine (racemic)',
        durationMinutes: 120,
        room: { turnoverMinutes: 15, features: ['infusion', 'monitoring'] },
        staff: before.staff,
      })
      .expect(200);
    // A session type nobody booked changes freely.
    await post(director(), '/v1/session-types', {
      code: 'follow-up',
      name: 'Follow-up',
      durationMinutes: 30,
      room: null,
      staff: [{ role: 'rn', count: 1 }],
    });
    const free = (await director().get('/v1/session-types?limit=200').expect(200)).body.items.find(
      (i: { code: string }) => i.code === 'follow-up',
    );
    await director()
      .patch(`/v1/session-types/${free.id}`)
      .send({ durationMinutes: 45 })
      .expect(200);

    // Once the booking is cancelled the change goes through.
    await desk().post(`/v1/appointments/${dose.id}/cancel`).send({ reason: 'moved' }).expect(200);
    const ok = await director()
      .patch(`/v1/session-types/${typeId('ketamine-iv')}`)
      .send({ durationMinutes: 150 })
      .expect(200);
    expect(ok.body.durationMinutes).toBe(150);
  });

  it('completed sessions of an active enrollment fix the shape too; withdrawn ones do not', async () => {
    const e = await enrollPatient(iv);
    const intake = await post(
      desk(),
      '/v1/appointments',
      intakeBody(iv, e.id, est('2027-03-05', '09:00')),
    );
    clock.set('2027-03-05T15:00:00Z');
    await desk()
      .post(`/v1/appointments/${intake.id}/complete`)
      .send({ reason: 'seen' })
      .expect(200);
    const res = await director()
      .patch(`/v1/session-types/${typeId('intake')}`)
      .send({ durationMinutes: 90 })
      .expect(409);
    expect(res.body.detail).toContain('1 completed session of active enrollments');
    expect(res.body.appointments.map((a: { id: string }) => a.id)).toEqual([intake.id]);
    await desk().patch(`/v1/enrollments/${e.id}`).send({ status: 'withdrawn' }).expect(200);
    await director()
      .patch(`/v1/session-types/${typeId('intake')}`)
      .send({ durationMinutes: 90 })
      .expect(200);
  });

  it('a plan run never pins a booking at a length it does not hold: it asks for a repair run', async () => {
    const e = await enrollPatient(iv);
    // 15:00–17:00: RN B works until 17:00.
    const dose = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, e.id, 1, est('2027-03-08', '15:00')),
    );
    // A session type lengthened before shapes were fixed while booked (stored data of then).
    await t().dataSource.query(
      `UPDATE session_type SET duration_minutes = 150 WHERE clinic_id = $1 AND code = 'ketamine-iv'`,
      [iv.clinic.id],
    );
    const run = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [e.id], timeLimitMs: 3000, seed: 1 })
      .expect(422);
    expect(run.body.code).toBe('VALIDATION_FAILED');
    expect(run.body.errors).toEqual([
      {
        pointer: '/enrollmentIds',
        code: 'APPOINTMENT_NEEDS_REPAIR',
        message: expect.stringContaining(
          `appointment ${dose.id} (dose 1, 2027-03-08T15:00:00-05:00) no longer has its session type's shape: it is booked for 120 min, session type "ketamine-iv" now lasts 150 min`,
        ),
      },
    ]);
    // The worklist lists it, and the repair run it suggests is accepted.
    const list = await desk().get(`/v1/affected-appointments?enrollmentId=${e.id}`).expect(200);
    expect(list.body.affectedAppointments.map((a: { id: string }) => a.id)).toEqual([dose.id]);
    expect(list.body.affectedAppointments[0].why.map((w: { code: string }) => w.code)).toEqual([
      'DURATION_CHANGED',
    ]);
    await desk()
      .post(list.body.repair.path)
      .send({ ...list.body.repair.body, timeLimitMs: 3000, seed: 1 })
      .expect(202);
  });
});
