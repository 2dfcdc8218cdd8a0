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

/** Monday 2027-03-01 noon in New York: the course below starts a week later. */
const clock = new TestClock(new Date('2027-03-01T17:00:00Z'));
/** From Wednesday: the intake (20–168 h before the first dose) fits before Monday's dose. */
const WINDOW = { earliestStart: '2027-03-03', latestEnd: '2027-04-09' };
const est = (date: string, time: string) => `${date}T${time}:00-05:00`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies read field by field
type Run = Record<string, any>;

jest.setTimeout(120_000);

/**
 * A director's approved override (a GAP_HOURS breach) and later plan runs of the course: the
 * run keeps the approved session where it is and plans the rest around it.
 */
describe(`plan runs after an approved override (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
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
  const director = () => iv.clinic.as('director');

  async function settle(id: string): Promise<Run> {
    for (let waited = 0; waited < 120_000; waited += 100) {
      const res = await desk().get(`/v1/plan-runs/${id}`).expect(200);
      if (!['queued', 'running'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`plan run ${id} did not finish`);
  }

  /** Dose 1 Monday 15:00, dose 2 moved by a director to Wednesday 08:00: a 41 h gap (min 44). */
  async function approvedGap() {
    const a = await enrollPatient(iv, WINDOW);
    const dose1 = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, a.id, 1, est('2027-03-08', '15:00')),
    );
    const dose2 = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, a.id, 2, est('2027-03-10', '13:00')),
    );
    const moved = await director()
      .patch(`/v1/appointments/${dose2.id}`)
      .set('If-Match', `"${dose2.version}"`)
      .send({ start: est('2027-03-10', '08:00'), override: { reason: 'flight Wednesday noon' } })
      .expect(200);
    expect(moved.body.override.rules).toEqual(['GAP_HOURS']);
    return { a, dose1, dose2 };
  }

  const start = (body: object) =>
    desk()
      .post('/v1/plan-runs')
      .send({ timeLimitMs: 3000, seed: 1, ...body });

  it('a plan run keeps the approved session pinned and plans the rest of the course', async () => {
    const { a, dose1, dose2 } = await approvedGap();
    const res = await start({ enrollmentIds: [a.id] });
    expect({ status: res.status, body: res.status === 202 ? null : res.body }).toEqual({
      status: 202,
      body: null,
    });
    const run = await settle(res.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.result.status).toBe('complete');
    const kept = (run.result.appointments as Run[]).filter((x) => x.change === 'kept');
    expect(kept.map((x) => x.id).sort()).toEqual([dose1.id, dose2.id].sort());
    expect(run.result.counts).toMatchObject({ kept: 2, moved: 0, removed: 0 });
    const problem = (await desk().get(`/v1/plan-runs/${run.id}/problem`).expect(200)).body;
    // The enrollment plans against its own copy of the protocol, its dose gap lowered to 41 h.
    const [patient] = problem.patients;
    const protocol = problem.protocols.find((p: Run) => p.id === patient.protocol);
    expect(protocol.series.find((s: Run) => s.id === 'dose').gapHours).toEqual({
      min: 41,
      max: 100,
    });
    // Only that gap: every other dose gap of the plan still keeps the protocol's 44 h.
    const doses = (run.result.appointments as Run[])
      .filter((x) => x.series === 'dose')
      .map((x) => Date.parse(x.start))
      .sort((x, y) => x - y);
    const gaps = doses.slice(1).map((s, i) => (s - doses[i]) / 3_600_000);
    expect(gaps.filter((g) => g < 44)).toEqual([41]);
    // The result tells the director which approved exception the course was planned under.
    expect(run.result.approvedExceptions).toEqual([
      {
        enrollmentId: a.id,
        patient: expect.objectContaining({ patientId: a.patientId }),
        exceptions: ['dose: gapHours.min 44 h → 41 h'],
      },
    ]);
    const committed = await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(200);
    expect(committed.body.cancelled).toEqual([]);
  });

  it('plans and commits new sessions under the relaxed copy (a weekday and a gap approved)', async () => {
    const a = await enrollPatient(iv, WINDOW);
    const dose1 = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, a.id, 1, est('2027-03-08', '09:00')),
    );
    const dose2 = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, a.id, 2, est('2027-03-10', '09:00')),
    );
    // Tuesday 13:00, 28 h after dose 1: a Tuesday (M/W/F only) and a gap under 44 h, approved.
    const moved = await director()
      .patch(`/v1/appointments/${dose2.id}`)
      .set('If-Match', `"${dose2.version}"`)
      .send({ start: est('2027-03-09', '13:00'), override: { reason: 'travels Wednesday' } })
      .expect(200);
    expect([...moved.body.override.rules].sort()).toEqual(['GAP_HOURS', 'SERIES_DAYS']);
    const res = await start({ enrollmentIds: [a.id] }).expect(202);
    const run = await settle(res.body.id);
    expect(run.result.status).toBe('complete');
    const problem = (await desk().get(`/v1/plan-runs/${run.id}/problem`).expect(200)).body;
    const series = problem.protocols[0].series.find((s: Run) => s.id === 'dose');
    expect(series).toMatchObject({ days: ['MO', 'TU', 'WE', 'FR'], gapHours: { min: 28 } });
    expect(run.result.approvedExceptions).toEqual([
      expect.objectContaining({
        enrollmentId: a.id,
        exceptions: ['dose: gapHours.min 44 h → 28 h', 'dose: days + TU'],
      }),
    ]);
    const kept = (run.result.appointments as Run[]).filter((x) => x.change === 'kept');
    expect(kept.map((x) => x.id).sort()).toEqual([dose1.id, dose2.id].sort());
    // The commit judges the new sessions with the same copy: all of them are booked.
    const committed = await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(200);
    expect(committed.body.booked).toHaveLength(run.result.counts.added);
    expect(committed.body.cancelled).toEqual([]);
  });

  it('a repair run keeps the approved session in place', async () => {
    const { a, dose2 } = await approvedGap();
    const res = await start({ enrollmentIds: [a.id], repair: true });
    expect(res.status).toBe(202);
    const run = await settle(res.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.result.moved).toEqual([]);
    const two = (run.result.appointments as Run[]).find((x) => x.id === dose2.id);
    expect(two).toMatchObject({ change: 'kept', start: est('2027-03-10', '08:00') });
  });

  it('refuses a run over an approved rule it cannot keep, naming the session and the rule', async () => {
    const a = await enrollPatient(iv, WINDOW);
    await post(desk(), '/v1/appointments', intakeBody(iv, a.id, est('2027-03-08', '08:00')));
    const dose1 = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, a.id, 1, est('2027-03-10', '09:00')),
    );
    // 4 h after the intake, the protocol asks 20–168 h: an offset rule, approved.
    const moved = await director()
      .patch(`/v1/appointments/${dose1.id}`)
      .set('If-Match', `"${dose1.version}"`)
      .send({ start: est('2027-03-08', '13:00'), override: { reason: 'same-day start' } })
      .expect(200);
    expect(moved.body.override.rules).toEqual(['OFFSET_RULE']);
    for (const repair of [false, true]) {
      const res = await start({ enrollmentIds: [a.id], repair });
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 422,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.errors).toEqual([
        {
          pointer: '/enrollmentIds',
          code: 'OVERRIDE_NOT_PLANNABLE',
          message: expect.stringMatching(
            new RegExp(
              `^appointment ${dose1.id} \\(dose 1, 2027-03-08T13:00:00-05:00\\).*OFFSET_RULE.*by hand`,
            ),
          ),
        },
      ]);
    }
    const runs = await t().dataSource.query(
      `SELECT count(*)::int AS n FROM plan_run WHERE clinic_id = $1`,
      [iv.clinic.id],
    );
    expect(runs[0].n).toBe(0);
  });
});
