import { useTestApp } from '../harness/test-app';

describe('/v1/clinic', () => {
  const t = useTestApp();

  it('returns the caller’s clinic', async () => {
    const clinic = await t().createClinic({
      name: 'Riverside',
      timeZone: 'Asia/Kolkata',
      closures: ['2027-03-02', '2027-01-26'],
    });
    const res = await clinic.as('frontdesk').get('/v1/clinic').expect(200);
    expect(res.body).toEqual({
      id: clinic.id,
      name: 'Riverside',
      timeZone: 'Asia/Kolkata',
      slotMinutes: 15,
      closures: ['2027-01-26', '2027-03-02'],
      feedPatientLabel: 'initials',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('PATCH changes only the fields sent and is audited with before/after and request id', async () => {
    const clinic = await t().createClinic({ name: 'Old name' });
    const res = await clinic
      .as('director')
      .patch('/v1/clinic')
      .set('X-Request-Id', 'patch-1')
      .send({ timeZone: 'Europe/Berlin', closures: ['2027-12-31', '2027-12-24'] })
      .expect(200);
    expect(res.body).toMatchObject({
      name: 'Old name',
      timeZone: 'Europe/Berlin',
      slotMinutes: 15,
      closures: ['2027-12-24', '2027-12-31'],
    });

    const audit = await clinic.as('director').get('/v1/audit-log?limit=1').expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'update',
      entityType: 'clinic',
      entityId: clinic.id,
      actor: clinic.keys.director.slice(0, 12),
      actorKeyId: clinic.keyIds.director,
      requestId: 'patch-1',
      before: { name: 'Old name', timeZone: 'America/New_York', closures: [] },
      after: {
        name: 'Old name',
        timeZone: 'Europe/Berlin',
        closures: ['2027-12-24', '2027-12-31'],
      },
    });
  });

  it.each([
    [{ slotMinutes: 241 }, '/slotMinutes', 'OUT_OF_RANGE'],
    [{ slotMinutes: 2.5 }, '/slotMinutes', 'INVALID_TYPE'],
    [{ slotMinutes: '15' }, '/slotMinutes', 'INVALID_TYPE'],
    [{ slotMinutes: 7 }, '/slotMinutes', 'INVALID_SLOT_MINUTES'],
    [{ slotMinutes: 50 }, '/slotMinutes', 'INVALID_SLOT_MINUTES'],
    [{ timeZone: 'EST5EDT-ish' }, '/timeZone', 'INVALID_TIME_ZONE'],
    [{ name: '' }, '/name', 'OUT_OF_RANGE'],
    [{ closures: '2027-01-01' }, '/closures', 'INVALID_TYPE'],
    [{ closures: ['2027-01-01', '2027-01-01'] }, '/closures', 'DUPLICATE'],
    [{ id: '00000000-0000-4000-8000-000000000000' }, '/id', 'UNKNOWN_FIELD'],
  ])('PATCH %j -> 400 at %s (%s), nothing changed or audited', async (body, pointer, code) => {
    const clinic = await t().createClinic();
    const res = await clinic.as('director').patch('/v1/clinic').send(body).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer, code })]);
    const audit = await clinic.as('director').get('/v1/audit-log').expect(200);
    expect(audit.body.items.filter((i: { action: string }) => i.action === 'update')).toEqual([]);
  });
});

describe('/v1/audit-log', () => {
  const t = useTestApp();

  it('pages newest first with an opaque cursor', async () => {
    const clinic = await t().createClinic();
    for (const name of ['one', 'two', 'three']) {
      await clinic.as('director').patch('/v1/clinic').send({ name }).expect(200);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/v1/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await clinic.as('director').get(url).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: { after: { name?: string } }) => i.after?.name ?? '-'));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    // 3 updates + clinic create + 3 key creates = 7 rows, newest first.
    expect(seen).toHaveLength(7);
    expect(seen.slice(0, 3)).toEqual(['three', 'two', 'one']);
    expect(pages).toBe(4);
  });

  it('rejects a bad cursor and a limit out of range with 400', async () => {
    const clinic = await t().createClinic();
    const bad = await clinic.as('director').get('/v1/audit-log?cursor=zzz').expect(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ pointer: '/cursor', code: 'INVALID_CURSOR' }),
    ]);
    const limit = await clinic.as('director').get('/v1/audit-log?limit=1000').expect(400);
    expect(limit.body.errors).toEqual([
      expect.objectContaining({ pointer: '/limit', code: 'OUT_OF_RANGE' }),
    ]);
    const unknown = await clinic.as('director').get('/v1/audit-log?sort=asc').expect(400);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ pointer: '/sort', code: 'UNKNOWN_FIELD' }),
    ]);
  });
});
