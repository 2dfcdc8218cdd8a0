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

/** Two transactions on one row need two connections: PGlite has one, so PostgreSQL only. */
const itOnPostgres = usesPostgres() ? it : it.skip;

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));
const est = (date: string, time: string) => `${date}T${time}:00-05:00`;

jest.setTimeout(120_000);

/**
 * Bookings, moves and plan runs judge every session by the clinic's current slot grid, so a
 * new `slotMinutes` is refused while booked sessions to come start off it (409
 * SLOT_GRID_BOOKED naming them, as SESSION_TYPE_BOOKED does for a session type's shape).
 */
describe(`clinic slotMinutes while booked (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const director = () => iv.clinic.as('director');
  const clinicAudits = async () =>
    (
      await t().dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE clinic_id = $1 AND entity_type = 'clinic'`,
        [iv.clinic.id],
      )
    )[0].n as number;

  it('refuses a grid that booked sessions to come are off (409 SLOT_GRID_BOOKED); past and completed ones do not count', async () => {
    // Past by the time of the change: one completed, one still booked (not resolved).
    const done = await enrollPatient(iv);
    const doneIntake = await post(
      desk(),
      '/v1/appointments',
      intakeBody(iv, done.id, est('2027-03-02', '13:15')),
    );
    const started = await enrollPatient(iv);
    await post(desk(), '/v1/appointments', intakeBody(iv, started.id, est('2027-03-02', '09:15')));
    // To come: one off a 30-minute grid, one on it.
    const off = await enrollPatient(iv);
    const offDose = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, off.id, 1, est('2027-03-08', '09:15')),
    );
    const on = await enrollPatient(iv);
    await post(desk(), '/v1/appointments', doseBody(iv, on.id, 1, est('2027-03-10', '10:30')));
    clock.set('2027-03-02T20:00:00Z');
    await desk()
      .post(`/v1/appointments/${doneIntake.id}/complete`)
      .send({ reason: 'seen' })
      .expect(200);
    const before = (await director().get('/v1/clinic').expect(200)).body;
    const auditsBefore = await clinicAudits();

    const res = await director()
      .patch('/v1/clinic')
      .send({ slotMinutes: 30, name: 'Renamed' })
      .expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('SLOT_GRID_BOOKED');
    expect(res.body.detail).toContain(
      `slotMinutes cannot change from 15 to 30: 1 booked session to come start off the 30-minute grid: dose 1 at 2027-03-08T09:15:00-05:00 (appointment ${offDose.id})`,
    );
    expect(res.body.detail).toContain('a multiple of 30 minutes after local midnight');
    expect(res.body.errors).toEqual([
      { pointer: '/slotMinutes', code: 'SLOT_GRID_BOOKED', message: expect.any(String) },
    ]);
    expect(res.body.appointments).toEqual([
      {
        id: offDose.id,
        enrollmentId: off.id,
        patientId: off.patientId,
        series: 'dose',
        index: 1,
        status: 'booked',
        start: '2027-03-08T09:15:00-05:00',
        end: '2027-03-08T11:15:00-05:00',
      },
    ]);
    // Nothing changed, the rename sent with it included.
    expect((await director().get('/v1/clinic').expect(200)).body).toEqual(before);
    expect(await clinicAudits()).toBe(auditsBefore);

    // A finer grid keeps every booked start on it; the same value again is no change.
    await director().patch('/v1/clinic').send({ slotMinutes: 5 }).expect(200);
    await director().patch('/v1/clinic').send({ slotMinutes: 15 }).expect(200);
    await director().patch('/v1/clinic').send({ slotMinutes: 15 }).expect(200);

    // Once the session is moved onto both grids, the change goes through and is enforced.
    const moved = await desk()
      .patch(`/v1/appointments/${offDose.id}`)
      .set('If-Match', `"${offDose.version}"`)
      .send({ start: est('2027-03-08', '09:30') })
      .expect(200);
    expect(moved.body.start).toBe(est('2027-03-08', '09:30'));
    const ok = await director().patch('/v1/clinic').send({ slotMinutes: 30 }).expect(200);
    expect(ok.body.slotMinutes).toBe(30);
    const refused = await desk()
      .post('/v1/appointments')
      .send(doseBody(iv, on.id, 2, est('2027-03-12', '10:15')))
      .expect(422);
    expect(refused.body.errors.map((i: { code: string }) => i.code)).toContain('SLOT_GRID');
  });

  itOnPostgres(
    'a booking waits for a grid change in progress and is judged by the new grid',
    async () => {
      const e = await enrollPatient(iv);
      // The clinic row held as PATCH /v1/clinic holds it (FOR UPDATE), then changed.
      const change = t().dataSource.createQueryRunner();
      await change.connect();
      try {
        await change.startTransaction();
        await change.query(`SELECT id FROM clinic WHERE id = $1 FOR UPDATE`, [iv.clinic.id]);
        const booking = desk()
          .post('/v1/appointments')
          .send(doseBody(iv, e.id, 1, est('2027-03-08', '09:15')))
          .then((r) => r);
        for (let i = 0; i < 100 && !(await waitingOnALock()); i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await change.query(`UPDATE clinic SET slot_minutes = 30 WHERE id = $1`, [iv.clinic.id]);
        await change.commitTransaction();
        const res = await booking;
        expect(res.status).toBe(422);
        expect(res.body.errors.map((i: { code: string }) => i.code)).toEqual(['SLOT_GRID']);
      } finally {
        await change.release();
      }
    },
  );

  const waitingOnALock = async () =>
    (
      await t().dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
    )[0].n > 0;

  it('lists the first five sessions in the way and how many more', async () => {
    iv = await ivClinic(await t().createClinic({ slotMinutes: 20 }));
    const booked: string[] = [];
    for (let i = 0; i < 7; i++) {
      const e = await enrollPatient(iv);
      const day = [
        '2027-03-08',
        '2027-03-10',
        '2027-03-12',
        '2027-03-15',
        '2027-03-17',
        '2027-03-19',
        '2027-03-22',
      ][i];
      booked.push(
        (await post(desk(), '/v1/appointments', doseBody(iv, e.id, 1, est(day, '08:20')))).id,
      );
    }
    const res = await director().patch('/v1/clinic').send({ slotMinutes: 30 }).expect(409);
    expect(res.body.detail).toContain('from 20 to 30: 7 booked sessions to come');
    expect(res.body.detail).toContain('and 2 more');
    expect(res.body.detail).toContain('(a multiple of 60 minutes after local midnight)');
    expect(res.body.appointments.map((a: { id: string }) => a.id)).toEqual(booked);
  });
});
