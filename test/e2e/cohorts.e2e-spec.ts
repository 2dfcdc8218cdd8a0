import { useTestApp } from '../harness/test-app';
import type { TestClinic } from '../harness/test-app';
import {
  createPatient,
  post,
  publishedIvProtocol,
  seedIvCatalog,
} from '../factories/clinic-catalog';

describe('cohorts API (e2e)', () => {
  const t = useTestApp();

  async function setup() {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const protocol = await publishedIvProtocol(clinic);
    return { clinic, protocol };
  }

  async function enroll(clinic: TestClinic, protocolId: string, earliestStart = '2027-03-01') {
    const patient = await createPatient(clinic);
    return post(clinic.as('frontdesk'), '/v1/enrollments', {
      patientId: patient.id,
      protocolId,
      version: 1,
      earliestStart,
      latestEnd: '2027-03-31',
    });
  }

  it('creates, reads, lists (paged by start date), updates and deletes a cohort', async () => {
    const { clinic } = await setup();
    const desk = clinic.as('frontdesk');
    const c2 = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'Spring',
      startDate: '2027-04-05',
      endDate: '2027-04-16',
    });
    const c1 = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'March',
      startDate: '2027-03-08',
      endDate: '2027-03-19',
    });
    expect(c1).toMatchObject({ name: 'March', protocolId: null, enrollmentIds: [] });
    const page1 = await desk.get('/v1/cohorts?limit=1').expect(200);
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([c1.id]);
    const page2 = await desk.get(`/v1/cohorts?limit=1&cursor=${page1.body.nextCursor}`).expect(200);
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual([c2.id]);
    expect(page2.body.nextCursor).toBeNull();
    const upd = await clinic
      .as('director')
      .patch(`/v1/cohorts/${c1.id}`)
      .send({ endDate: '2027-03-20' })
      .expect(200);
    expect(upd.body.endDate).toBe('2027-03-20');
    expect((await clinic.as('director').get(`/v1/cohorts/${c1.id}`).expect(200)).body).toEqual(
      upd.body,
    );
    await clinic.as('director').delete(`/v1/cohorts/${c1.id}`).expect(204);
    await desk.get(`/v1/cohorts/${c1.id}`).expect(404);
  });

  it('adds and removes members; an enrollment is in at most one cohort', async () => {
    const { clinic, protocol } = await setup();
    const desk = clinic.as('frontdesk');
    const a = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'A',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
      protocolId: protocol.id,
    });
    const b = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'B',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
    });
    const e1 = await enroll(clinic, protocol.id, '2027-03-02');
    const e2 = await enroll(clinic, protocol.id, '2027-03-01');
    await post(desk, `/v1/cohorts/${a.id}/members`, { enrollmentId: e1.id }, 200);
    const both = await post(desk, `/v1/cohorts/${a.id}/members`, { enrollmentId: e2.id }, 200);
    expect(both.enrollmentIds).toEqual([e2.id, e1.id]);
    // Idempotent for a member.
    await post(desk, `/v1/cohorts/${a.id}/members`, { enrollmentId: e2.id }, 200);
    const other = await desk
      .post(`/v1/cohorts/${b.id}/members`)
      .send({ enrollmentId: e1.id })
      .expect(409);
    expect(other.body.code).toBe('IN_OTHER_COHORT');
    expect((await desk.get(`/v1/enrollments/${e1.id}`)).body.cohortId).toBe(a.id);
    const members = await desk.get(`/v1/enrollments?cohortId=${a.id}`).expect(200);
    expect(members.body.items).toHaveLength(2);

    const removed = await desk.delete(`/v1/cohorts/${a.id}/members/${e1.id}`).expect(200);
    expect(removed.body.enrollmentIds).toEqual([e2.id]);
    await desk.delete(`/v1/cohorts/${a.id}/members/${e1.id}`).expect(404);
    const unknown = await desk
      .post(`/v1/cohorts/${a.id}/members`)
      .send({ enrollmentId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    expect(unknown.body.errors[0]).toMatchObject({
      pointer: '/enrollmentId',
      code: 'UNKNOWN_REFERENCE',
    });
  });

  it('refuses to delete a cohort with members (409 IN_USE); nothing is unlinked', async () => {
    const { clinic, protocol } = await setup();
    const desk = clinic.as('frontdesk');
    const c = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'Retreat',
      startDate: '2027-03-01',
      endDate: '2027-03-05',
    });
    const e = await enroll(clinic, protocol.id);
    await post(desk, `/v1/cohorts/${c.id}/members`, { enrollmentId: e.id }, 200);
    const res = await clinic.as('director').delete(`/v1/cohorts/${c.id}`).expect(409);
    expect(res.body.code).toBe('IN_USE');
    expect(res.body.detail).toMatch(/Retreat.*1 member/);
    expect((await desk.get(`/v1/enrollments/${e.id}`)).body.cohortId).toBe(c.id);
    await desk.delete(`/v1/cohorts/${c.id}/members/${e.id}`).expect(200);
    await clinic.as('director').delete(`/v1/cohorts/${c.id}`).expect(204);
  });

  it('keeps members on the cohort protocol', async () => {
    const { clinic, protocol } = await setup();
    const desk = clinic.as('frontdesk');
    const otherProtocol = await publishedIvProtocol(clinic, 'iv-other');
    const c = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'C',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
    });
    const e = await enroll(clinic, otherProtocol.id);
    await post(desk, `/v1/cohorts/${c.id}/members`, { enrollmentId: e.id }, 200);
    const res = await clinic
      .as('director')
      .patch(`/v1/cohorts/${c.id}`)
      .send({ protocolId: protocol.id })
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({
      pointer: '/protocolId',
      code: 'COHORT_PROTOCOL_MISMATCH',
    });
    const c2 = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'C2',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
      protocolId: protocol.id,
    });
    const e2 = await enroll(clinic, otherProtocol.id);
    const mismatch = await desk
      .post(`/v1/cohorts/${c2.id}/members`)
      .send({ enrollmentId: e2.id })
      .expect(422);
    expect(mismatch.body.errors[0].code).toBe('COHORT_PROTOCOL_MISMATCH');
  });

  it.each([
    [
      'end before start',
      { name: 'X', startDate: '2027-03-10', endDate: '2027-03-09' },
      400,
      '/endDate',
    ],
    ['bad date', { name: 'X', startDate: '2027-02-30', endDate: '2027-03-09' }, 400, '/startDate'],
    ['missing name', { startDate: '2027-03-01', endDate: '2027-03-09' }, 400, '/name'],
    [
      'unknown protocol',
      {
        name: 'X',
        startDate: '2027-03-01',
        endDate: '2027-03-09',
        protocolId: '00000000-0000-4000-8000-000000000000',
      },
      422,
      '/protocolId',
    ],
  ])('bad input (%s): nothing stored', async (_n, body, status, pointer) => {
    const clinic = await t().createClinic();
    const res = await clinic.as('director').post('/v1/cohorts').send(body).expect(status);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer })]));
    const [{ n }] = await t().dataSource.query(`SELECT count(*)::int AS n FROM cohort`);
    expect(n).toBe(0);
  });

  it('a PATCH that reverses the dates -> 422 RANGE_REVERSED, unchanged', async () => {
    const clinic = await t().createClinic();
    const c = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'X',
      startDate: '2027-03-01',
      endDate: '2027-03-09',
    });
    const res = await clinic
      .as('director')
      .patch(`/v1/cohorts/${c.id}`)
      .send({ startDate: '2027-03-10' })
      .expect(422);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/startDate', code: 'RANGE_REVERSED' });
    expect((await clinic.as('frontdesk').get(`/v1/cohorts/${c.id}`)).body.startDate).toBe(
      '2027-03-01',
    );
  });

  it('front desk manages membership; only directors create, change or delete cohorts', async () => {
    const { clinic, protocol } = await setup();
    const desk = clinic.as('frontdesk');
    const body = { name: 'Y', startDate: '2027-03-01', endDate: '2027-03-09' };
    const refused = await desk.post('/v1/cohorts').send(body).expect(403);
    expect(refused.body.code).toBe('FORBIDDEN');
    const c = await post(clinic.as('director'), '/v1/cohorts', body);
    await desk.patch(`/v1/cohorts/${c.id}`).send({ name: 'Z' }).expect(403);
    await desk.delete(`/v1/cohorts/${c.id}`).expect(403);
    const e = await enroll(clinic, protocol.id);
    await post(desk, `/v1/cohorts/${c.id}/members`, { enrollmentId: e.id }, 200);
    await desk.delete(`/v1/cohorts/${c.id}/members/${e.id}`).expect(200);
    const rows = await t().dataSource.query(`SELECT id, name FROM cohort`);
    expect(rows).toEqual([{ id: c.id, name: 'Y' }]);
  });

  it('clinicians read only; other clinics get 404 everywhere', async () => {
    const { clinic, protocol } = await setup();
    const c = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'X',
      startDate: '2027-03-01',
      endDate: '2027-03-09',
    });
    const e = await enroll(clinic, protocol.id);
    const doc = clinic.as('clinician');
    // Not linked to a staff member: no members to read (clinician-scope.e2e-spec.ts).
    await doc.get('/v1/cohorts').expect(403);
    await doc
      .post('/v1/cohorts')
      .send({ name: 'Y', startDate: '2027-03-01', endDate: '2027-03-09' })
      .expect(403);
    await doc.patch(`/v1/cohorts/${c.id}`).send({ name: 'Z' }).expect(403);
    await doc.delete(`/v1/cohorts/${c.id}`).expect(403);
    await doc.post(`/v1/cohorts/${c.id}/members`).send({ enrollmentId: e.id }).expect(403);

    const other = await t().createClinic();
    const o = other.as('director');
    await o.get(`/v1/cohorts/${c.id}`).expect(404);
    await o.patch(`/v1/cohorts/${c.id}`).send({ name: 'Z' }).expect(404);
    await o.delete(`/v1/cohorts/${c.id}`).expect(404);
    await o.post(`/v1/cohorts/${c.id}/members`).send({ enrollmentId: e.id }).expect(404);
    await o.delete(`/v1/cohorts/${c.id}/members/${e.id}`).expect(404);
    expect((await o.get('/v1/cohorts').expect(200)).body.items).toEqual([]);
    // Their own cohort cannot take our enrollment.
    const theirs = await post(o, '/v1/cohorts', {
      name: 'T',
      startDate: '2027-03-01',
      endDate: '2027-03-09',
    });
    const res = await o
      .post(`/v1/cohorts/${theirs.id}/members`)
      .send({ enrollmentId: e.id })
      .expect(422);
    expect(res.body.errors[0].code).toBe('UNKNOWN_REFERENCE');
  });

  it('audits create, membership and delete', async () => {
    const { clinic, protocol } = await setup();
    const desk = clinic.as('frontdesk');
    const c = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'X',
      startDate: '2027-03-01',
      endDate: '2027-03-09',
    });
    const e = await enroll(clinic, protocol.id);
    await post(desk, `/v1/cohorts/${c.id}/members`, { enrollmentId: e.id }, 200);
    await desk.delete(`/v1/cohorts/${c.id}/members/${e.id}`).expect(200);
    await clinic.as('director').delete(`/v1/cohorts/${c.id}`).expect(204);
    const audit = await clinic.as('director').get('/v1/audit-log?limit=200').expect(200);
    const trail = audit.body.items
      .filter((a: { entityId: string }) => a.entityId === c.id || a.entityId === e.id)
      .map((a: { entityType: string; action: string }) => `${a.entityType}:${a.action}`)
      .reverse();
    expect(trail).toEqual([
      'cohort:create',
      'enrollment:create',
      'enrollment:join_cohort',
      'enrollment:leave_cohort',
      'cohort:delete',
    ]);
  });
});
