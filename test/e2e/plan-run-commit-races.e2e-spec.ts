import { operatorActor } from '../../src/services/actor';
import { AppointmentBooking } from '../../src/services/appointment-booking';
import { CLOCK } from '../../src/services/clock';
import type { CreateAppointmentDto } from '../../src/dtos/appointment.dto';
import { doseBody, enrollPatient, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

/**
 * A plan run's commit racing a hand booking of the same room and people: whichever gets the
 * resources' locks first wins, the other is refused (409), and nothing is half-written.
 */
const clock = new TestClock(new Date('2027-03-01T17:00:00Z'));
const WINDOW = { earliestStart: '2027-03-08', latestEnd: '2027-04-09' };
const SESSIONS = 7; // intake + 6 doses

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies read field by field
type Run = Record<string, any>;

jest.setTimeout(120_000);

describe(`plan-run commit races (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { planRunPollMs: 50, plannerPoolSize: 1 },
  });
  let iv: IvClinic;

  beforeEach(async () => {
    clock.set('2027-03-01T17:00:00Z');
    iv = await ivClinic(await t().createClinic());
  });

  const desk = () => iv.clinic.as('frontdesk');
  const count = async (sql: string, params: unknown[]) =>
    (await t().dataSource.query(sql, params))[0].n as number;
  const bookedOf = (enrollmentId: string) =>
    count(
      `SELECT count(*)::int AS n FROM appointment WHERE enrollment_id = $1 AND status = 'booked'`,
      [enrollmentId],
    );
  const runAudits = (runId: string) =>
    count(`SELECT count(*)::int AS n FROM audit_log WHERE reason = $1`, [`plan run ${runId}`]);

  /** A succeeded run for one enrollment, and a hand booking that takes its first dose's place. */
  async function contested(): Promise<{ run: Run; a: string; hand: CreateAppointmentDto }> {
    const a = await enrollPatient(iv, WINDOW);
    const other = await enrollPatient(iv, WINDOW);
    const res = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [a.id], timeLimitMs: 3000, seed: 1 })
      .expect(202);
    let run: Run = res.body;
    for (let waited = 0; ['queued', 'running'].includes(run.status); waited += 100) {
      if (waited > 60_000) throw new Error('the run did not finish');
      await new Promise((r) => setTimeout(r, 100));
      run = (await desk().get(`/v1/plan-runs/${run.id}`).expect(200)).body;
    }
    expect(run.status).toBe('succeeded');
    const dose = run.result.appointments.find((x: Run) => x.series === 'dose' && x.index === 1);
    // Same time, Bay 1, Dr. A and RN B: the run's dose 1 and this booking cannot both stand.
    const hand = doseBody(iv, other.id, 1, dose.start) as CreateAppointmentDto;
    return { run, a: a.id, hand };
  }

  it('a hand booking holding the resources first: the commit waits, then 409 names it', async () => {
    const { run, a, hand } = await contested();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let booked!: (id: string) => void;
    const handId = new Promise<string>((r) => (booked = r));
    const handTx = t().dataSource.transaction(async (manager) => {
      const row = await t()
        .app.get(AppointmentBooking)
        .book(operatorActor(iv.clinic.id, 'cli'), hand, manager);
      booked(row.id);
      await gate;
    });
    const id = await handId;
    // The commit starts while the hand booking's transaction holds the locks (PostgreSQL: the
    // commit waits for the advisory locks; PGlite: for the one connection).
    const commit = desk()
      .post(`/v1/plan-runs/${run.id}/commit`)
      .then((r) => r);
    await new Promise((r) => setTimeout(r, 300));
    release();
    await handTx;
    const res = await commit;
    expect({ status: res.status, code: res.body.code }).toEqual({
      status: 409,
      code: 'PLAN_RUN_STALE',
    });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ pointer: `/appointments/${id}` })]),
    );
    expect(await bookedOf(a)).toBe(0);
    expect(await runAudits(run.id)).toBe(0);
    expect((await desk().get(`/v1/plan-runs/${run.id}`).expect(200)).body.status).toBe('stale');
  });

  it('a session that can no longer be booked (its start has passed): 409 names it, nothing written', async () => {
    const { run, a } = await contested();
    const sessions = [...run.result.appointments].sort(
      (x: Run, y: Run) => Date.parse(x.start) - Date.parse(y.start),
    );
    // Between the first and the second session: the first is refused, the rest would pass.
    clock.set(new Date(Date.parse(sessions[0].start) + 60_000).toISOString());
    const res = await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(409);
    expect(res.body.code).toBe('PLAN_RUN_STALE');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: `/appointments/${sessions[0].id}` }),
      expect.objectContaining({ pointer: '/start', code: 'START_IN_PAST' }),
    ]);
    expect(await bookedOf(a)).toBe(0);
    expect(await runAudits(run.id)).toBe(0);
  });

  it.each(['commit first', 'hand booking first'])(
    'racing over HTTP (%s): exactly one wins, the other is refused, nothing half-written',
    async (order) => {
      const { run, a, hand } = await contested();
      const commit = () => desk().post(`/v1/plan-runs/${run.id}/commit`);
      const book = () => desk().post('/v1/appointments').send(hand);
      const [c, h] =
        order === 'commit first'
          ? await Promise.all([commit(), book()])
          : await Promise.all([book(), commit()]).then(([x, y]) => [y, x]);
      if (c.status === 200) {
        expect(h.status).toBe(409); // the hand booking sees the committed plan: an overlap
        expect(await bookedOf(a)).toBe(SESSIONS);
        expect(await bookedOf(hand.enrollmentId)).toBe(0);
        expect(await runAudits(run.id)).toBe(SESSIONS);
      } else {
        expect({ commit: c.status, code: c.body.code, hand: h.status }).toEqual({
          commit: 409,
          code: 'PLAN_RUN_STALE',
          hand: 201,
        });
        expect(await bookedOf(a)).toBe(0);
        expect(await bookedOf(hand.enrollmentId)).toBe(1);
        expect(await runAudits(run.id)).toBe(0);
      }
      // The database holds no two overlapping bookings of one resource either way.
      expect(
        await count(
          `SELECT count(*)::int AS n FROM resource_booking x JOIN resource_booking y
              ON x.resource_id = y.resource_id AND x.id < y.id AND x.claim = 'hold'
             AND y.claim = 'hold' AND x.lanes && y.lanes AND x.during && y.during
           WHERE x.clinic_id = $1`,
          [iv.clinic.id],
        ),
      ).toBe(0);
    },
  );
});
