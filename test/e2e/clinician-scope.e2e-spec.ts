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
const at = (date: string, time: string) => `${date}T${time}:00-05:00`;
const UNLINKED =
  'This clinician key is not linked to a staff member, so it has no appointments to read';

/**
 * Minimum necessary: a clinician key reads the patients, enrollments and cohort members of
 * the sessions its staff member is or was assigned to, as it reads only those appointments.
 */
describe(`clinician keys read only their own patients (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;
  /** a: a dose (Dr. A and RN B); b: an intake (Dr. A only); c: nothing booked. */
  let a: { id: string; patientId: string };
  let b: { id: string; patientId: string };
  let c: { id: string; patientId: string };
  let asRn: (url: string) => ReturnType<ReturnType<typeof t>['http']['get']>;
  let asDr: (url: string) => ReturnType<ReturnType<typeof t>['http']['get']>;

  const keyFor = async (staffId: string) => {
    const key = await post(iv.clinic.as('director'), '/v1/api-keys', {
      name: `clinician ${staffId.slice(0, 8)}`,
      role: 'clinician',
      staffId,
    });
    return (url: string) => t().http.get(url).set('Authorization', `Bearer ${key.secret}`);
  };
  const ids = (res: { body: { items: { id: string }[] } }) =>
    res.body.items.map((x) => x.id).sort();
  const sorted = (...xs: string[]) => [...xs].sort();

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
    [a, b, c] = [await enrollPatient(iv), await enrollPatient(iv), await enrollPatient(iv)];
    const desk = iv.clinic.as('frontdesk');
    await desk.post('/v1/appointments').send(doseBody(iv, a.id, 1, at('2027-03-08', '09:00')));
    await desk.post('/v1/appointments').send(intakeBody(iv, b.id, at('2027-03-08', '13:00')));
    asRn = await keyFor(iv.staff.rnB);
    asDr = await keyFor(iv.staff.drA);
  });

  it('an unlinked clinician key is refused patients, enrollments and cohorts like appointments', async () => {
    const unlinked = iv.clinic.as('clinician');
    const appointments = await unlinked.get('/v1/appointments').expect(403);
    for (const url of [
      '/v1/patients?limit=200',
      `/v1/patients/${a.patientId}`,
      '/v1/enrollments',
      `/v1/enrollments/${a.id}`,
      '/v1/cohorts',
    ]) {
      const res = await unlinked.get(url).expect(403);
      expect(res.body).toMatchObject({ code: appointments.body.code, detail: UNLINKED });
      expect(JSON.stringify(res.body)).not.toContain('Test Patient');
    }
  });

  it('a linked clinician lists only the patients and enrollments of their own sessions', async () => {
    expect(ids(await asRn('/v1/patients?limit=200').expect(200))).toEqual([a.patientId]);
    expect(ids(await asRn('/v1/enrollments').expect(200))).toEqual([a.id]);
    expect(ids(await asDr('/v1/patients?limit=200').expect(200))).toEqual(
      sorted(a.patientId, b.patientId),
    );
    expect(ids(await asDr('/v1/enrollments?limit=200').expect(200))).toEqual(sorted(a.id, b.id));
    // Filters narrow the scope, never widen it.
    expect(ids(await asRn(`/v1/enrollments?patientId=${b.patientId}`).expect(200))).toEqual([]);
    // A present (cover) assignment counts as an occupied one does, as for appointments.
    await t().dataSource.query(
      `UPDATE appointment_staff SET mode = 'present' WHERE staff_id = $1`,
      [iv.staff.rnB],
    );
    expect(ids(await asRn('/v1/appointments').expect(200))).toHaveLength(1);
    expect(ids(await asRn('/v1/patients').expect(200))).toEqual([a.patientId]);
    // The front desk still reads everyone.
    const desk = iv.clinic.as('frontdesk');
    expect(ids(await desk.get('/v1/patients?limit=200').expect(200))).toEqual(
      sorted(a.patientId, b.patientId, c.patientId),
    );
  });

  it('one patient or enrollment outside the scope is 404, as another staff member’s appointment is', async () => {
    await asRn(`/v1/patients/${a.patientId}`).expect(200);
    await asRn(`/v1/enrollments/${a.id}`).expect(200);
    for (const url of [
      `/v1/patients/${b.patientId}`,
      `/v1/patients/${c.patientId}`,
      `/v1/enrollments/${b.id}`,
      `/v1/enrollments/${c.id}`,
    ]) {
      const res = await asRn(url).expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      expect(JSON.stringify(res.body)).not.toContain('Test Patient');
    }
    const missing = '00000000-0000-4000-8000-000000000000';
    const [p, e] = [
      await asRn(`/v1/patients/${missing}`).expect(404),
      await asRn(`/v1/enrollments/${missing}`).expect(404),
    ];
    const b404 = await asRn(`/v1/patients/${b.patientId}`);
    expect(b404.body.detail).toBe(p.body.detail.replace(missing, b.patientId));
    const e404 = await asRn(`/v1/enrollments/${b.id}`);
    expect(e404.body.detail).toBe(e.body.detail.replace(missing, b.id));
  });

  it('a cancelled session still counts (they had it); cohort members are scoped the same way', async () => {
    const desk = iv.clinic.as('frontdesk');
    const intake = (
      await desk
        .post('/v1/appointments')
        .send(intakeBody(iv, c.id, at('2027-03-09', '13:00')))
        .expect(201)
    ).body;
    await desk.post(`/v1/appointments/${intake.id}/cancel`).send({ reason: 'x' }).expect(200);
    expect(ids(await asDr('/v1/patients?limit=200').expect(200))).toEqual(
      sorted(a.patientId, b.patientId, c.patientId),
    );
    await asDr(`/v1/enrollments/${c.id}`).expect(200);

    const cohort = await post(iv.clinic.as('director'), '/v1/cohorts', {
      name: 'March retreat',
      startDate: '2027-03-01',
      endDate: '2027-04-30',
    });
    for (const e of [a, b, c]) {
      await desk.post(`/v1/cohorts/${cohort.id}/members`).send({ enrollmentId: e.id }).expect(200);
    }
    const one = (await asRn(`/v1/cohorts/${cohort.id}`).expect(200)).body;
    expect(one.enrollmentIds).toEqual([a.id]);
    const listed = (await asRn('/v1/cohorts').expect(200)).body.items;
    expect(listed.find((x: { id: string }) => x.id === cohort.id).enrollmentIds).toEqual([a.id]);
    const all = (await desk.get(`/v1/cohorts/${cohort.id}`).expect(200)).body.enrollmentIds;
    expect([...all].sort()).toEqual(sorted(a.id, b.id, c.id));
  });
});
