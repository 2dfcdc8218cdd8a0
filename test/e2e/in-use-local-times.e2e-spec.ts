import { CLOCK } from '../../src/services/clock';
import { doseBody, enrollPatient, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

/** Monday 2027-03-15 09:00 in New York: daylight time since the 14th (13:00Z). */
const START = '2027-03-15T09:00:00-04:00';
const END = '2027-03-15T11:00:00-04:00';
/** An instant printed in UTC (`…Z`), as these answers used to. */
const UTC_INSTANT = /\d{2}:\d{2}:\d{2}(\.\d+)?Z/;

jest.setTimeout(120_000);

/**
 * The answers that refuse a change because booked sessions use the record name each session's
 * start as every other answer does: with the clinic's offset, not in UTC.
 */
describe(`sessions named in refusals, in the clinic's time (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const director = () => iv.clinic.as('director');

  it('409 IN_USE for a room, a person, an enrollment and a patient names the start with -04:00', async () => {
    const e = await enrollPatient(iv);
    const dose = await post(desk(), '/v1/appointments', doseBody(iv, e.id, 1, START));
    expect([dose.start, dose.end]).toEqual([START, END]);

    const room = await director().delete(`/v1/rooms/${iv.rooms.bay1}`).expect(409);
    expect(room.body.code).toBe('IN_USE');
    expect(room.body.detail).toBe(
      `Room "Bay 1" is still used by appointment ${dose.id} (dose 1, ${START}); nothing was changed`,
    );
    const nurse = await director().delete(`/v1/staff/${iv.staff.rnB}`).expect(409);
    expect(nurse.body.code).toBe('IN_USE');
    expect(nurse.body.detail).toContain(`appointment ${dose.id} (dose 1, ${START})`);
    const enrollment = await desk().delete(`/v1/enrollments/${e.id}`).expect(409);
    expect(enrollment.body.code).toBe('IN_USE');
    expect(enrollment.body.detail).toContain(`appointment ${dose.id} (dose 1, ${START}, booked)`);

    // Under way, the session stays booked when the enrollment is withdrawn: the patient keeps it.
    clock.set('2027-03-15T13:30:00Z');
    await desk().patch(`/v1/enrollments/${e.id}`).send({ status: 'withdrawn' }).expect(200);
    const patient = await desk().delete(`/v1/patients/${e.patientId}`).expect(409);
    expect(patient.body.code).toBe('IN_USE');
    expect(patient.body.detail).toContain(
      `1 booked session: dose 1 ${START} (appointment ${dose.id})`,
    );

    for (const res of [room, nurse, enrollment, patient]) {
      expect(res.body.detail).not.toMatch(UTC_INSTANT);
    }
  });

  it('409 SESSION_TYPE_BOOKED names the sessions and lists them with -04:00', async () => {
    const e = await enrollPatient(iv);
    const dose = await post(desk(), '/v1/appointments', doseBody(iv, e.id, 1, START));
    const types = await director().get('/v1/session-types').expect(200);
    const typeId = (types.body.items as { id: string; code: string }[]).find(
      (i) => i.code === 'ketamine-iv',
    )!.id;
    const res = await director()
      .patch(`/v1/session-types/${typeId}`)
      .send({ durationMinutes: 150 })
      .expect(409);
    expect(res.body.code).toBe('SESSION_TYPE_BOOKED');
    expect(res.body.detail).toContain(`1 booked session: dose 1 ${START} (appointment ${dose.id})`);
    expect(res.body.detail).not.toMatch(UTC_INSTANT);
    expect(res.body.appointments).toEqual([
      expect.objectContaining({ id: dose.id, start: START, end: END }),
    ]);
  });
});
