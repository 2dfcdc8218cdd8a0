import { useTestApp } from '../harness/test-app';
import {
  createPatient,
  post,
  publishedIvProtocol,
  seedIvCatalog,
} from '../factories/clinic-catalog';

describe('patients API (e2e)', () => {
  const t = useTestApp();

  const patientRows = async () =>
    (await t().dataSource.query(`SELECT count(*)::int AS n FROM patient`))[0].n as number;

  it('front desk creates, reads, updates, archives and restores a patient', async () => {
    const clinic = await t().createClinic();
    const desk = clinic.as('frontdesk');
    const created = await post(desk, '/v1/patients', {
      displayName: 'Jordan R.',
      initials: 'JR',
      externalRef: 'MRN-1',
    });
    expect(created).toMatchObject({
      displayName: 'Jordan R.',
      initials: 'JR',
      externalRef: 'MRN-1',
      archivedAt: null,
    });
    expect(
      (await clinic.as('director').get(`/v1/patients/${created.id}`).expect(200)).body,
    ).toEqual(created);
    const updated = await desk
      .patch(`/v1/patients/${created.id}`)
      .send({ displayName: 'Jordan Rivers', externalRef: null })
      .expect(200);
    expect(updated.body).toMatchObject({
      displayName: 'Jordan Rivers',
      externalRef: null,
      initials: 'JR',
    });
    const archived = await desk.delete(`/v1/patients/${created.id}`).expect(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect((await desk.patch(`/v1/patients/${created.id}`).send({ initials: 'J' })).body.code).toBe(
      'ARCHIVED',
    );
    expect((await desk.get('/v1/patients').expect(200)).body.items).toEqual([]);
    expect(
      (await desk.get('/v1/patients?includeArchived=true').expect(200)).body.items,
    ).toHaveLength(1);
    await desk.post(`/v1/patients/${created.id}/restore`).expect(200);
    expect((await desk.get('/v1/patients').expect(200)).body.items).toHaveLength(1);
  });

  it('pages by display name and filters by external reference', async () => {
    const clinic = await t().createClinic();
    for (const [name, ref] of [
      ['Casey', 'R3'],
      ['Alex', 'R1'],
      ['Blake', 'R2'],
    ]) {
      await createPatient(clinic, { displayName: name, externalRef: ref });
    }
    const desk = clinic.as('frontdesk');
    const p1 = await desk.get('/v1/patients?limit=2').expect(200);
    expect(p1.body.items.map((p: { displayName: string }) => p.displayName)).toEqual([
      'Alex',
      'Blake',
    ]);
    const p2 = await desk.get(`/v1/patients?limit=2&cursor=${p1.body.nextCursor}`).expect(200);
    expect(p2.body.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Casey']);
    expect(p2.body.nextCursor).toBeNull();
    const byRef = await desk.get('/v1/patients?externalRef=R2').expect(200);
    expect(byRef.body.items.map((p: { displayName: string }) => p.displayName)).toEqual(['Blake']);
  });

  it('cursors carry no patient name; paging returns every patient once, in order', async () => {
    const clinic = await t().createClinic();
    const names = ['Alex M.', 'Casey Q.', 'Alex M.', 'Blake Z.', 'Drew P.', 'Alex M.'];
    for (const displayName of names) await createPatient(clinic, { displayName });
    const desk = clinic.as('frontdesk');
    const seen: { id: string; displayName: string }[] = [];
    const cursors: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await desk.get(`/v1/patients?limit=1${query}`).expect(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
      if (cursor) cursors.push(cursor);
    } while (cursor);
    const all = (await desk.get('/v1/patients?limit=200').expect(200)).body.items;
    expect(seen).toEqual(all);
    expect(new Set(seen.map((p) => p.id)).size).toBe(names.length);
    expect(seen.map((p) => p.displayName)).toEqual([...names].sort());
    for (const [i, c] of cursors.entries()) {
      const decoded = Buffer.from(c, 'base64url').toString('utf8');
      expect(JSON.parse(decoded)).toEqual([seen[i].id]);
      for (const name of names) expect(decoded).not.toContain(name.split(' ')[0]);
    }

    // A cursor whose patient is gone (or another clinic's) is 400: list again from the start.
    await t().dataSource.query(`DELETE FROM patient WHERE id = $1`, [seen[0].id]);
    const stale = await desk.get(`/v1/patients?cursor=${cursors[0]}`).expect(400);
    expect(stale.body.errors).toEqual([
      expect.objectContaining({ pointer: '/cursor', code: 'INVALID_CURSOR' }),
    ]);
    expect(stale.body.errors[0].message).toContain('first page');
    const other = await t().createClinic();
    await other.as('frontdesk').get(`/v1/patients?cursor=${cursors[1]}`).expect(400);
  });

  it('externalRef is unique per clinic (409), but another clinic may reuse it', async () => {
    const clinic = await t().createClinic();
    await createPatient(clinic, { externalRef: 'MRN-7' });
    const before = await patientRows();
    const dup = await clinic
      .as('frontdesk')
      .post('/v1/patients')
      .send({ displayName: 'Other', initials: 'O', externalRef: 'MRN-7' })
      .expect(409);
    expect(dup.body.code).toBe('DUPLICATE');
    expect(await patientRows()).toBe(before);
    const other = await t().createClinic();
    await createPatient(other, { externalRef: 'MRN-7' });
  });

  it.each([
    ['missing displayName', { initials: 'A' }, '/displayName', 'REQUIRED'],
    ['numeric displayName', { displayName: 5, initials: 'A' }, '/displayName', 'INVALID_TYPE'],
    ['empty displayName', { displayName: '', initials: 'A' }, '/displayName', 'OUT_OF_RANGE'],
    ['initials with digits', { displayName: 'A', initials: 'A1' }, '/initials', 'INVALID_FORMAT'],
    [
      'clinical notes are not a field',
      { displayName: 'A', initials: 'A', notes: 'x' },
      '/notes',
      'UNKNOWN_FIELD',
    ],
  ])('bad input (%s): 400, nothing stored', async (_name, body, pointer, code) => {
    const clinic = await t().createClinic();
    const res = await clinic.as('frontdesk').post('/v1/patients').send(body).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer, code })]);
    expect(await patientRows()).toBe(0);
  });

  it('clinicians may not write patients', async () => {
    const clinic = await t().createClinic();
    const p = await createPatient(clinic);
    const doc = clinic.as('clinician');
    await doc.post('/v1/patients').send({ displayName: 'A', initials: 'A' }).expect(403);
    await doc.patch(`/v1/patients/${p.id}`).send({ initials: 'B' }).expect(403);
    await doc.delete(`/v1/patients/${p.id}`).expect(403);
    await doc.post(`/v1/patients/${p.id}/restore`).expect(403);
  });

  it("another clinic's key gets 404 on every route and does not list the patient", async () => {
    const clinic = await t().createClinic();
    const p = await createPatient(clinic);
    const other = (await t().createClinic()).as('director');
    await other.get(`/v1/patients/${p.id}`).expect(404);
    await other.patch(`/v1/patients/${p.id}`).send({ initials: 'B' }).expect(404);
    await other.delete(`/v1/patients/${p.id}`).expect(404);
    await other.post(`/v1/patients/${p.id}/restore`).expect(404);
    expect((await other.get('/v1/patients?includeArchived=true').expect(200)).body.items).toEqual(
      [],
    );
  });

  it('refuses to archive a patient with an active enrollment; allowed once withdrawn', async () => {
    const clinic = await t().createClinic();
    await seedIvCatalog(clinic);
    const protocol = await publishedIvProtocol(clinic);
    const p = await createPatient(clinic);
    const e = await post(clinic.as('frontdesk'), '/v1/enrollments', {
      patientId: p.id,
      protocolId: protocol.id,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
    });
    const res = await clinic.as('frontdesk').delete(`/v1/patients/${p.id}`).expect(409);
    expect(res.body.code).toBe('IN_USE');
    expect(res.body.detail).toContain(e.id);
    expect((await clinic.as('frontdesk').get(`/v1/patients/${p.id}`)).body.archivedAt).toBeNull();
    await clinic
      .as('frontdesk')
      .patch(`/v1/enrollments/${e.id}`)
      .send({ status: 'withdrawn' })
      .expect(200);
    await clinic.as('frontdesk').delete(`/v1/patients/${p.id}`).expect(200);
  });

  it('audits writes (director reads them) and never logs patient names', async () => {
    const clinic = await t().createClinic();
    const p = await createPatient(clinic, { displayName: 'Zebulon Quux' });
    await clinic.as('frontdesk').patch(`/v1/patients/${p.id}`).send({ initials: 'ZQ' }).expect(200);
    await clinic.as('frontdesk').get(`/v1/patients/${p.id}`).expect(200);
    await clinic.as('frontdesk').get('/v1/audit-log').expect(403);
    const audit = await clinic.as('director').get('/v1/audit-log').expect(200);
    const rows = audit.body.items.filter((a: { entityType: string }) => a.entityType === 'patient');
    expect(rows.map((a: { action: string }) => a.action)).toEqual(['update', 'create']);
    expect(rows[0].before.initials).toBe('TP');
    expect(rows[0].after.initials).toBe('ZQ');
    expect(JSON.stringify(t().logs)).not.toContain('Zebulon');
  });
});
