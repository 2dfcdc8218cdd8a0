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

/** Monday 2027-03-08 is EST (-05:00); Monday 2027-03-15 is EDT (-04:00), after the change. */
const est = (date: string, time: string) => `${date}T${time}:00-05:00`;
const edt = (date: string, time: string) => `${date}T${time}:00-04:00`;
const WEEKDAYS = { rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' };

describe(`affected appointments (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const director = () => iv.clinic.as('director');
  const book = async (body: object) => post(desk(), '/v1/appointments', body);
  const ids = (body: { affectedAppointments: { id: string }[] }) =>
    body.affectedAppointments.map((a) => a.id);
  const whyCodes = (body: { affectedAppointments: { why: { code: string }[] }[] }) =>
    body.affectedAppointments.map((a) => a.why.map((w) => w.code));

  /** A patient with intake on Friday 03-05 and dose 1 on Monday 03-08, both at `time`. */
  async function bookedPatient(initials = 'EK', externalRef = 'MRN-1', time = '09:00') {
    const patient = await post(desk(), '/v1/patients', {
      displayName: `Patient ${initials}`,
      initials,
      externalRef,
    });
    const e = await post(desk(), '/v1/enrollments', {
      patientId: patient.id,
      protocolId: iv.protocolId,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-04-30',
    });
    const intake = await book(intakeBody(iv, e.id, est('2027-03-05', time)));
    const dose = await book(doseBody(iv, e.id, 1, est('2027-03-08', time)));
    return { enrollmentId: e.id, patientId: patient.id, intake, dose };
  }

  it('staff time off over a booked session: 200, saved, listed with why and the repair request', async () => {
    const p = await bookedPatient();
    const res = await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({ timeOff: [{ start: '2027-03-08T00:00', end: '2027-03-09T00:00' }] })
      .expect(200);
    expect(res.body.timeOff).toEqual([{ start: '2027-03-08T00:00', end: '2027-03-09T00:00' }]);
    expect(res.body.affectedAppointments).toEqual([
      {
        id: p.dose.id,
        enrollmentId: p.enrollmentId,
        start: '2027-03-08T09:00:00-05:00',
        end: '2027-03-08T11:00:00-05:00',
        patient: {
          id: p.patientId,
          initials: 'EK',
          externalRef: 'MRN-1',
          displayName: 'Patient EK',
        },
        series: 'dose',
        index: 1,
        sessionType: { id: expect.any(String), code: 'ketamine-iv', name: 'IV ketamine' },
        roomId: iv.rooms.bay1,
        staffIds: [iv.staff.drA, iv.staff.rnB],
        why: [
          {
            code: 'STAFF_TIME_OFF',
            resource: 'staff',
            resourceId: iv.staff.rnB,
            message: expect.stringContaining(
              'RN B is on time off 2027-03-08T00:00–2027-03-09T00:00',
            ),
          },
        ],
      },
    ]);
    expect(res.body.repair).toEqual({
      method: 'POST',
      path: '/v1/plan-runs',
      body: { enrollmentIds: [p.enrollmentId], repair: true },
    });
    expect(res.body.repairs).toEqual([res.body.repair]);
    // Nothing is cancelled: the session stays booked until someone re-plans it.
    const still = await desk().get(`/v1/appointments/${p.dose.id}`).expect(200);
    expect(still.body.status).toBe('booked');
    // The record reads back without the list; the audit row holds the record only.
    const read = await desk().get(`/v1/staff/${iv.staff.rnB}`).expect(200);
    expect(read.body.affectedAppointments).toBeUndefined();
    const audit = await director().get('/v1/audit-log?limit=1').expect(200);
    expect(audit.body.items[0].after.affectedAppointments).toBeUndefined();

    // The front desk's list shows it at any time, filtered by person or not.
    const list = await desk().get('/v1/affected-appointments').expect(200);
    expect(list.body).toEqual({
      affectedAppointments: res.body.affectedAppointments,
      repair: res.body.repair,
      repairs: res.body.repairs,
    });
    const byPerson = await desk()
      .get(`/v1/affected-appointments?staffId=${iv.staff.rnB}`)
      .expect(200);
    expect(ids(byPerson.body)).toEqual([p.dose.id]);
    const byRoom = await desk()
      .get(`/v1/affected-appointments?roomId=${iv.rooms.room1}`)
      .expect(200);
    expect(byRoom.body).toEqual({ affectedAppointments: [], repair: null, repairs: [] });
  });

  it('a change that touches no booking lists nothing; one that adds nothing new lists nothing', async () => {
    const p = await bookedPatient();
    const elsewhere = await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ timeOff: [{ start: '2027-03-09T00:00', end: '2027-03-10T00:00' }] })
      .expect(200);
    expect(elsewhere.body).toMatchObject({ affectedAppointments: [], repair: null });
    const renamed = await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ name: 'Dr. Amara' })
      .expect(200);
    expect(renamed.body.affectedAppointments).toEqual([]);

    const first = await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ timeOff: [{ start: '2027-03-08T08:00', end: '2027-03-08T12:00' }] })
      .expect(200);
    expect(ids(first.body)).toEqual([p.dose.id]);
    // A longer period over the same session: already affected, so the change adds nothing.
    const again = await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ timeOff: [{ start: '2027-03-08T00:00', end: '2027-03-09T00:00' }] })
      .expect(200);
    expect(again.body.affectedAppointments).toEqual([]);
    // The list still has it, now naming the new period.
    const list = await desk().get('/v1/affected-appointments').expect(200);
    expect(list.body.affectedAppointments[0].why[0].message).toContain(
      '2027-03-08T00:00–2027-03-09T00:00',
    );
    // Lifting the time off empties the list.
    await director().patch(`/v1/staff/${iv.staff.drA}`).send({ timeOff: [] }).expect(200);
    expect(
      (await desk().get('/v1/affected-appointments').expect(200)).body.affectedAppointments,
    ).toEqual([]);
  });

  it('reduced weekly hours and a removed role list the sessions outside them', async () => {
    const p = await bookedPatient();
    // Dr. A keeps Mondays 08:00–09:30: the intake (Friday) is outside; dose 1 (09:00–09:45) too.
    const res = await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '08:00', end: '09:30' }] })
      .expect(200);
    expect(ids(res.body)).toEqual([p.intake.id, p.dose.id]);
    expect(whyCodes(res.body)).toEqual([['STAFF_UNAVAILABLE'], ['STAFF_UNAVAILABLE']]);
    // Hours that still cover the dose's 45 minutes leave only the intake.
    await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ availability: [WEEKDAYS] })
      .expect(200);
    const mondays = await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '09:00', end: '09:45' }] })
      .expect(200);
    expect(ids(mondays.body)).toEqual([p.intake.id]);
    const role = await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({ roles: ['emdr-therapist'] })
      .expect(200);
    expect(ids(role.body)).toEqual([p.dose.id]);
    expect(whyCodes(role.body)).toEqual([['STAFF_ROLE']]);
  });

  it('expands recurring hours as wall-clock time across the DST change', async () => {
    const a = await enrollPatient(iv);
    const b = await enrollPatient(iv);
    // 08:00 local on both Mondays: 13:00Z before the change, 12:00Z after it.
    const before = await book(doseBody(iv, a.id, 1, est('2027-03-08', '08:00')));
    const after = await book(doseBody(iv, b.id, 1, edt('2027-03-15', '08:00')));
    // RN B works the whole dose (120 min): Mondays 08:00–10:00 fit both exactly.
    const exact = await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({ availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '08:00', end: '10:00' }] })
      .expect(200);
    expect(exact.body.affectedAppointments).toEqual([]);
    // From the 9th on (DTSTART after the first Monday), only the EST one loses its hours.
    const from = await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({
        availability: [
          { rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '08:00', end: '10:00', from: '2027-03-09' },
        ],
      })
      .expect(200);
    expect(ids(from.body)).toEqual([before.id]);
    await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({ availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '08:00', end: '10:00' }] })
      .expect(200);
    // Starting 08:15 local cuts into both.
    const late = await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({ availability: [{ rrule: 'FREQ=WEEKLY;BYDAY=MO', start: '08:15', end: '17:00' }] })
      .expect(200);
    expect(ids(late.body)).toEqual([before.id, after.id]);
    expect(late.body.affectedAppointments[1].start).toBe('2027-03-15T08:00:00-04:00');
  });

  it('room time off and closed hours list the sessions in the room (turnover included)', async () => {
    const p = await bookedPatient();
    // The dose holds Bay 1 until 11:15 (15 min turnover).
    const turnover = await director()
      .patch(`/v1/rooms/${iv.rooms.bay1}`)
      .send({ timeOff: [{ start: '2027-03-08T11:10', end: '2027-03-08T13:00' }] })
      .expect(200);
    expect(ids(turnover.body)).toEqual([p.dose.id]);
    expect(turnover.body.affectedAppointments[0].why).toEqual([
      expect.objectContaining({
        code: 'ROOM_TIME_OFF',
        resource: 'room',
        resourceId: iv.rooms.bay1,
      }),
    ]);
    expect(turnover.body.repair.body.enrollmentIds).toEqual([p.enrollmentId]);
    const closed = await director()
      .patch(`/v1/rooms/${iv.rooms.room1}`)
      .send({ availability: [] })
      .expect(200);
    expect(ids(closed.body)).toEqual([p.intake.id]);
    expect(whyCodes(closed.body)).toEqual([['ROOM_UNAVAILABLE']]);
  });

  it('a new clinic closure lists every session that day, one repair request per enrollment', async () => {
    const p = await bookedPatient('EK', 'MRN-1');
    const q = await bookedPatient('JD', 'MRN-2', '12:00');
    const res = await director()
      .patch('/v1/clinic')
      .send({ closures: ['2027-03-08', '2027-12-24'] })
      .expect(200);
    expect(res.body.closures).toEqual(['2027-03-08', '2027-12-24']);
    expect(new Set(ids(res.body))).toEqual(new Set([p.dose.id, q.dose.id]));
    expect(whyCodes(res.body)).toEqual([['CLOSURE'], ['CLOSURE']]);
    const byId = [p.enrollmentId, q.enrollmentId].sort();
    expect(res.body.repairs.map((r: { body: object }) => r.body)).toEqual(
      byId.map((id) => ({ enrollmentIds: [id], repair: true })),
    );
    expect(res.body.repair).toEqual(res.body.repairs[0]);
    // Keeping that closure and adding one on a free day lists nothing new.
    const more = await director()
      .patch('/v1/clinic')
      .send({ closures: ['2027-03-08', '2027-03-09', '2027-12-24'] })
      .expect(200);
    expect(more.body).toMatchObject({ affectedAppointments: [], repair: null, repairs: [] });
  });

  it('staff time off over two patients: every suggested repair request is accepted as given', async () => {
    const p = await bookedPatient('EK', 'MRN-1');
    const q = await bookedPatient('JD', 'MRN-2', '12:00');
    const res = await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({ timeOff: [{ start: '2027-03-08T00:00', end: '2027-03-09T00:00' }] })
      .expect(200);
    expect(new Set(ids(res.body))).toEqual(new Set([p.dose.id, q.dose.id]));
    const repairs = res.body.repairs as { method: string; path: string; body: object }[];
    expect(repairs.map((r) => r.body)).toEqual(
      [p.enrollmentId, q.enrollmentId].sort().map((id) => ({ enrollmentIds: [id], repair: true })),
    );
    // The worklist suggests the same requests; the old single field is the first of them.
    const list = await desk().get('/v1/affected-appointments').expect(200);
    expect(list.body.repairs).toEqual(repairs);
    expect(list.body.repair).toEqual(repairs[0]);
    for (const r of repairs) {
      expect(r.method).toBe('POST');
      const run = await desk().post(r.path).send(r.body);
      expect([run.status, run.body.errors]).toEqual([202, undefined]);
    }
  });

  it('leaves out sessions that are over, cancelled or outside the asked window', async () => {
    const p = await bookedPatient();
    await desk()
      .post(`/v1/appointments/${p.intake.id}/cancel`)
      .send({ reason: 'moved' })
      .expect(200);
    clock.set('2027-03-08T17:00:00Z'); // dose 1 ended at 16:00Z
    const res = await director()
      .patch(`/v1/staff/${iv.staff.drA}`)
      .send({ timeOff: [{ start: '2027-03-01T00:00', end: '2027-03-31T00:00' }] })
      .expect(200);
    expect(res.body.affectedAppointments).toEqual([]);
    const past = await desk()
      .get('/v1/affected-appointments?from=2027-03-08T00:00:00-05:00&to=2027-03-09T00:00:00-05:00')
      .expect(200);
    expect(ids(past.body)).toEqual([p.dose.id]);
    const later = await desk()
      .get('/v1/affected-appointments?from=2027-03-09T00:00:00-05:00')
      .expect(200);
    expect(later.body.affectedAppointments).toEqual([]);
  });

  it('roles and input: clinicians are refused, bad queries are 400, another clinic sees nothing', async () => {
    await bookedPatient();
    await director()
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({ timeOff: [{ start: '2027-03-08T00:00', end: '2027-03-09T00:00' }] })
      .expect(200);
    await iv.clinic.as('clinician').get('/v1/affected-appointments').expect(403);
    await desk().patch(`/v1/staff/${iv.staff.rnB}`).send({ timeOff: [] }).expect(403);
    expect(
      (await director().get('/v1/affected-appointments').expect(200)).body.affectedAppointments,
    ).toHaveLength(1);
    const bad = await desk().get('/v1/affected-appointments?from=yesterday&staffId=x').expect(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/from',
      '/staffId',
    ]);
    const other = await t().createClinic();
    const theirs = await other.as('frontdesk').get('/v1/affected-appointments').expect(200);
    expect(theirs.body).toEqual({ affectedAppointments: [], repair: null, repairs: [] });
  });
});
