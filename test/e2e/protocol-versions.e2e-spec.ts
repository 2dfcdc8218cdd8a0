import { useTestApp } from '../harness/test-app';
import {
  clinicWithIvCatalog,
  ivDefinition,
  post,
  protocolRowCounts,
  publishedIvProtocol,
} from '../factories/clinic-catalog';

describe('protocol versions API (e2e)', () => {
  const t = useTestApp();

  it('edits a draft, publishes it (frozen), and creates the next draft from it', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const p = await post(director, '/v1/protocols', {
      code: 'iv',
      name: 'IV',
      definition: ivDefinition(),
    });
    const edited = { ...ivDefinition(), restDays: ['SU'] };
    const put = await director
      .put(`/v1/protocols/${p.id}/versions/1`)
      .send({ definition: edited })
      .expect(200);
    expect(put.body.definition.restDays).toEqual(['SU']);

    const published = await director.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(200);
    expect(published.body).toMatchObject({
      status: 'published',
      publishedAt: expect.any(String),
    });

    const frozen = await director
      .put(`/v1/protocols/${p.id}/versions/1`)
      .send({ definition: ivDefinition() })
      .expect(409);
    expect(frozen.body.code).toBe('PROTOCOL_VERSION_FROZEN');
    const again = await director.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(409);
    expect(again.body.code).toBe('PROTOCOL_VERSION_FROZEN');

    const v2 = await director.post(`/v1/protocols/${p.id}/versions`).send({}).expect(201);
    expect(v2.body).toMatchObject({ version: 2, status: 'draft', definition: edited });
    const twice = await director.post(`/v1/protocols/${p.id}/versions`).send({}).expect(409);
    expect(twice.body.code).toBe('DRAFT_EXISTS');

    const list = await director.get(`/v1/protocols/${p.id}/versions?limit=1`).expect(200);
    expect(list.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    const rest = await director
      .get(`/v1/protocols/${p.id}/versions?limit=1&cursor=${list.body.nextCursor}`)
      .expect(200);
    expect(rest.body.items.map((v: { version: number }) => v.version)).toEqual([2]);

    const summary = await director.get(`/v1/protocols/${p.id}`).expect(200);
    expect(summary.body).toMatchObject({
      latestVersion: { version: 2, status: 'draft' },
      publishedVersion: 1,
      draftVersion: 2,
    });
    await director.get(`/v1/protocols/${p.id}/versions/3`).expect(404);
    await director.get(`/v1/protocols/${p.id}/versions/abc`).expect(404);
  });

  it('copies a chosen version into a new draft; an unknown one is 422 at /fromVersion', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const p = await publishedIvProtocol(clinic);
    const bad = await director
      .post(`/v1/protocols/${p.id}/versions`)
      .send({ fromVersion: 9 })
      .expect(422);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ pointer: '/fromVersion', code: 'UNKNOWN_REFERENCE' }),
    ]);
    const v2 = await director
      .post(`/v1/protocols/${p.id}/versions`)
      .send({ fromVersion: 1 })
      .expect(201);
    expect(v2.body).toMatchObject({ version: 2, definition: ivDefinition() });
  });

  it('discards a draft; refuses the published and the only version', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const only = await post(director, '/v1/protocols', {
      code: 'only',
      name: 'Only',
      definition: ivDefinition(),
    });
    const alone = await director.delete(`/v1/protocols/${only.id}/versions/1`).expect(409);
    expect(alone.body.code).toBe('ONLY_VERSION');

    const p = await publishedIvProtocol(clinic);
    await post(director, `/v1/protocols/${p.id}/versions`, {});
    const frozen = await director.delete(`/v1/protocols/${p.id}/versions/1`).expect(409);
    expect(frozen.body.code).toBe('PROTOCOL_VERSION_FROZEN');
    await clinic.as('frontdesk').delete(`/v1/protocols/${p.id}/versions/2`).expect(403);
    const other = (await t().createClinic()).as('director');
    await other.delete(`/v1/protocols/${p.id}/versions/2`).expect(404);
    await director.delete(`/v1/protocols/${p.id}/versions/2`).expect(204);
    await director.get(`/v1/protocols/${p.id}/versions/2`).expect(404);
    const summary = await director.get(`/v1/protocols/${p.id}`).expect(200);
    expect(summary.body).toMatchObject({ draftVersion: null, publishedVersion: 1 });
    // The next draft takes the next free number again.
    const next = await post(director, `/v1/protocols/${p.id}/versions`, {});
    expect(next.version).toBe(2);
    const audit = await director.get('/v1/audit-log?limit=5').expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('delete');
  });

  it('refuses to publish a version the check finds impossible, with the findings', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const def = ivDefinition();
    def.spanDays = { max: 14 };
    def.series[1] = {
      id: 'dose',
      sessionType: 'ketamine-iv',
      count: { min: 8, max: 8, default: 8 },
      gapHours: { min: 72, max: 100 },
    };
    def.restDays = [];
    const p = await post(director, '/v1/protocols', {
      code: 'tight',
      name: 'T',
      definition: def,
    });

    const check = await clinic.as('frontdesk').post(`/v1/protocols/${p.id}/versions/1/check`);
    expect(check.status).toBe(200);
    const span = check.body.findings.find(
      (f: { code: string }) => f.code === 'SPAN_TOO_SHORT_FOR_GAPS',
    );
    expect(span).toMatchObject({ severity: 'error', pointer: '/spanDays/max' });
    expect(span.message).toMatch(/22/);

    const before = await protocolRowCounts(t().dataSource);
    const res = await director.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(422);
    expect(res.body.code).toBe('PROTOCOL_CHECK_FAILED');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          pointer: '/definition/spanDays/max',
          code: 'SPAN_TOO_SHORT_FOR_GAPS',
        }),
      ]),
    );
    expect(await protocolRowCounts(t().dataSource)).toEqual(before);
    const v1 = await director.get(`/v1/protocols/${p.id}/versions/1`).expect(200);
    expect(v1.body.status).toBe('draft');
  });

  it('stores a separation rule (format 1.1); the check reports one no patient can meet', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const def = ivDefinition();
    def.rules = [...def.rules!, { type: 'separation', series: ['dose'], minHours: 44 }];
    const p = await post(director, '/v1/protocols', { code: 'sep', name: 'Sep', definition: def });
    const v1 = await director.get(`/v1/protocols/${p.id}/versions/1`).expect(200);
    expect(v1.body.definition).toEqual(def);
    const ok = await director.post(`/v1/protocols/${p.id}/versions/1/check`).expect(200);
    expect(ok.body.findings.map((f: { code: string }) => f.code)).not.toContainEqual(
      expect.stringMatching(/^SEPARATION_/),
    );

    // Consecutive doses are at most 100 h apart (gapHours.max): 101 h can never hold.
    def.rules[1] = { type: 'separation', series: ['dose'], minHours: 101 };
    await director.put(`/v1/protocols/${p.id}/versions/1`).send({ definition: def }).expect(200);
    const bad = await director.post(`/v1/protocols/${p.id}/versions/1/check`).expect(200);
    expect(bad.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'error',
          code: 'SEPARATION_CONFLICTS_GAP',
          pointer: '/rules/1/minHours',
        }),
      ]),
    );
    await director.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(422);
  });

  it('stores a linked count and resumeGapHours (format 1.1); a broken link is 422', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const def = ivDefinition();
    def.series[1].resumeGapHours = { max: 168 };
    def.series.push({ id: 'check', sessionType: 'intake', count: { sameAs: 'dose' } });
    const p = await post(director, '/v1/protocols', { code: 'linked', name: 'L', definition: def });
    const v1 = await director.get(`/v1/protocols/${p.id}/versions/1`).expect(200);
    expect(v1.body.definition).toEqual(def);
    await director.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(200);

    const broken = ivDefinition();
    broken.series.push({ id: 'check', sessionType: 'intake', count: { sameAs: 'check' } });
    const res = await director
      .post('/v1/protocols')
      .send({ code: 'broken', name: 'B', definition: broken })
      .expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        pointer: '/definition/series/2/count/sameAs',
        code: 'COUNT_LINK_INVALID',
      }),
    ]);
    const mixed = await director
      .post('/v1/protocols')
      .send({
        code: 'mixed',
        name: 'M',
        definition: {
          ...broken,
          series: [
            ...broken.series.slice(0, 2),
            { id: 'x', sessionType: 'intake', count: { sameAs: 'dose', min: 1 } },
          ],
        },
      })
      .expect(400);
    expect(mixed.body.errors).toEqual([
      expect.objectContaining({ pointer: '/definition/series/2/count/min', code: 'UNKNOWN_FIELD' }),
    ]);
  });

  it('checks a weekday set that makes the gap rule impossible, and publishing is refused', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const def = ivDefinition();
    // Tue->Thu is 48 h and Thu->Tue 120 h: no consecutive pair can be 72-96 h apart.
    def.series[1] = { ...def.series[1], gapHours: { min: 72, max: 96 }, days: ['TU', 'TH'] };
    const p = await post(director, '/v1/protocols', { code: 'tt', name: 'TT', definition: def });
    const check = await director.post(`/v1/protocols/${p.id}/versions/1/check`).expect(200);
    expect(check.body.findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          severity: 'error',
          code: 'WEEKDAYS_BLOCK_GAP',
          pointer: expect.stringMatching(/^\/series\/1/),
        }),
      ]),
    );
    await director.post(`/v1/protocols/${p.id}/versions/1/publish`).expect(422);
  });

  it('checks against the clinic: a role nobody holds is reported', async () => {
    const clinic = await clinicWithIvCatalog(t);
    const director = clinic.as('director');
    const staff = await director.get('/v1/staff').expect(200);
    const rn = staff.body.items.find((s: { roles: string[] }) => s.roles.includes('rn'));
    await director.delete(`/v1/staff/${rn.id}`).expect(200);
    const p = await post(director, '/v1/protocols', {
      code: 'iv',
      name: 'IV',
      definition: ivDefinition(),
    });
    const check = await director.post(`/v1/protocols/${p.id}/versions/1/check`).expect(200);
    expect(check.body.findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'NO_STAFF_FOR_ROLE' })]),
    );
    expect(JSON.stringify(check.body.findings)).toMatch(/rn/);
  });
});
