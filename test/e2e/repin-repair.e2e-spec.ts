import type { ProtocolDefinition } from '../../src/domain/catalog/protocol-definition';
import { CLOCK } from '../../src/services/clock';
import { IvClinic, ivClinic, TestClock } from '../factories/appointments';
import { createPatient, ivDefinition, post } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';

/**
 * After a cohort re-pin to a version with fewer sessions (an index beyond the new count) or
 * without a series, the worklist's repair request is accepted and its proposal cancels the
 * sessions the version has no place for; other runs are refused naming them and the cause.
 */
const clock = new TestClock(new Date('2027-03-01T17:00:00Z'));
const WINDOW = { earliestStart: '2027-03-08', latestEnd: '2027-04-09' };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies read field by field
type Run = Record<string, any>;

jest.setTimeout(180_000);

/** Doses: exactly 5 (version 1 gives 6). */
function fewerDoses(): ProtocolDefinition {
  const v1 = ivDefinition();
  return { ...v1, series: [v1.series[0], { ...v1.series[1], count: { min: 5, max: 5 } }] };
}

/** No intake series (and no rule naming it). */
function noIntake(): ProtocolDefinition {
  const v1 = ivDefinition();
  return { ...v1, series: [v1.series[1]], rules: [] };
}

describe(`repair after a re-pin (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({
    providers: [{ provide: CLOCK, useValue: clock }],
    config: { planRunPollMs: 50, plannerPoolSize: 1 },
  });
  let iv: IvClinic;
  let cohortId: string;
  let enrollmentId: string;

  const desk = () => iv.clinic.as('frontdesk');
  const director = () => iv.clinic.as('director');
  const status = async (id: string) =>
    (await t().dataSource.query(`SELECT status FROM appointment WHERE id = $1`, [id]))[0]
      .status as string;

  async function settle(id: string): Promise<Run> {
    for (let waited = 0; waited < 120_000; waited += 100) {
      const res = await desk().get(`/v1/plan-runs/${id}`).expect(200);
      if (!['queued', 'running'].includes(res.body.status)) return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`plan run ${id} did not finish`);
  }

  async function publish(definition: ProtocolDefinition): Promise<number> {
    const draft = await post(director(), `/v1/protocols/${iv.protocolId}/versions`, {});
    const v = draft.version as number;
    await director()
      .put(`/v1/protocols/${iv.protocolId}/versions/${v}`)
      .send({ definition })
      .expect(200);
    await post(director(), `/v1/protocols/${iv.protocolId}/versions/${v}/publish`, undefined, 200);
    return v;
  }

  /** Plans and commits the cohort on version 1: intake + 6 doses booked; returns them. */
  async function planned(): Promise<Run[]> {
    const res = await desk()
      .post('/v1/plan-runs')
      .send({ cohortId, timeLimitMs: 3000, seed: 1 })
      .expect(202);
    const run = await settle(res.body.id);
    expect(run.status).toBe('succeeded');
    await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(200);
    const rows: Run[] = await t().dataSource.query(
      `SELECT id, series_id AS series, index, starts_at AS start FROM appointment
        WHERE enrollment_id = $1 AND status = 'booked' ORDER BY starts_at`,
      [enrollmentId],
    );
    expect(rows).toHaveLength(7);
    return rows;
  }

  /** Re-pins the cohort; returns the answer's repairs (one, for the enrollment). */
  async function repin(version: number, code: string, ids: string[]): Promise<Run[]> {
    const res = await desk()
      .post(`/v1/cohorts/${cohortId}/repin`)
      .send({ version, reason: 'protocol update' })
      .expect(200);
    const affected = res.body.affectedAppointments as Run[];
    expect(affected.map((a) => a.id).sort()).toEqual([...ids].sort());
    for (const a of affected) expect(a.why.map((w: Run) => w.code)).toContain(code);
    expect(res.body.repairs).toEqual([
      {
        method: 'POST',
        path: '/v1/plan-runs',
        body: { enrollmentIds: [enrollmentId], repair: true },
      },
    ]);
    return res.body.repairs;
  }

  /** A run that is not a repair run: 422 naming each appointment and the cause. */
  async function refusedCohortRun(ids: string[], cause: RegExp): Promise<void> {
    const res = await desk().post('/v1/plan-runs').send({ cohortId, timeLimitMs: 3000 });
    expect(res.status).toBe(422);
    const errors = res.body.errors as Run[];
    expect(errors.map((e) => e.code)).toEqual(ids.map(() => 'APPOINTMENT_OUTSIDE_PROTOCOL'));
    ids.forEach((id, i) => {
      expect(errors[i].message).toContain(`appointment ${id}`);
      expect(errors[i].message).toMatch(cause);
      expect(errors[i].message).toContain(`"repair": true`);
      expect(errors[i].message).not.toMatch(/existing|shape/);
    });
  }

  /** Sends the repair request as given, commits it; returns the run and the commit. */
  async function repaired(repair: Run, cancelled: string[]): Promise<Run> {
    const res = await desk().post(repair.path).send(repair.body);
    expect(res.status).toBe(202);
    const run = await settle(res.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.result.status).toBe('complete');
    expect(run.result.removed.map((r: Run) => r.id).sort()).toEqual([...cancelled].sort());
    const problem = await desk().get(`/v1/plan-runs/${run.id}/problem`).expect(200);
    const existing = (problem.body.existing ?? []).map((e: Run) => e.id);
    for (const id of cancelled) expect(existing).not.toContain(id);
    const commit = await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(200);
    expect(commit.body.cancelled).toEqual(expect.arrayContaining(cancelled));
    for (const id of cancelled) {
      expect(await status(id)).toBe('cancelled');
      const audit = await t().dataSource.query(
        `SELECT reason FROM audit_log WHERE entity_type = 'appointment' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(audit[0].reason).toBe(`plan run ${run.id}`);
    }
    const worklist = await desk()
      .get(`/v1/affected-appointments?enrollmentId=${enrollmentId}`)
      .expect(200);
    expect(worklist.body).toMatchObject({ affectedAppointments: [], repairs: [] });
    // The course plans again normally.
    await desk().post('/v1/plan-runs').send({ cohortId, timeLimitMs: 100 }).expect(202);
    return run;
  }

  beforeEach(async () => {
    clock.set('2027-03-01T17:00:00Z');
    iv = await ivClinic(await t().createClinic());
    const cohort = await post(director(), '/v1/cohorts', {
      name: 'March cohort',
      startDate: WINDOW.earliestStart,
      endDate: WINDOW.latestEnd,
      protocolId: iv.protocolId,
    });
    cohortId = cohort.id;
    const patient = await createPatient(iv.clinic);
    const e = await post(desk(), '/v1/enrollments', {
      patientId: patient.id,
      protocolId: iv.protocolId,
      version: 1,
      cohortId,
      ...WINDOW,
    });
    enrollmentId = e.id;
  });

  it('A: fewer sessions: dose 6 is refused by a normal run, cancelled by the repair run as given', async () => {
    const booked = await planned();
    const dose6 = booked.find((a) => a.series === 'dose' && a.index === 6)!.id;
    const [repair] = await repin(await publish(fewerDoses()), 'INDEX_OUT_OF_RANGE', [dose6]);
    await refusedCohortRun([dose6], /5 dose sessions.*beyond the count/);
    const run = await repaired(repair, [dose6]);
    expect(run.result.removed[0]).toMatchObject({ id: dose6, series: 'dose', index: 6 });
    expect(run.result.removed[0].reason).toMatch(/5 dose sessions/);
    expect(run.result.outsideProtocol).toEqual([
      expect.objectContaining({
        id: dose6,
        status: 'booked',
        cause: 'INDEX_OUT_OF_RANGE',
        cancel: true,
      }),
    ]);
  });

  it('B: a removed series: the intake is refused as removed (not a shape), cancelled by the repair run', async () => {
    const booked = await planned();
    const intake = booked.find((a) => a.series === 'intake')!.id;
    const [repair] = await repin(await publish(noIntake()), 'SERIES_REMOVED', [intake]);
    await refusedCohortRun([intake], /no series "intake".*series was removed/);
    const run = await repaired(repair, [intake]);
    expect(run.result.outsideProtocol).toEqual([
      expect.objectContaining({ id: intake, cause: 'SERIES_REMOVED', cancel: true }),
    ]);
  });

  it('a completed session of a removed series stays as history, left out of the plan and listed', async () => {
    const booked = await planned();
    const intake = booked.find((a) => a.series === 'intake')!;
    // Just after the intake (the first dose is at least 20 h later): it happened.
    clock.set(new Date(new Date(intake.start).getTime() + 3 * 3600_000).toISOString());
    await desk()
      .post(`/v1/appointments/${intake.id}/complete`)
      .send({ reason: 'done' })
      .expect(200);
    await publish(noIntake());
    await desk()
      .post(`/v1/cohorts/${cohortId}/repin`)
      .send({ version: 2, reason: 'protocol update' })
      .expect(200);
    const res = await desk()
      .post('/v1/plan-runs')
      .send({ enrollmentIds: [enrollmentId], repair: true, timeLimitMs: 3000, seed: 1 })
      .expect(202);
    const run = await settle(res.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.result.removed).toEqual([]);
    expect(run.result.outsideProtocol).toEqual([
      expect.objectContaining({
        id: intake.id,
        status: 'completed',
        cause: 'SERIES_REMOVED',
        cancel: false,
      }),
    ]);
    await desk().post(`/v1/plan-runs/${run.id}/commit`).expect(200);
    expect(await status(intake.id)).toBe('completed');
  });
});
