import { useTestApp } from '../harness/test-app';
import {
  clinicWithIvCatalog,
  createPatient,
  ivDefinition,
  post,
  protocolRowCounts,
  publishedIvProtocol,
} from '../factories/clinic-catalog';

describe('protocols API (e2e)', () => {
  const t = useTestApp();

  it('creates a protocol with a draft version 1, reads and lists it', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const created = await post(director, '/v1/protocols', {
      code: 'iv-mwf',
      name: 'IV M/W/F',
      description: 'Six infusions',
      definition: ivDefinition(),
    });
    expect(created).toMatchObject({
      code: 'iv-mwf',
      name: 'IV M/W/F',
      latestVersion: { version: 1, status: 'draft', publishedAt: null },
      publishedVersion: null,
      draftVersion: 1,
      archivedAt: null,
    });
    const got = await clinic.as('clinician').get(`/v1/protocols/${created.id}`).expect(200);
    expect(got.body).toEqual(created);
    const v1 = await clinic
      .as('frontdesk')
      .get(`/v1/protocols/${created.id}/versions/1`)
      .expect(200);
    expect(v1.body).toMatchObject({ version: 1, status: 'draft', protocolId: created.id });
    expect(v1.body.definition).toEqual(ivDefinition());
  });

  it('pages the list by code and hides archived protocols unless asked', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    for (const code of ['c-proto', 'a-proto', 'b-proto']) {
      await post(director, '/v1/protocols', { code, name: code, definition: ivDefinition() });
    }
    const page1 = await director.get('/v1/protocols?limit=2').expect(200);
    expect(page1.body.items.map((p: { code: string }) => p.code)).toEqual(['a-proto', 'b-proto']);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await director
      .get(`/v1/protocols?limit=2&cursor=${page1.body.nextCursor}`)
      .expect(200);
    expect(page2.body.items.map((p: { code: string }) => p.code)).toEqual(['c-proto']);
    expect(page2.body.nextCursor).toBeNull();

    await director.delete(`/v1/protocols/${page1.body.items[0].id}`).expect(200);
    const visible = await director.get('/v1/protocols').expect(200);
    expect(visible.body.items.map((p: { code: string }) => p.code)).toEqual(['b-proto', 'c-proto']);
    const all = await director.get('/v1/protocols?includeArchived=true').expect(200);
    expect(all.body.items).toHaveLength(3);
    await director.get('/v1/protocols?cursor=garbage').expect(400);
  });

  it('updates name/code, refuses a taken code, and archives/restores', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const a = await post(director, '/v1/protocols', {
      code: 'a',
      name: 'A',
      definition: ivDefinition(),
    });
    await post(director, '/v1/protocols', { code: 'b', name: 'B', definition: ivDefinition() });
    const renamed = await director
      .patch(`/v1/protocols/${a.id}`)
      .send({ name: 'A2', code: 'a2' })
      .expect(200);
    expect(renamed.body).toMatchObject({ name: 'A2', code: 'a2' });
    const taken = await director.patch(`/v1/protocols/${a.id}`).send({ code: 'b' }).expect(409);
    expect(taken.body.code).toBe('DUPLICATE');
    const dup = await director
      .post('/v1/protocols')
      .send({ code: 'b', name: 'again', definition: ivDefinition() })
      .expect(409);
    expect(dup.body.code).toBe('DUPLICATE');

    const archived = await director.delete(`/v1/protocols/${a.id}`).expect(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect((await director.delete(`/v1/protocols/${a.id}`).expect(409)).body.code).toBe(
      'ALREADY_ARCHIVED',
    );
    expect((await director.patch(`/v1/protocols/${a.id}`).send({ name: 'x' })).status).toBe(409);
    expect((await director.post(`/v1/protocols/${a.id}/versions`).send({})).body.code).toBe(
      'ARCHIVED',
    );
    const restored = await director.post(`/v1/protocols/${a.id}/restore`).expect(200);
    expect(restored.body.archivedAt).toBeNull();
  });

  describe('bad input changes nothing', () => {
    it.each([
      ['missing series', { series: undefined }, 400, '/definition/series'],
      ['count min above max', { countMin: 9 }, 400, '/definition/series/1/count/max'],
      ['unknown field', { extra: true }, 400, '/definition/extra'],
    ])('%s -> %s at %s', async (_name, change, status, pointer) => {
      const clinic = await clinicWithIvCatalog(t);
      const def: Record<string, unknown> = ivDefinition();
      if ('series' in change) delete def.series;
      if ('countMin' in change) {
        (def.series as { count: { min: number } }[])[1].count.min = change.countMin as number;
      }
      if ('extra' in change) def.extra = true;
      const before = await protocolRowCounts(t().dataSource);
      const res = await clinic
        .as('director')
        .post('/v1/protocols')
        .send({ code: 'x', name: 'X', definition: def })
        .expect(status);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ pointer })]),
      );
      expect(await protocolRowCounts(t().dataSource)).toEqual(before);
    });

    it('a session type the clinic lacks -> 422 UNKNOWN_REFERENCE with pointer', async () => {
      const clinic = await clinicWithIvCatalog(t);
      const def = ivDefinition();
      def.series[1].sessionType = 'esketamine-nasal';
      const before = await protocolRowCounts(t().dataSource);
      const res = await clinic
        .as('director')
        .post('/v1/protocols')
        .send({ code: 'x', name: 'X', definition: def })
        .expect(422);
      expect(res.body.errors).toEqual([
        expect.objectContaining({
          pointer: '/definition/series/1/sessionType',
          code: 'UNKNOWN_REFERENCE',
        }),
      ]);
      expect(await protocolRowCounts(t().dataSource)).toEqual(before);
    });

    it('a rule naming a missing series -> 422 UNKNOWN_REFERENCE on PUT; the draft is unchanged', async () => {
      const clinic = await clinicWithIvCatalog(t);
      const director = clinic.as('director');
      const p = await post(director, '/v1/protocols', {
        code: 'x',
        name: 'X',
        definition: ivDefinition(),
      });
      const def = ivDefinition();
      def.rules!.push({ type: 'notSameDay', series: ['dose', 'emdr'] } as never);
      const res = await director
        .put(`/v1/protocols/${p.id}/versions/1`)
        .send({ definition: def })
        .expect(422);
      expect(res.body.errors[0]).toMatchObject({ code: 'UNKNOWN_REFERENCE' });
      expect(res.body.errors[0].pointer).toMatch(/^\/definition\/rules\/1\/series/);
      const v1 = await director.get(`/v1/protocols/${p.id}/versions/1`).expect(200);
      expect(v1.body.definition).toEqual(ivDefinition());
    });

    it('a bad code -> 400 at /code', async () => {
      const clinic = await clinicWithIvCatalog(t);
      const res = await clinic
        .as('director')
        .post('/v1/protocols')
        .send({ code: 'Not A Slug', name: 'X', definition: ivDefinition() })
        .expect(400);
      expect(res.body.errors[0].pointer).toBe('/code');
    });
  });

  it('only directors write; front desk and clinicians read', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const p = await publishedIvProtocol(clinic);
    for (const role of ['frontdesk', 'clinician'] as const) {
      const agent = clinic.as(role);
      await agent.get('/v1/protocols').expect(200);
      await agent.get(`/v1/protocols/${p.id}/versions`).expect(200);
      await agent
        .post('/v1/protocols')
        .send({ code: 'y', name: 'Y', definition: ivDefinition() })
        .expect(403);
      await agent.patch(`/v1/protocols/${p.id}`).send({ name: 'Z' }).expect(403);
      await agent.delete(`/v1/protocols/${p.id}`).expect(403);
      await agent.post(`/v1/protocols/${p.id}/restore`).expect(403);
      await agent.post(`/v1/protocols/${p.id}/versions`).send({}).expect(403);
      await agent
        .put(`/v1/protocols/${p.id}/versions/1`)
        .send({ definition: ivDefinition() })
        .expect(403);
      await agent.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(403);
      await agent.post('/v1/protocol-templates/iv-ketamine-6-mwf/copy').send({}).expect(403);
    }
  });

  it("another clinic's key gets 404 on every route and an empty list", async () => {
    const clinic = await clinicWithIvCatalog(t);
    const p = await publishedIvProtocol(clinic);
    const other = (await t().createClinic()).as('director');
    const base = `/v1/protocols/${p.id}`;
    await other.get(base).expect(404);
    await other.patch(base).send({ name: 'x' }).expect(404);
    await other.delete(base).expect(404);
    await other.post(`${base}/restore`).expect(404);
    await other.get(`${base}/versions`).expect(404);
    await other.post(`${base}/versions`).send({}).expect(404);
    await other.get(`${base}/versions/1`).expect(404);
    await other.put(`${base}/versions/1`).send({ definition: ivDefinition() }).expect(404);
    await other.post(`${base}/versions/1/publish`).expect(404);
    await other.post(`${base}/versions/1/check`).expect(404);
    expect((await other.get('/v1/protocols?includeArchived=true').expect(200)).body.items).toEqual(
      [],
    );
  });

  it('writes audit rows for create, update, publish and archive', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const p = await post(director, '/v1/protocols', {
      code: 'iv',
      name: 'IV',
      definition: ivDefinition(),
    });
    await director.patch(`/v1/protocols/${p.id}`).send({ name: 'IV 2' }).expect(200);
    await director.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(200);
    await director.delete(`/v1/protocols/${p.id}`).expect(200);
    const audit = await director.get('/v1/audit-log?limit=200').expect(200);
    const mine = audit.body.items
      .filter((a: { entityType: string }) => a.entityType.startsWith('protocol'))
      .map((a: { action: string; entityType: string }) => `${a.entityType}:${a.action}`)
      .reverse();
    expect(mine).toEqual([
      'protocol:create',
      'protocol_version:create',
      'protocol:update',
      'protocol_version:publish',
      'protocol:archive',
    ]);
    const update = audit.body.items.find((a: { action: string }) => a.action === 'update');
    expect(update.before.name).toBe('IV');
    expect(update.after.name).toBe('IV 2');
  });

  it('refuses to archive a protocol with enrollments (409 IN_USE naming them); nothing changes', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const p = await publishedIvProtocol(clinic);
    const patient = await createPatient(clinic);
    await post(clinic.as('frontdesk'), '/v1/enrollments', {
      patientId: patient.id,
      protocolId: p.id,
      version: 1,
      earliestStart: '2027-03-01',
      latestEnd: '2027-03-31',
    });
    const before = await protocolRowCounts(t().dataSource);
    const res = await clinic.as('director').delete(`/v1/protocols/${p.id}`).expect(409);
    expect(res.body.code).toBe('IN_USE');
    expect(res.body.detail).toMatch(/1 enrollment \(version 1: 1\)/);
    expect(await protocolRowCounts(t().dataSource)).toEqual(before);
    const still = await clinic.as('director').get(`/v1/protocols/${p.id}`).expect(200);
    expect(still.body.archivedAt).toBeNull();
  });
});
