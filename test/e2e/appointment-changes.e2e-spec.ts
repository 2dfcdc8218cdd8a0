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
import { expectProblem } from './support/catalog-resource.suite';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

/** Monday 2027-03-08 (EST, -05:00) and the days around it. */
const MON = '2027-03-08';
const at = (date: string, time: string) => `${date}T${time}:00-05:00`;

describe(`appointment changes and reads (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const book = (body: object, key?: string) => {
    const req = desk().post('/v1/appointments');
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const count = async (table: string) =>
    (await t().dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

  describe('front desk status changes', () => {
    it('cancel releases the time (another booking may take it); a second cancel is 409', async () => {
      const [a, b] = [await enrollPatient(iv), await enrollPatient(iv)];
      const booked = await book(doseBody(iv, a.id, 1, at(MON, '09:00'))).expect(201);
      const id = booked.body.id as string;
      expectProblem(
        await desk().post(`/v1/appointments/${id}/cancel`).send({}),
        400,
        '/reason',
        'REQUIRED',
      );
      const res = await desk()
        .post(`/v1/appointments/${id}/cancel`)
        .send({ reason: 'patient has flu' })
        .expect(200);
      expect(res.body).toMatchObject({
        status: 'cancelled',
        statusReason: 'patient has flu',
        version: 2,
        sequence: 1,
      });
      expect(res.headers.etag).toBe('"2"');
      expect(await count('resource_booking')).toBe(0);
      await book(doseBody(iv, b.id, 1, at(MON, '09:00'))).expect(201);
      await book(doseBody(iv, a.id, 1, at(MON, '11:15'))).expect(201); // the index is free again
      const again = await desk().post(`/v1/appointments/${id}/cancel`).send({ reason: 'twice' });
      expect([again.status, again.body.code]).toEqual([409, 'INVALID_STATUS_TRANSITION']);
      const audit = await iv.clinic.as('director').get('/v1/audit-log?limit=10').expect(200);
      const cancel = audit.body.items.find((i: { action: string }) => i.action === 'cancel');
      expect(cancel).toMatchObject({
        entityId: id,
        reason: 'patient has flu',
        actorKeyId: iv.clinic.keyIds.frontdesk,
        before: expect.objectContaining({ status: 'booked' }),
        after: expect.objectContaining({ status: 'cancelled' }),
      });
    });

    it('complete only once started; keeps the time held', async () => {
      const e = await enrollPatient(iv);
      const { body } = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const early = await desk()
        .post(`/v1/appointments/${body.id}/complete`)
        .send({ reason: 'done' });
      expect([early.status, early.body.code]).toEqual([409, 'APPOINTMENT_NOT_STARTED']);
      clock.set('2027-03-08T16:00:00Z');
      const done = await desk()
        .post(`/v1/appointments/${body.id}/complete`)
        .send({ reason: 'done' })
        .expect(200);
      expect(done.body).toMatchObject({ status: 'completed', version: 2, sequence: 1 });
      expect(await count('resource_booking')).toBe(5);
    });

    it('no-show marks it missed, releases the time, and the index may be booked again', async () => {
      const e = await enrollPatient(iv);
      const { body } = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      clock.set('2027-03-08T14:30:00Z');
      const res = await desk()
        .post(`/v1/appointments/${body.id}/no-show`)
        .send({ reason: 'did not come' })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'missed', statusReason: 'did not come' });
      expect(await count('resource_booking')).toBe(0);
      await book(doseBody(iv, e.id, 1, at('2027-03-10', '09:00'))).expect(201);
      const missed = await desk().get(`/v1/appointments?status=missed`).expect(200);
      expect(missed.body.items.map((a: { id: string }) => a.id)).toEqual([body.id]);
    });

    it('a booked room or person cannot be archived until the booking is cancelled', async () => {
      const e = await enrollPatient(iv);
      const { body } = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const director = iv.clinic.as('director');
      const room = await director.delete(`/v1/rooms/${iv.rooms.bay1}`);
      expect([room.status, room.body.code]).toEqual([409, 'IN_USE']);
      expect(room.body.detail).toContain(`appointment ${body.id} (dose 1,`);
      const nurse = await director.delete(`/v1/staff/${iv.staff.rnB}`);
      expect([nurse.status, nurse.body.code]).toEqual([409, 'IN_USE']);
      await desk()
        .post(`/v1/appointments/${body.id}/cancel`)
        .send({ reason: 'closing' })
        .expect(200);
      await director.delete(`/v1/rooms/${iv.rooms.bay1}`).expect(200);
      await director.delete(`/v1/staff/${iv.staff.rnB}`).expect(200);
    });

    it('an enrollment with appointments cannot be deleted (409 IN_USE naming them)', async () => {
      const e = await enrollPatient(iv);
      const first = (await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201)).body;
      const second = (await book(doseBody(iv, e.id, 2, at('2027-03-10', '09:00'))).expect(201))
        .body;
      await desk()
        .post(`/v1/appointments/${second.id}/cancel`)
        .send({ reason: 'moved away' })
        .expect(200);
      const before = (await desk().get(`/v1/enrollments/${e.id}`).expect(200)).body;
      const res = await desk().delete(`/v1/enrollments/${e.id}`);
      expect([res.status, res.body.code]).toEqual([409, 'IN_USE']);
      // Like every IN_USE answer: what still uses it, by id, even a cancelled appointment;
      // starts as every answer writes them, with the clinic's offset.
      expect(res.body.detail).toBe(
        `Enrollment ${e.id} is still used by ` +
          `appointment ${first.id} (dose 1, 2027-03-08T09:00:00-05:00, booked), ` +
          `appointment ${second.id} (dose 2, 2027-03-10T09:00:00-05:00, cancelled); nothing was changed. ` +
          'Withdraw it instead (PATCH status "withdrawn")',
      );
      expect((await desk().get(`/v1/enrollments/${e.id}`).expect(200)).body).toEqual(before);
    });
  });

  describe('Idempotency-Key', () => {
    it('a retry returns the first response and books nothing more', async () => {
      const e = await enrollPatient(iv);
      const body = doseBody(iv, e.id, 1, at(MON, '09:00'));
      const first = await book(body, 'key-1').expect(201);
      const retry = await book(body, 'key-1').expect(201);
      expect(retry.body).toEqual(first.body);
      expect(await count('appointment')).toBe(1);
      expect(await count(`audit_log WHERE entity_type = 'appointment'`)).toBe(1);
      const reused = await book({ ...body, start: at('2027-03-10', '09:00') }, 'key-1');
      expectProblem(reused, 422, '', 'IDEMPOTENCY_KEY_REUSED');
      expectProblem(
        await book(body, 'bad key'),
        400,
        '/Idempotency-Key',
        'INVALID_IDEMPOTENCY_KEY',
      );
      // Keys are per clinic: another clinic's same key is its own.
      const other = await ivClinic(await t().createClinic());
      const oe = await enrollPatient(other);
      await other.clinic
        .as('frontdesk')
        .post('/v1/appointments')
        .set('Idempotency-Key', 'key-1')
        .send(doseBody(other, oe.id, 1, at(MON, '09:00')))
        .expect(201);
    });

    it('a retried cancel returns the first answer, not a 409', async () => {
      const e = await enrollPatient(iv);
      const { body } = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const cancel = () =>
        desk()
          .post(`/v1/appointments/${body.id}/cancel`)
          .set('Idempotency-Key', 'c-1')
          .send({ reason: 'r' });
      const first = await cancel().expect(200);
      const retry = await cancel().expect(200);
      expect(retry.body).toEqual(first.body);
      const onAnother = await desk()
        .post(`/v1/appointments/${body.id}/no-show`)
        .set('Idempotency-Key', 'c-1')
        .send({ reason: 'r' });
      expect([onAnother.status, onAnother.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    });

    it('a refused request is not remembered: fixing the conflict and retrying books', async () => {
      const [a, b] = [await enrollPatient(iv), await enrollPatient(iv)];
      const blocker = await book(doseBody(iv, a.id, 1, at(MON, '09:00'))).expect(201);
      const body = doseBody(iv, b.id, 1, at(MON, '09:00'));
      expect((await book(body, 'k')).status).toBe(409);
      await desk()
        .post(`/v1/appointments/${blocker.body.id}/cancel`)
        .send({ reason: 'moved' })
        .expect(200);
      await book(body, 'k').expect(201);
    });
  });

  describe('reading', () => {
    it('lists with filters and pages in start order', async () => {
      const [a, b] = [await enrollPatient(iv), await enrollPatient(iv)];
      const cohort = await post(iv.clinic.as('director'), '/v1/cohorts', {
        name: 'C',
        startDate: '2027-03-01',
        endDate: '2027-04-30',
      });
      await desk()
        .post(`/v1/cohorts/${cohort.id}/members`)
        .send({ enrollmentId: b.id })
        .expect(200);
      const a1 = (await book(doseBody(iv, a.id, 1, at(MON, '09:00'))).expect(201)).body;
      const b0 = (await book(intakeBody(iv, b.id, at('2027-03-05', '09:00'))).expect(201)).body;
      const a2 = (await book(doseBody(iv, a.id, 2, at('2027-03-10', '09:00'))).expect(201)).body;
      const ids = async (query: string) =>
        (await desk().get(`/v1/appointments?${query}`).expect(200)).body.items.map(
          (x: { id: string }) => x.id,
        );
      expect(await ids('')).toEqual([b0.id, a1.id, a2.id]);
      expect(await ids(`patientId=${a.patientId}`)).toEqual([a1.id, a2.id]);
      expect(await ids(`enrollmentId=${b.id}`)).toEqual([b0.id]);
      expect(await ids(`cohortId=${cohort.id}`)).toEqual([b0.id]);
      expect(await ids(`roomId=${iv.rooms.bay1}`)).toEqual([a1.id, a2.id]);
      expect(await ids(`staffId=${iv.staff.rnB}`)).toEqual([a1.id, a2.id]);
      expect(
        await ids(
          `from=${encodeURIComponent(at(MON, '10:00'))}&to=${encodeURIComponent(at('2027-03-10', '09:00'))}`,
        ),
      ).toEqual([a1.id]);
      expect(await ids('status=cancelled')).toEqual([]);
      const page1 = await desk().get('/v1/appointments?limit=2').expect(200);
      expect(page1.body.items).toHaveLength(2);
      const page2 = await desk()
        .get(`/v1/appointments?limit=2&cursor=${page1.body.nextCursor}`)
        .expect(200);
      expect(page2.body).toMatchObject({
        items: [expect.objectContaining({ id: a2.id })],
        nextCursor: null,
      });
      expectProblem(
        await desk().get('/v1/appointments?from=2027-03-08'),
        400,
        '/from',
        'INVALID_INSTANT',
      );
      expectProblem(
        await desk().get(
          `/v1/appointments?from=${encodeURIComponent(at(MON, '10:00'))}&to=${encodeURIComponent(at(MON, '09:00'))}`,
        ),
        400,
        '/to',
        'END_NOT_AFTER_START',
      );
    });

    it('roles: clinicians read only their own appointments and never write', async () => {
      const [a, b] = [await enrollPatient(iv), await enrollPatient(iv)];
      const dose = (await book(doseBody(iv, a.id, 1, at(MON, '09:00'))).expect(201)).body;
      const intake = (await book({ ...intakeBody(iv, b.id, at(MON, '11:00')) }).expect(201)).body;
      const director = iv.clinic.as('director');
      const rnKey = await post(director, '/v1/api-keys', {
        name: 'rn',
        role: 'clinician',
        staffId: iv.staff.rnB,
      });
      const rn = t().http;
      const asRn = (url: string) => rn.get(url).set('Authorization', `Bearer ${rnKey.secret}`);
      const list = await asRn('/v1/appointments').expect(200);
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([dose.id]);
      await asRn(`/v1/appointments/${dose.id}`).expect(200);
      await asRn(`/v1/appointments/${intake.id}`).expect(404);
      await asRn(`/v1/appointments?staffId=${iv.staff.drA}`).expect(403);
      await iv.clinic.as('clinician').get('/v1/appointments').expect(403); // not linked to anyone
      await rn
        .post('/v1/appointments')
        .set('Authorization', `Bearer ${rnKey.secret}`)
        .send(doseBody(iv, a.id, 2, at('2027-03-10', '09:00')))
        .expect(403);
      await rn
        .post(`/v1/appointments/${dose.id}/cancel`)
        .set('Authorization', `Bearer ${rnKey.secret}`)
        .send({ reason: 'x' })
        .expect(403);
    });

    it('tenant isolation: another clinic sees nothing and changes nothing', async () => {
      const e = await enrollPatient(iv);
      const { body } = await book(doseBody(iv, e.id, 1, at(MON, '09:00'))).expect(201);
      const other = await ivClinic(await t().createClinic());
      const them = other.clinic.as('frontdesk');
      await them.get(`/v1/appointments/${body.id}`).expect(404);
      await them.post(`/v1/appointments/${body.id}/cancel`).send({ reason: 'x' }).expect(404);
      expect((await them.get('/v1/appointments').expect(200)).body.items).toEqual([]);
      expectProblem(
        await them
          .post('/v1/appointments')
          .send(doseBody(other, e.id, 2, at('2027-03-10', '09:00'))),
        422,
        '/enrollmentId',
        'UNKNOWN_REFERENCE',
      );
      const oe = await enrollPatient(other);
      expectProblem(
        await them
          .post('/v1/appointments')
          .send({ ...doseBody(other, oe.id, 1, at(MON, '09:00')), roomId: iv.rooms.bay1 }),
        422,
        '/roomId',
        'UNKNOWN_REFERENCE',
      );
      expect((await desk().get(`/v1/appointments/${body.id}`).expect(200)).body.status).toBe(
        'booked',
      );
    });
  });
});
