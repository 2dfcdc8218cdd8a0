import { CLOCK } from '../../src/services/clock';
import {
  enrollPatient,
  intakeBody,
  IvClinic,
  ivClinic,
  TestClock,
} from '../factories/appointments';
import { post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

/**
 * Plan runs around the night New York's clocks go back (2027-11-07: 01:00-01:59 happens
 * twice, EDT then EST). The sessions there are moved into that night in the database (the
 * booking rules keep the IV catalog's hours, 08:00-17:00): what the QA probe found.
 */
const clock = new TestClock(new Date('2027-11-01T16:00:00Z'));
const WINDOW = { earliestStart: '2027-11-02', latestEnd: '2027-12-10' };
const HOUR_MS = 3_600_000;

jest.setTimeout(120_000);

describe(`plan runs across the repeated hour (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { planRunPollMs: 50, plannerPoolSize: 1 },
  });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-11-01T16:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');

  /** An intake (60 min) booked on Monday 2027-11-08 09:00, then moved to start at `start`. */
  async function intakeAt(enrollmentId: string, start: string): Promise<string> {
    const booked = await post(
      desk(),
      '/v1/appointments',
      intakeBody(iv, enrollmentId, '2027-11-08T09:00:00-05:00'),
    );
    const shift = `${(Date.parse(start) - Date.parse(booked.start as string)) / HOUR_MS} hours`;
    for (const table of ['appointment', 'appointment_staff']) {
      const column = table === 'appointment' ? 'id' : 'appointment_id';
      await t().dataSource.query(
        `UPDATE ${table} SET starts_at = starts_at + $2::interval, ends_at = ends_at + $2::interval
          WHERE ${column} = $1`,
        [booked.id, shift],
      );
    }
    return booked.id;
  }

  it("another patient's session from 01:30 EDT to 01:30 EST leaves the day plannable", async () => {
    const other = await enrollPatient(iv, WINDOW);
    await intakeAt(other.id, '2027-11-07T01:30:00-04:00');
    const patient = await enrollPatient(iv, WINDOW);
    // Was 422: /busy/N/end: end (2027-11-07T01:30) must be later than start (2027-11-07T01:30).
    const res = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [patient.id], timeLimitMs: 3000, seed: 1 })
      .expect(202);
    const problem = await desk().get(`/v1/plan-runs/${res.body.id}/problem`).expect(200);
    let run = res.body;
    for (
      let waited = 0;
      ['queued', 'running'].includes(run.status) && waited < 60_000;
      waited += 100
    ) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await desk().get(`/v1/plan-runs/${run.id}`).expect(200)).body;
    }
    expect(run.status).toBe('succeeded');
    expect(problem.body.busy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ start: '2027-11-07T01:30', end: '2027-11-07T02:00' }),
      ]),
    );
  });

  it("refuses the run's own session starting in the second 01:xx (422 naming it), not a false overlap", async () => {
    const patient = await enrollPatient(iv, WINDOW);
    const id = await intakeAt(patient.id, '2027-11-07T01:30:00-05:00');
    const res = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [patient.id], timeLimitMs: 3000, seed: 1 })
      .expect(422);
    expect(res.body.errors).toEqual([
      {
        pointer: '/enrollmentIds',
        code: 'APPOINTMENT_IN_REPEATED_HOUR',
        message:
          `appointment ${id} (intake 1) starts at 2027-11-07 01:30 EST, in the hour the clocks ` +
          'repeat that night: a plan names times by the wall clock, which would put it at 01:30 ' +
          'EDT, 60 minutes earlier than it is; move it out of that hour (PATCH ' +
          `/v1/appointments/${id}) or cancel it, then plan again`,
      },
    ]);
  });
});
