import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import {
  createPatient,
  post,
  publishedIvProtocol,
  seedIvCatalog,
} from '../factories/clinic-catalog';

/**
 * Concurrent writes keep the catalog's invariants. Truly concurrent only on PostgreSQL
 * (DATABASE_URL); on PGlite the requests queue on its single connection, which the same
 * assertions also hold for.
 */
describe(`catalog races (e2e, ${usesPostgres() ? 'PostgreSQL' : 'PGlite'})`, () => {
  const t = useTestApp();

  it('concurrent "new draft" requests create exactly one draft', async () => {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const p = await publishedIvProtocol(clinic);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        clinic.as('director').post(`/v1/protocols/${p.id}/versions`).send({}),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    const [{ drafts }] = await t().dataSource.query(
      `SELECT count(*)::int AS drafts FROM protocol_version WHERE status = 'draft'`,
    );
    expect(drafts).toBe(1);
  });

  it('concurrent creates with one externalRef store one patient', async () => {
    const clinic = await t().createClinic();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        clinic
          .as('frontdesk')
          .post('/v1/patients')
          .send({ displayName: `P${i}`, initials: 'P', externalRef: 'MRN-RACE' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'DUPLICATE')).toBe(
      true,
    );
  });

  it('archiving a protocol while patients enroll never leaves an archived protocol in use', async () => {
    for (let round = 0; round < 4; round++) {
      const clinic = await t().createClinic();
      await seedIvCatalog(clinic);
      const p = await publishedIvProtocol(clinic);
      const patients = await Promise.all([0, 1, 2].map(() => createPatient(clinic)));
      const enrollments = patients.map((patient) =>
        clinic.as('frontdesk').post('/v1/enrollments').send({
          patientId: patient.id,
          protocolId: p.id,
          version: 1,
          earliestStart: '2027-03-01',
          latestEnd: '2027-03-31',
        }),
      );
      const archive = clinic.as('director').delete(`/v1/protocols/${p.id}`);
      const [archived, ...enrolled] = await Promise.all([archive, ...enrollments]);
      const created = enrolled.filter((r) => r.status === 201).length;
      const [{ n }] = await t().dataSource.query(
        `SELECT count(*)::int AS n FROM enrollment e JOIN protocol_version v ON v.id = e.protocol_version_id
          WHERE v.protocol_id = $1`,
        [p.id],
      );
      expect(n).toBe(created);
      if (archived.status === 200) expect(created).toBe(0);
      else expect(archived.body.code).toBe('IN_USE');
      for (const r of enrolled.filter((e) => e.status !== 201)) {
        expect(r.body.errors[0].code).toBe('PROTOCOL_ARCHIVED');
      }
    }
  });

  it('deleting a cohort while members join never orphans a membership', async () => {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const p = await publishedIvProtocol(clinic);
    const desk = clinic.as('frontdesk');
    const patient = await createPatient(clinic);
    const e = await post(desk, '/v1/enrollments', {
      patientId: patient.id,
      protocolId: p.id,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
    });
    const c = await post(desk, '/v1/cohorts', {
      name: 'R',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
    });
    const [del, add] = await Promise.all([
      desk.delete(`/v1/cohorts/${c.id}`),
      desk.post(`/v1/cohorts/${c.id}/members`).send({ enrollmentId: e.id }),
    ]);
    const after = await desk.get(`/v1/enrollments/${e.id}`).expect(200);
    if (del.status === 204) {
      expect(add.status).toBe(404);
      expect(after.body.cohortId).toBeNull();
    } else {
      expect(del.body.code).toBe('IN_USE');
      expect(add.status).toBe(200);
      expect(after.body.cohortId).toBe(c.id);
    }
  });
});
