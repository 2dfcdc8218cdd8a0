import type { ProtocolDefinition } from '../../src/domain/catalog/protocol-definition';
import { CLOCK } from '../../src/services/clock';
import { doseBody, intakeBody, IvClinic, ivClinic, TestClock } from '../factories/appointments';
import {
  createPatient,
  ivDefinition,
  post,
  publishedIvProtocol,
} from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import { expectProblem } from './support/catalog-resource.suite';

const clock = new TestClock(new Date('2027-03-01T12:00:00Z'));
const est = (date: string, time: string) => `${date}T${time}:00-05:00`;

/** Version 2: the intake series is renamed `screening`, doses default to 4 (at most 6). */
function version2(): ProtocolDefinition {
  const v1 = ivDefinition();
  return {
    ...v1,
    series: [
      { id: 'screening', sessionType: 'intake', count: { min: 1, max: 1 } },
      { ...v1.series[1], count: { min: 4, max: 6, default: 4 } },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'screening', occurrence: 'last', point: 'end' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 20, max: 168 },
      },
    ],
  };
}

describe(`cohort re-pin (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp({ providers: [{ provide: CLOCK, useValue: clock }] });
  let iv: IvClinic;
  let cohortId: string;

  const desk = () => iv.clinic.as('frontdesk');
  const director = () => iv.clinic.as('director');
  const repin = (body: object, key?: string, id = cohortId) => {
    const req = desk().post(`/v1/cohorts/${id}/repin`);
    if (key) req.set('Idempotency-Key', key);
    return req.send(body);
  };
  const pinnedVersions = async () => {
    const res = await desk().get(`/v1/enrollments?cohortId=${cohortId}`).expect(200);
    return (res.body.items as { id: string; version: number }[])
      .map((e) => [e.id, e.version] as const)
      .sort();
  };
  const auditCount = async () =>
    (await t().dataSource.query(`SELECT count(*)::int AS n FROM audit_log`))[0].n as number;

  /** Publishes `definition` as the next version of the IV protocol (2, 3, ...). */
  async function publishNext(definition: ProtocolDefinition, publish = true): Promise<number> {
    const draft = await post(director(), `/v1/protocols/${iv.protocolId}/versions`, {});
    const v = draft.version as number;
    await director()
      .put(`/v1/protocols/${iv.protocolId}/versions/${v}`)
      .send({ definition })
      .expect(200);
    if (publish) {
      await post(
        director(),
        `/v1/protocols/${iv.protocolId}/versions/${v}/publish`,
        undefined,
        200,
      );
    }
    return v;
  }

  async function member(body: Record<string, unknown> = {}) {
    const patient = await createPatient(iv.clinic);
    return post(desk(), '/v1/enrollments', {
      patientId: patient.id,
      protocolId: iv.protocolId,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-04-30',
      cohortId,
      ...body,
    });
  }

  beforeEach(async () => {
    clock.set('2027-03-01T12:00:00Z');
    iv = await ivClinic(await t().createClinic());
    const cohort = await post(director(), '/v1/cohorts', {
      name: 'March cohort',
      startDate: '2027-03-01',
      endDate: '2027-04-30',
      protocolId: iv.protocolId,
    });
    cohortId = cohort.id;
  });

  it('moves every active member in one call, audits each with the reason, lists affected bookings', async () => {
    const a = await member();
    const b = await member({ counts: { dose: 6 } });
    const gone = await member();
    await desk().patch(`/v1/enrollments/${gone.id}`).send({ status: 'withdrawn' }).expect(200);
    // a: intake (a series v2 renames) and dose 5 (v2 gives 4 by default); b: dose 5 of 6.
    const intake = await post(
      desk(),
      '/v1/appointments',
      intakeBody(iv, a.id, est('2027-03-05', '09:00')),
    );
    const a5 = await post(
      desk(),
      '/v1/appointments',
      doseBody(iv, a.id, 5, est('2027-03-08', '09:00')),
    );
    await post(desk(), '/v1/appointments', doseBody(iv, b.id, 5, est('2027-03-08', '12:00')));
    const v2 = await publishNext(version2());
    const audits = await auditCount();

    const res = await repin({ version: v2, reason: 'v2 renames intake' }).expect(200);
    expect(res.body).toMatchObject({
      cohortId,
      pinned: { protocolId: iv.protocolId, version: 2 },
      unchanged: [],
      skipped: [{ enrollmentId: gone.id, status: 'withdrawn' }],
    });
    expect(res.body.repinned.map((r: { enrollmentId: string }) => r.enrollmentId).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect(res.body.repinned[0]).toMatchObject({
      from: { protocolId: iv.protocolId, version: 1 },
      to: { protocolId: iv.protocolId, version: 2 },
    });
    const affected = res.body.affectedAppointments as {
      id: string;
      why: { code: string; resource: string }[];
    }[];
    expect(affected.map((x) => [x.id, x.why.map((w) => w.code)])).toEqual([
      [intake.id, ['SERIES_REMOVED']],
      [a5.id, ['INDEX_OUT_OF_RANGE']],
    ]);
    expect(affected[0].why[0].resource).toBe('protocol');
    expect(res.body.repair).toEqual({
      method: 'POST',
      path: '/v1/plan-runs',
      body: { enrollmentIds: [a.id], repair: true },
    });
    // Nothing is cancelled.
    const still = await desk().get(`/v1/appointments/${intake.id}`).expect(200);
    expect(still.body.status).toBe('booked');
    expect(Object.fromEntries(await pinnedVersions())).toEqual({
      [a.id]: 2,
      [b.id]: 2,
      [gone.id]: 1,
    });

    // One audit row per moved enrollment, with the actor and the reason.
    expect(await auditCount()).toBe(audits + 2);
    const log = await director().get('/v1/audit-log?limit=2').expect(200);
    for (const row of log.body.items) {
      expect(row).toMatchObject({
        action: 'repin',
        entityType: 'enrollment',
        reason: 'v2 renames intake',
        actorKeyId: iv.clinic.keyIds.frontdesk,
      });
      expect(row.before.version).toBe(1);
      expect(row.after.version).toBe(2);
    }
    // The front desk's list keeps them until they are re-planned.
    const list = await desk().get(`/v1/affected-appointments?cohortId=${cohortId}`).expect(200);
    expect(list.body.affectedAppointments.map((x: { id: string }) => x.id)).toEqual([
      intake.id,
      a5.id,
    ]);

    // Again to the same version: nothing moves, nothing new is affected, nothing audited.
    const again = await repin({ version: v2, reason: 'again' }).expect(200);
    expect(again.body).toMatchObject({ repinned: [], affectedAppointments: [], repair: null });
    expect(again.body.unchanged.sort()).toEqual([a.id, b.id].sort());
    expect(await auditCount()).toBe(audits + 2);
  });

  it('refuses a draft or unknown version, naming every member; nothing changes', async () => {
    const a = await member();
    const b = await member();
    const draft = await publishNext(version2(), false);
    const before = await pinnedVersions();
    const audits = await auditCount();
    const res = await repin({ version: draft, reason: 'try the draft' }).expect(422);
    expect(res.body.code).toBe('REPIN_REFUSED');
    expectProblem(res, 422, '/version', 'PROTOCOL_VERSION_NOT_PUBLISHED');
    expect(
      res.body.enrollments.map((e: { enrollmentId: string }) => e.enrollmentId).sort(),
    ).toEqual([a.id, b.id].sort());
    expect(res.body.enrollments[0].issues[0].code).toBe('PROTOCOL_VERSION_NOT_PUBLISHED');
    const unknown = await repin({ version: 9, reason: 'x' }).expect(422);
    expectProblem(unknown, 422, '/version', 'UNKNOWN_REFERENCE');
    expect(await pinnedVersions()).toEqual(before);
    expect(await auditCount()).toBe(audits);
  });

  it('refuses a version of another protocol, naming the members that follow another one', async () => {
    const loose = await post(director(), '/v1/cohorts', {
      name: 'Open cohort',
      startDate: '2027-03-01',
      endDate: '2027-04-30',
    });
    cohortId = loose.id;
    const a = await member();
    const other = await publishedIvProtocol(iv.clinic, 'iv-other');
    const res = await repin({ protocolId: other.id, version: 1, reason: 'switch' }).expect(422);
    expectProblem(res, 422, '/protocolId', 'REPIN_OTHER_PROTOCOL');
    expect(res.body.enrollments).toEqual([
      {
        enrollmentId: a.id,
        patientId: expect.any(String),
        issues: [{ code: 'REPIN_OTHER_PROTOCOL', message: expect.stringContaining('iv-mwf') }],
      },
    ]);
    // A cohort tied to a protocol refuses another one outright.
    const tied = await repin(
      { protocolId: other.id, version: 1, reason: 'switch' },
      undefined,
      (
        await post(director(), '/v1/cohorts', {
          name: 'Tied',
          startDate: '2027-03-01',
          endDate: '2027-04-30',
          protocolId: iv.protocolId,
        })
      ).id,
    ).expect(422);
    expectProblem(tied, 422, '/protocolId', 'COHORT_PROTOCOL_MISMATCH');
    expect((await desk().get(`/v1/enrollments/${a.id}`).expect(200)).body.version).toBe(1);

    // Without protocolId, an open cohort's members must agree on one protocol.
    cohortId = loose.id;
    await member({ protocolId: other.id });
    const mixed = await repin({ version: 1, reason: 'which?' }).expect(422);
    expectProblem(mixed, 422, '/protocolId', 'REPIN_OTHER_PROTOCOL');
    expect(mixed.body.detail).toContain('2 protocols');
    cohortId = (
      await post(director(), '/v1/cohorts', {
        name: 'Empty',
        startDate: '2027-03-01',
        endDate: '2027-04-30',
      })
    ).id;
    expectProblem(
      await repin({ version: 1, reason: 'x' }).expect(422),
      422,
      '/protocolId',
      'REQUIRED',
    );
  });

  it('is all or nothing: one member whose counts the version refuses stops the whole call', async () => {
    const ok = await member();
    const eight = await member({ counts: { dose: 8 } });
    const v2 = await publishNext(version2());
    const before = await pinnedVersions();
    const res = await repin({ version: v2, reason: 'v2' }).expect(422);
    expectProblem(res, 422, '/version', 'COUNT_OUT_OF_RANGE');
    expect(res.body.enrollments.map((e: { enrollmentId: string }) => e.enrollmentId)).toEqual([
      eight.id,
    ]);
    expect(await pinnedVersions()).toEqual(before);
    expect(before.find(([id]) => id === ok.id)?.[1]).toBe(1);
  });

  it('honours Idempotency-Key: a retry answers the first response and writes nothing', async () => {
    const a = await member();
    const v2 = await publishNext(version2());
    const first = await repin({ version: v2, reason: 'v2' }, 'repin-1').expect(200);
    const audits = await auditCount();
    const retry = await repin({ version: v2, reason: 'v2' }, 'repin-1').expect(200);
    expect(retry.body).toEqual(first.body);
    expect(retry.body.repinned.map((r: { enrollmentId: string }) => r.enrollmentId)).toEqual([
      a.id,
    ]);
    expect(await auditCount()).toBe(audits);
    const reused = await repin({ version: v2, reason: 'other words' }, 'repin-1').expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // A refused request is not remembered: its retry runs again.
    await repin({ version: 7, reason: 'v7' }, 'repin-2').expect(422);
    await repin({ version: 7, reason: 'v7' }, 'repin-2').expect(422);
  });

  it('roles and input: clinicians refused, directors allowed, bad bodies 400, others 404', async () => {
    await member();
    const v2 = await publishNext(version2());
    await iv.clinic
      .as('clinician')
      .post(`/v1/cohorts/${cohortId}/repin`)
      .send({ version: v2, reason: 'x' })
      .expect(403);
    const bad = await repin({ version: 0, reason: '', extra: 1 }).expect(400);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/extra',
      '/reason',
      '/version',
    ]);
    await repin({ version: v2 }).expect(400);
    const other = await t().createClinic();
    await other
      .as('director')
      .post(`/v1/cohorts/${cohortId}/repin`)
      .send({ version: v2, reason: 'x' })
      .expect(404);
    await director()
      .post(`/v1/cohorts/${cohortId}/repin`)
      .send({ version: v2, reason: 'director' })
      .expect(200);
  });
});
