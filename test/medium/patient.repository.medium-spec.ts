import { PatientRepository } from '../../src/repositories/patient.repository';
import { EnrollmentService } from '../../src/services/enrollment.service';
import { createPatient, publishedIvProtocol, seedIvCatalog } from '../factories/clinic-catalog';
import { useTestApp } from '../harness/test-app';

/** PatientRepository's own queries (paging, record-number lookup, active enrollments) on SQL. */
describe('PatientRepository', () => {
  const t = useTestApp();
  const patients = () => t().get(PatientRepository);
  const patient = (displayName: string, extra: object = {}) => ({
    displayName,
    initials: displayName.slice(0, 2).toUpperCase(),
    externalRef: null,
    archivedAt: null,
    ...extra,
  });

  it('pages by display name after a patient id, filters by record number, hides archived rows', async () => {
    const clinic = await t().createClinic();
    const other = await t().createClinic();
    await patients().insert(other.id, patient('Aaron', { externalRef: 'MRN-1' }));
    const cara = await patients().insert(clinic.id, patient('Cara'));
    const ben = await patients().insert(clinic.id, patient('Ben', { externalRef: 'MRN-1' }));
    const abe = await patients().insert(clinic.id, patient('Abe', { archivedAt: new Date() }));
    const names = (rows: { displayName: string }[]) => rows.map((r) => r.displayName);

    expect(names(await patients().page(clinic.id, { limit: 10, includeArchived: false }))).toEqual([
      'Ben',
      'Cara',
    ]);
    expect(names(await patients().page(clinic.id, { limit: 10, includeArchived: true }))).toEqual([
      'Abe',
      'Ben',
      'Cara',
    ]);
    const after = await patients().page(clinic.id, {
      limit: 10,
      includeArchived: false,
      afterId: ben.id,
    });
    expect(after.map((r) => r.id)).toEqual([cara.id]);
    // An archived patient still anchors (the seek reads its current name); a renamed one
    // continues after its new place.
    const afterAbe = await patients().page(clinic.id, {
      limit: 10,
      includeArchived: false,
      afterId: abe.id,
    });
    expect(afterAbe.map((r) => r.id)).toEqual([ben.id, cara.id]);
    await patients().update(clinic.id, ben.id, { displayName: 'Cyd' });
    const afterRenamed = await patients().page(clinic.id, {
      limit: 10,
      includeArchived: false,
      afterId: ben.id,
    });
    expect(afterRenamed).toEqual([]);
    // A row the clinic does not have (another clinic's, deleted) anchors nothing: 400.
    const foreign = (await patients().page(other.id, { limit: 1, includeArchived: true }))[0];
    for (const afterId of [foreign.id, '00000000-0000-4000-8000-000000000000']) {
      await expect(
        patients().page(clinic.id, { limit: 10, includeArchived: false, afterId }),
      ).rejects.toMatchObject({ issues: [{ pointer: '/cursor', code: 'INVALID_CURSOR' }] });
    }
    const byRef = await patients().page(clinic.id, {
      limit: 10,
      includeArchived: false,
      externalRef: 'MRN-1',
    });
    expect(byRef.map((r) => r.id)).toEqual([ben.id]);
    expect((await patients().findByExternalRef(clinic.id, 'MRN-1'))?.id).toBe(ben.id);
    expect(await patients().findByExternalRef(clinic.id, 'MRN-2')).toBeNull();
  });

  it("lists the patient's active enrollments only, earliest first, with protocol and version", async () => {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const protocol = await publishedIvProtocol(clinic);
    const p = await createPatient(clinic);
    const someoneElse = await createPatient(clinic);
    const enroll = (patientId: string, earliestStart: string) =>
      t().get(EnrollmentService).create(clinic.actor, {
        patientId,
        protocolId: protocol.id,
        version: 1,
        earliestStart,
        latestEnd: '2027-12-31',
      });
    const april = await enroll(p.id, '2027-04-01');
    const march = await enroll(p.id, '2027-03-01');
    const done = await enroll(p.id, '2027-02-01');
    await t().get(EnrollmentService).update(clinic.actor, done.id, { status: 'completed' });
    await enroll(someoneElse.id, '2027-01-01');

    const active = await t().dataSource.transaction((manager) =>
      patients().activeEnrollments(clinic.id, p.id, manager),
    );
    expect(active).toEqual([
      { id: march.id, code: 'iv-mwf', version: 1 },
      { id: april.id, code: 'iv-mwf', version: 1 },
    ]);
    const other = await t().createClinic();
    expect(
      await t().dataSource.transaction((manager) =>
        patients().activeEnrollments(other.id, p.id, manager),
      ),
    ).toEqual([]);
  });
});
