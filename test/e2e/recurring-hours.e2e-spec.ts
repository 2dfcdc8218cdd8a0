import { CLOCK } from '../../src/services/clock';
import { doseBody, enrollPatient, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import { expectProblem } from './support/catalog-resource.suite';

const clock = new TestClock(new Date('2027-05-01T12:00:00Z'));
const edt = (date: string, time: string) => `${date}T${time}:00-04:00`;

/**
 * "Every other Monday" without `from` counts from Monday 2001-01-01 (RULE_EPOCH), for every
 * patient: 2027-05-03, 05-17 and 05-31 are on, 05-10 and 05-24 off, whichever enrollment (and
 * so whichever horizon) the booking is checked in.
 */
describe(`recurring hours with INTERVAL (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-05-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
    await iv.clinic
      .as('director')
      .patch(`/v1/staff/${iv.staff.rnB}`)
      .send({
        availability: [{ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', start: '08:00', end: '20:00' }],
      })
      .expect(200);
  });

  const desk = () => iv.clinic.as('frontdesk');
  const book = (body: object) => desk().post('/v1/appointments').send(body);

  it('every enrollment sees the nurse on the same Mondays', async () => {
    const a = await enrollPatient(iv, { earliestStart: '2027-05-03', latestEnd: '2027-06-30' });
    const b = await enrollPatient(iv, { earliestStart: '2027-05-10', latestEnd: '2027-06-30' });

    // Monday 05-24 is an off week for both.
    for (const e of [a, b]) {
      const off = await book(doseBody(iv, e.id, 1, edt('2027-05-24', '09:00')));
      expectProblem(off, 422, '/staff/1/staffId', 'STAFF_UNAVAILABLE');
    }
    // Monday 05-17 is a working week for both (B's was refused when its horizon set the weeks).
    const doseA = await book(doseBody(iv, a.id, 1, edt('2027-05-17', '09:00')));
    expect(doseA.status).toBe(201);
    const doseB = await book(doseBody(iv, b.id, 1, edt('2027-05-17', '12:00')));
    expect([doseB.status, doseB.body.errors]).toEqual([201, undefined]);

    // Nothing is listed as not fitting, and the move options offer only working Mondays.
    const affected = await desk().get('/v1/affected-appointments').expect(200);
    expect(affected.body.affectedAppointments).toEqual([]);
    const options = async (id: string, day: string, next: string) => {
      const res = await desk()
        .get(`/v1/appointments/${id}/options`)
        .query({ from: edt(day, '00:00'), to: edt(next, '00:00'), limit: 50 })
        .expect(200);
      return (res.body.items as { start: string }[]).map((o) => o.start.slice(0, 10));
    };
    for (const dose of [doseA.body, doseB.body] as { id: string }[]) {
      expect(await options(dose.id, '2027-05-24', '2027-05-25')).toEqual([]);
      const on = await options(dose.id, '2027-05-31', '2027-06-01');
      expect(on.length).toBeGreaterThan(0);
      expect(new Set(on)).toEqual(new Set(['2027-05-31']));
    }
  });
});
