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

/** Patient-side changes: the enrollment's window and unavailability, withdrawal, archiving. */
describe(`affected appointments, patient side (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const book = (body: object) => post(desk(), '/v1/appointments', body);
  const ids = (body: { affectedAppointments: { id: string }[] }) =>
    body.affectedAppointments.map((a) => a.id);

  /** An enrollment with intake Friday 03-05 09:00 and dose 1 Monday 03-08 09:00. */
  async function booked() {
    const e = await enrollPatient(iv);
    const intake = await book(intakeBody(iv, e.id, est('2027-03-05', '09:00')));
    const dose = await book(doseBody(iv, e.id, 1, est('2027-03-08', '09:00')));
    return { ...e, intake, dose };
  }

  it('new unavailability over a booked session: 200, saved, listed with why and the repair', async () => {
    const p = await booked();
    const over = { start: '2027-03-08T10:00', end: '2027-03-08T12:00' };
    const res = await desk()
      .patch(`/v1/enrollments/${p.id}`)
      .send({ unavailable: [over] })
      .expect(200);
    expect(res.body.unavailable).toEqual([over]);
    expect(ids(res.body)).toEqual([p.dose.id]);
    expect(res.body.affectedAppointments[0].why).toEqual([
      {
        code: 'PATIENT_UNAVAILABLE',
        resource: 'enrollment',
        resourceId: p.id,
        message:
          'the patient is unavailable 2027-03-08T10:00–2027-03-08T12:00, over dose 1 (2027-03-08 09:00–11:00)',
      },
    ]);
    expect(res.body.repair).toEqual({
      method: 'POST',
      path: '/v1/plan-runs',
      body: { enrollmentIds: [p.id], repair: true },
    });
    expect(res.body.repairs).toEqual([res.body.repair]);
    expect(res.body.cancelledAppointments).toEqual([]);
    // The worklist has it at any time; the session stays booked until re-planned.
    const list = await desk().get(`/v1/affected-appointments?enrollmentId=${p.id}`).expect(200);
    expect(list.body).toEqual({
      affectedAppointments: res.body.affectedAppointments,
      repair: res.body.repair,
      repairs: res.body.repairs,
    });
    expect((await desk().get(`/v1/appointments/${p.dose.id}`).expect(200)).body.status).toBe(
      'booked',
    );
    // The audit row holds the enrollment only.
    const audit = await iv.clinic.as('director').get('/v1/audit-log?limit=1').expect(200);
    expect(audit.body.items[0].after.affectedAppointments).toBeUndefined();

    // An earlier latestEnd over the dose; the same reason again adds nothing new.
    const shorter = await desk()
      .patch(`/v1/enrollments/${p.id}`)
      .send({ latestEnd: '2027-03-07' })
      .expect(200);
    expect(ids(shorter.body)).toEqual([p.dose.id]);
    expect(shorter.body.affectedAppointments[0].why.map((w: { code: string }) => w.code)).toEqual([
      'OUTSIDE_PATIENT_WINDOW',
      'PATIENT_UNAVAILABLE',
    ]);
    const wider = await desk()
      .patch(`/v1/enrollments/${p.id}`)
      .send({ unavailable: [over, { start: '2027-03-20T00:00', end: '2027-03-21T00:00' }] })
      .expect(200);
    expect(wider.body).toMatchObject({ affectedAppointments: [], repair: null });
    // Lifting both empties the list.
    await desk()
      .patch(`/v1/enrollments/${p.id}`)
      .send({ unavailable: [], latestEnd: '2027-04-30' })
      .expect(200);
    const empty = await desk().get(`/v1/affected-appointments?enrollmentId=${p.id}`).expect(200);
    expect(empty.body).toEqual({ affectedAppointments: [], repair: null, repairs: [] });
  });

  it('withdrawing cancels the sessions not started, frees their staff and room, and lists them', async () => {
    const p = await booked();
    const res = await desk()
      .patch(`/v1/enrollments/${p.id}`)
      .send({ status: 'withdrawn' })
      .expect(200);
    expect(res.body.status).toBe('withdrawn');
    expect(res.body.cancelledAppointments).toEqual([
      {
        id: p.intake.id,
        series: 'intake',
        index: 1,
        start: '2027-03-05T09:00:00-05:00',
        end: '2027-03-05T10:00:00-05:00',
      },
      {
        id: p.dose.id,
        series: 'dose',
        index: 1,
        start: '2027-03-08T09:00:00-05:00',
        end: '2027-03-08T11:00:00-05:00',
      },
    ]);
    expect(res.body).toMatchObject({ affectedAppointments: [], repair: null });
    const dose = await desk().get(`/v1/appointments/${p.dose.id}`).expect(200);
    expect(dose.body).toMatchObject({ status: 'cancelled', statusReason: 'enrollment withdrawn' });
    const audit = await iv.clinic.as('director').get('/v1/audit-log?limit=3').expect(200);
    expect(audit.body.items.map((i: { action: string; entityType: string }) => i.action)).toEqual([
      'cancel',
      'cancel',
      'update',
    ]);
    // Nothing is left on the worklist, and another patient takes the same nurse, bay and time.
    const list = await desk().get(`/v1/affected-appointments?enrollmentId=${p.id}`).expect(200);
    expect(list.body.affectedAppointments).toEqual([]);
    const other = await enrollPatient(iv);
    await book(intakeBody(iv, other.id, est('2027-03-05', '09:00')));
    await book(doseBody(iv, other.id, 1, est('2027-03-08', '09:00')));
  });

  it('a session under way stays booked on withdrawal; archiving the patient is refused until it is resolved', async () => {
    const p = await booked();
    clock.set('2027-03-05T14:30:00Z'); // the intake (14:00–15:00Z) is under way
    const res = await desk()
      .patch(`/v1/enrollments/${p.id}`)
      .send({ status: 'withdrawn' })
      .expect(200);
    expect(res.body.cancelledAppointments.map((a: { id: string }) => a.id)).toEqual([p.dose.id]);
    const refused = await desk().delete(`/v1/patients/${p.patientId}`).expect(409);
    expect(refused.body.code).toBe('IN_USE');
    expect(refused.body.detail).toContain(`1 booked session: intake 1`);
    expect(refused.body.detail).toContain(p.intake.id);
    const patient = await desk().get(`/v1/patients/${p.patientId}`).expect(200);
    expect(patient.body.archivedAt).toBeNull();
    await desk()
      .post(`/v1/appointments/${p.intake.id}/complete`)
      .send({ reason: 'seen' })
      .expect(200);
    await desk().delete(`/v1/patients/${p.patientId}`).expect(200);
  });
});
