import { useTestApp } from '../harness/test-app';
import { usesPostgres } from '../harness/test-database';
import {
  createPatient,
  ivDefinition,
  post,
  publishedIvProtocol,
  seedIvCatalog,
} from '../factories/clinic-catalog';
import type { TestClinic } from '../harness/test-app';
import { expectProblem } from './support/catalog-resource.suite';

/** Two requests racing on one row need two connections: PGlite has one, so these only run on PostgreSQL. */
const itOnPostgres = usesPostgres() ? it : it.skip;

/** A clinic with the IV catalog, its protocol (v1 published, v2 draft) and an unused session type. */
async function draftAndUnusedSessionType(clinic: TestClinic) {
  await seedIvCatalog(clinic);
  const director = clinic.as('director');
  const protocol = await publishedIvProtocol(clinic);
  await post(director, `/v1/protocols/${protocol.id}/versions`, {});
  const sessionType = await post(director, '/v1/session-types', {
    code: 'ifs-60',
    name: 'IFS session',
    durationMinutes: 60,
    room: { features: ['therapy'] },
    staff: [{ role: 'prescriber' }],
  });
  const definition = ivDefinition();
  definition.series.push({ id: 'ifs', sessionType: 'ifs-60', count: { min: 1, max: 1 } });
  return { protocol, sessionTypeId: sessionType.id as string, definition };
}

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
    const c = await post(clinic.as('director'), '/v1/cohorts', {
      name: 'R',
      startDate: '2027-03-01',
      endDate: '2027-03-31',
    });
    const [del, add] = await Promise.all([
      clinic.as('director').delete(`/v1/cohorts/${c.id}`),
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

  itOnPostgres(
    'a draft naming a session type waits for its archive in progress, then refuses it (422)',
    async () => {
      const clinic = await t().createClinic();
      const { protocol, sessionTypeId, definition } = await draftAndUnusedSessionType(clinic);
      const director = clinic.as('director');
      const archiving = t().dataSource.createQueryRunner();
      await archiving.connect();
      try {
        await archiving.startTransaction();
        // An archive in progress holds the session type's row lock (as DELETE does).
        await archiving.query(`SELECT id FROM session_type WHERE id = $1 FOR UPDATE`, [
          sessionTypeId,
        ]);
        let settled = false;
        const saving = director
          .put(`/v1/protocols/${protocol.id}/versions/2`)
          .send({ definition })
          .then((res) => {
            settled = true;
            return res;
          });
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(settled).toBe(false);
        await archiving.query(`UPDATE session_type SET archived_at = now() WHERE id = $1`, [
          sessionTypeId,
        ]);
        await archiving.commitTransaction();
        const res = await saving;
        expectProblem(res, 422, '/definition/series/2/sessionType', 'UNKNOWN_REFERENCE');
      } finally {
        if (archiving.isTransactionActive) await archiving.rollbackTransaction();
        await archiving.release();
      }
      const v2 = await director.get(`/v1/protocols/${protocol.id}/versions/2`).expect(200);
      expect(v2.body.definition).toEqual(ivDefinition());
    },
  );

  itOnPostgres(
    'archiving a session type while protocols start naming it never leaves an archived one in use',
    async () => {
      for (let round = 0; round < 6; round++) {
        const clinic = await t().createClinic();
        const { protocol, sessionTypeId, definition } = await draftAndUnusedSessionType(clinic);
        const director = clinic.as('director');
        const [archived, saved, created] = await Promise.all([
          director.delete(`/v1/session-types/${sessionTypeId}`),
          director.put(`/v1/protocols/${protocol.id}/versions/2`).send({ definition }),
          director.post('/v1/protocols').send({ code: 'ifs-too', name: 'IFS too', definition }),
        ]);
        const stored = [saved, created].filter((r) => r.status === 200 || r.status === 201);
        if (archived.status === 200) {
          expect(stored).toEqual([]);
          for (const r of [saved, created]) {
            expectProblem(r, 422, '/definition/series/2/sessionType', 'UNKNOWN_REFERENCE');
          }
        } else {
          expect(archived.body.code).toBe('IN_USE');
          expect(stored.length).toBeGreaterThan(0);
        }
        const [{ n }] = await t().dataSource.query(
          `SELECT count(*)::int AS n FROM protocol_version v JOIN session_type s
              ON s.clinic_id = v.clinic_id AND s.archived_at IS NOT NULL
             AND v.definition @> jsonb_build_object(
                   'series', jsonb_build_array(jsonb_build_object('sessionType', s.code)))
           WHERE v.clinic_id = $1`,
          [clinic.id],
        );
        expect(n).toBe(0);
      }
    },
  );
});
