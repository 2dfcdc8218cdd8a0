import { useTestApp } from '../harness/test-app';
import { post } from '../factories/clinic-catalog';

describe('protocol templates API (e2e)', () => {
  const t = useTestApp();

  it('lists templates with their sources and shows one in full', async () => {
    const clinic = await t().createClinic();
    const list = await clinic.as('clinician').get('/v1/protocol-templates').expect(200);
    const iv = list.body.items.find((x: { id: string }) => x.id === 'iv-ketamine-6-mwf');
    expect(iv.source).toMatchObject({ year: 2013, doi: expect.any(String) });
    expect(list.body.items.every((x: { source: { title: string } }) => x.source.title)).toBe(true);
    const one = await clinic
      .as('frontdesk')
      .get('/v1/protocol-templates/iv-ketamine-6-mwf')
      .expect(200);
    expect(one.body.definition.series.map((s: { id: string }) => s.id)).toEqual([
      'intake',
      'infusion',
    ]);
    expect(one.body.sessionTypes.map((s: { id: string }) => s.id)).toEqual([
      'intake',
      'ketamine-iv',
    ]);
    await clinic.as('director').get('/v1/protocol-templates/nope').expect(404);
  });

  it('copies a template as a draft with the missing session types, once per code', async () => {
    const clinic = await t().createClinic();
    const director = clinic.as('director');
    await post(director, '/v1/session-types', {
      code: 'intake',
      name: 'Our intake',
      durationMinutes: 45,
      room: null,
      staff: [{ role: 'prescriber', count: 1 }],
    });
    const copy = await post(director, '/v1/protocol-templates/iv-ketamine-6-mwf/copy', {});
    expect(copy.createdSessionTypes).toEqual(['ketamine-iv']);
    expect(copy.existingSessionTypes).toEqual(['intake']);
    expect(copy.protocol).toMatchObject({
      code: 'iv-ketamine-6-mwf',
      draftVersion: 1,
      publishedVersion: null,
    });
    expect((copy.protocol as { description: string }).description).toMatch(/Murrough/);
    // No staff or rooms yet: the check says so.
    const codes = (copy.findings as { code: string }[]).map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['NO_STAFF_FOR_ROLE', 'NO_ROOM_WITH_FEATURES']));

    const types = await director.get('/v1/session-types').expect(200);
    const intake = types.body.items.find((s: { code: string }) => s.code === 'intake');
    expect(intake).toMatchObject({ name: 'Our intake', durationMinutes: 45 });

    const dup = await director
      .post('/v1/protocol-templates/iv-ketamine-6-mwf/copy')
      .send({})
      .expect(409);
    expect(dup.body.code).toBe('DUPLICATE');
    const renamed = await post(director, '/v1/protocol-templates/iv-ketamine-6-mwf/copy', {
      code: 'iv-six',
      name: 'Our IV course',
    });
    expect(renamed.createdSessionTypes).toEqual([]);
    expect(renamed.protocol).toMatchObject({ code: 'iv-six', name: 'Our IV course' });

    const other = (await t().createClinic()).as('director');
    expect((await other.get('/v1/protocols').expect(200)).body.items).toEqual([]);
    expect((await other.get('/v1/session-types').expect(200)).body.items).toEqual([]);
  });

  it('every template copies into an empty clinic', async () => {
    const clinic = await t().createClinic();
    const list = await clinic.as('director').get('/v1/protocol-templates').expect(200);
    for (const template of list.body.items as { id: string }[]) {
      await post(clinic.as('director'), `/v1/protocol-templates/${template.id}/copy`, {});
    }
    const protocols = await clinic.as('director').get('/v1/protocols?limit=200').expect(200);
    expect(protocols.body.items).toHaveLength(list.body.items.length);
  });

  it('audits the session types a copy creates exactly as POST /v1/session-types does', async () => {
    const clinic = await t().createClinic();
    const director = clinic.as('director');
    const copy = await post(director, '/v1/protocol-templates/iv-ketamine-6-mwf/copy', {});
    expect(copy.createdSessionTypes).toEqual(['intake', 'ketamine-iv']);
    const audit = await director.get('/v1/audit-log?limit=200').expect(200);
    const created = audit.body.items.filter(
      (e: { entityType: string; action: string }) =>
        e.entityType === 'session_type' && e.action === 'create',
    );
    expect(created).toHaveLength(2);
    for (const entry of created) {
      const read = await director.get(`/v1/session-types/${entry.entityId}`).expect(200);
      expect(entry.before).toBeNull();
      expect(entry.after).toEqual(read.body);
    }
  });
});
