import { ApiKeyService } from '../../src/services/api-key.service';
import { useTestApp } from '../harness/test-app';

describe('API keys and roles', () => {
  const t = useTestApp();

  it('401 without a key, with a malformed or unknown key', async () => {
    for (const header of [undefined, 'Bearer nope', 'Bearer kps_' + 'A'.repeat(32), 'Basic abc']) {
      const req = t().http.get('/v1/clinic');
      if (header) req.set('Authorization', header);
      const res = await req.expect(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(['UNAUTHENTICATED', 'INVALID_API_KEY']).toContain(res.body.code);
    }
  });

  it('accepts Authorization: Bearer and X-Api-Key', async () => {
    const clinic = await t().createClinic();
    await t()
      .http.get('/v1/clinic')
      .set('Authorization', `Bearer ${clinic.keys.frontdesk}`)
      .expect(200);
    const res = await t()
      .http.get('/v1/clinic')
      .set('X-Api-Key', clinic.keys.clinician)
      .expect(200);
    expect(res.body.id).toBe(clinic.id);
  });

  it.each([
    ['director', 'GET', '/v1/clinic', 200],
    ['frontdesk', 'GET', '/v1/clinic', 200],
    ['clinician', 'GET', '/v1/clinic', 200],
    ['director', 'PATCH', '/v1/clinic', 200],
    ['frontdesk', 'PATCH', '/v1/clinic', 403],
    ['clinician', 'PATCH', '/v1/clinic', 403],
    ['director', 'GET', '/v1/api-keys', 200],
    ['frontdesk', 'GET', '/v1/api-keys', 403],
    ['clinician', 'POST', '/v1/api-keys', 403],
    ['director', 'GET', '/v1/audit-log', 200],
    ['frontdesk', 'GET', '/v1/audit-log', 403],
    ['clinician', 'GET', '/v1/audit-log', 403],
  ] as const)('%s %s %s -> %i', async (role, method, path, status) => {
    const clinic = await t().createClinic();
    const agent = clinic.as(role);
    const req =
      method === 'GET'
        ? agent.get(path)
        : method === 'PATCH'
          ? agent.patch(path)
          : agent.post(path);
    const body = method === 'PATCH' ? { name: 'x' } : { name: 'x', role: 'frontdesk' };
    const res = await req.send(method === 'GET' ? undefined : body);
    expect(res.status).toBe(status);
    if (status === 403) expect(res.body.code).toBe('FORBIDDEN');
  });

  it('director creates a key shown once, lists it without the secret, revokes it', async () => {
    const clinic = await t().createClinic();
    const director = clinic.as('director');
    const created = await director
      .post('/v1/api-keys')
      .send({ name: 'desk', role: 'frontdesk' })
      .expect(201);
    expect(created.body.secret).toMatch(/^kps_[A-Za-z0-9_-]{32}$/);
    expect(created.body.prefix).toBe(created.body.secret.slice(0, 12));
    const secret: string = created.body.secret;

    await t().http.get('/v1/clinic').set('X-Api-Key', secret).expect(200);
    const list = await director.get('/v1/api-keys').expect(200);
    expect(list.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect(JSON.stringify(list.body)).not.toMatch(/secretHash|secret_hash/);

    const stored = await t().dataSource.query(`SELECT secret_hash FROM api_key WHERE id = $1`, [
      created.body.id,
    ]);
    expect(stored[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0].secret_hash).not.toContain(secret.slice(4));

    const revoked = await director.delete(`/v1/api-keys/${created.body.id}`).expect(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await t().http.get('/v1/clinic').set('X-Api-Key', secret).expect(401);
    expect(after.body.code).toBe('INVALID_API_KEY');
    const again = await director.delete(`/v1/api-keys/${created.body.id}`).expect(409);
    expect(again.body.code).toBe('ALREADY_REVOKED');
  });

  it("refuses to revoke the clinic's last active director key, even when raced", async () => {
    const clinic = await t().createClinic();
    const director = clinic.as('director');
    const own = clinic.keyIds.director;
    const keysBefore = (await director.get('/v1/api-keys').expect(200)).body;

    const last = await director.delete(`/v1/api-keys/${own}`).expect(409);
    expect(last.body).toMatchObject({ code: 'LAST_DIRECTOR_KEY', status: 409 });
    expect(last.body.detail).toContain('last active director key');
    expect((await director.get('/v1/api-keys').expect(200)).body).toEqual(keysBefore);
    const audit = await t().dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'revoke'`,
    );
    expect(audit[0].n).toBe(0);

    // Other keys are revocable; a second director key makes the first revocable once.
    await director.delete(`/v1/api-keys/${clinic.keyIds.frontdesk}`).expect(200);
    const second = await director
      .post('/v1/api-keys')
      .send({ name: 'deputy', role: 'director' })
      .expect(201);
    // Over HTTP the loser is 409, or 401 when its own key was revoked before it was checked.
    const results = await Promise.all([
      director.delete(`/v1/api-keys/${second.body.id}`),
      t().http.delete(`/v1/api-keys/${own}`).set('Authorization', `Bearer ${second.body.secret}`),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    const loser = results.find((r) => r.status !== 200)!;
    expect([409, 401]).toContain(loser.status);
    if (loser.status === 409) expect(loser.body.code).toBe('LAST_DIRECTOR_KEY');
    expect(await activeDirectors(clinic.id)).toBe(1);

    // The same race below authentication: exactly one of the two revocations commits.
    const third = (
      await t().get(ApiKeyService).create(clinic.actor, { name: 'third', role: 'director' })
    ).id;
    const survivor = results[0].status === 200 ? own : second.body.id;
    const actor = { ...clinic.actor, keyId: survivor };
    const raced = await Promise.allSettled([
      t().get(ApiKeyService).revoke(actor, survivor),
      t().get(ApiKeyService).revoke(actor, third),
    ]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = raced.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'LAST_DIRECTOR_KEY' });
    expect(await activeDirectors(clinic.id)).toBe(1);
  });

  const activeDirectors = async (clinicId: string): Promise<number> =>
    (
      await t().dataSource.query(
        `SELECT count(*)::int AS n FROM api_key
          WHERE clinic_id = $1 AND role = 'director' AND revoked_at IS NULL`,
        [clinicId],
      )
    )[0].n;

  it('validates key creation input', async () => {
    const clinic = await t().createClinic();
    const res = await clinic
      .as('director')
      .post('/v1/api-keys')
      .send({ name: '', role: 'admin', staffId: 'x' })
      .expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/name',
      '/role',
      '/staffId',
    ]);
    expect(res.body.errors.find((e: { pointer: string }) => e.pointer === '/role').code).toBe(
      'NOT_ALLOWED',
    );
  });
});

describe('clinician keys name a staff member of their own clinic', () => {
  const t = useTestApp();

  it('accepts own staff for a clinician key, refuses other roles and foreign staff (422)', async () => {
    const a = await t().createClinic();
    const b = await t().createClinic();
    const staff = await a
      .as('director')
      .post('/v1/staff')
      .send({ name: 'Dr. Rivera', roles: ['emdr-therapist'] })
      .expect(201);
    const own = await a
      .as('director')
      .post('/v1/api-keys')
      .send({ name: 'rivera', role: 'clinician', staffId: staff.body.id })
      .expect(201);
    expect(own.body.staffId).toBe(staff.body.id);

    const wrongRole = await a
      .as('director')
      .post('/v1/api-keys')
      .send({ name: 'x', role: 'frontdesk', staffId: staff.body.id })
      .expect(422);
    expect(wrongRole.body.errors).toEqual([
      expect.objectContaining({ pointer: '/staffId', code: 'STAFF_ONLY_FOR_CLINICIAN' }),
    ]);
    const foreign = await b
      .as('director')
      .post('/v1/api-keys')
      .send({ name: 'x', role: 'clinician', staffId: staff.body.id })
      .expect(422);
    expect(foreign.body.errors).toEqual([
      expect.objectContaining({ pointer: '/staffId', code: 'UNKNOWN_STAFF' }),
    ]);
  });
});

describe('tenant isolation', () => {
  const t = useTestApp();

  it("another clinic's rows answer 404, never 403 or data", async () => {
    const a = await t().createClinic({ name: 'A' });
    const b = await t().createClinic({ name: 'B' });

    await a.as('director').get(`/v1/clinics/${a.id}`).expect(200);
    const foreign = await b.as('director').get(`/v1/clinics/${a.id}`).expect(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    await b.as('director').get('/v1/clinics/not-a-uuid').expect(404);

    // B cannot revoke A's key, and A's key keeps working.
    await b.as('director').delete(`/v1/api-keys/${a.keyIds.frontdesk}`).expect(404);
    await a.as('frontdesk').get('/v1/clinic').expect(200);

    // Lists and the audit log only show the caller's clinic.
    const keys = await b.as('director').get('/v1/api-keys').expect(200);
    expect(keys.body.map((k: { id: string }) => k.id).sort()).toEqual(
      Object.values(b.keyIds).sort(),
    );
    await a.as('director').patch('/v1/clinic').send({ name: 'A2' }).expect(200);
    const audit = await b.as('director').get('/v1/audit-log?limit=200').expect(200);
    expect(JSON.stringify(audit.body)).not.toContain(a.id);
  });
});
