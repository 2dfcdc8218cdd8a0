import { CLOCK } from '../../src/services/clock';
import { doseBody, enrollPatient, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));

/** Messages at the API's edge say what is wrong in the client's terms. */
describe(`edge messages (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  it('an unencoded + in a query instant (read as a space) is told to send %2B', async () => {
    const res = await iv.clinic
      .as('frontdesk')
      .get('/v1/affected-appointments?from=2027-03-01T00:00:00+11:00')
      .expect(400);
    expect(res.body.errors).toEqual([
      {
        pointer: '/from',
        code: 'INVALID_INSTANT',
        message:
          'from must be an ISO 8601 instant with an offset, e.g. 2027-03-08T09:00:00-05:00; it has a space where the offset\'s sign belongs: in a URL query a "+" is read as a space, so send it as %2B (2027-03-01T00:00:00%2B11:00)',
      },
    ]);
    await iv.clinic
      .as('frontdesk')
      .get('/v1/affected-appointments?from=2027-03-01T00:00:00%2B11:00')
      .expect(200);
  });

  it('a start 1 ms off the slot grid is told as a wall-clock time, not a fraction of minutes', async () => {
    const e = await enrollPatient(iv);
    const res = await iv.clinic
      .as('frontdesk')
      .post('/v1/appointments')
      .send(doseBody(iv, e.id, 1, '2027-03-08T05:00:00.001-05:00'))
      .expect(422);
    const grid = res.body.errors.find((i: { code: string }) => i.code === 'SLOT_GRID');
    expect(grid).toMatchObject({ pointer: '/start' });
    expect(grid.message).toContain(
      'starts at 05:00:00.001, not on the 15-minute grid (starts are whole minutes on it: 05:00 and 05:15 are)',
    );
    expect(grid.message).not.toMatch(/min after local midnight|\d\.\d{4}/);
    const off = await iv.clinic
      .as('frontdesk')
      .post('/v1/appointments')
      .send(doseBody(iv, e.id, 1, '2027-03-08T09:10:00-05:00'))
      .expect(422);
    expect(off.body.errors.find((i: { code: string }) => i.code === 'SLOT_GRID').message).toContain(
      'starts at 09:10, not on the 15-minute grid (09:00 and 09:15 are on it)',
    );
  });
});
