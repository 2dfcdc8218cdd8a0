/**
 * The e2e checks every archivable catalog resource (staff, rooms, session types) must pass:
 * CRUD with paging, archive/restore, roles, tenant isolation, audit rows, and bad input that
 * changes nothing. Each resource's spec calls `catalogResourceSuite` and adds its own rules.
 */
import type { Response } from 'supertest';
import type { TestApp, TestClinic } from '../../harness/test-app';

export interface CatalogResourceSpec {
  /** Route prefix, e.g. `/v1/rooms`. */
  path: string;
  /** audit_log.entity_type. */
  entityType: string;
  /** A valid create body; `i` makes it distinct (and sets its list order by i). */
  valid(i: number): Record<string, unknown>;
  /** A valid PATCH body and the fields it must change to. */
  patch: Record<string, unknown>;
  /** Bad create bodies: each must be refused with that status, pointer and code. */
  badCreates: BadInput[];
  /** Bad PATCH bodies (applied to a fresh valid row). */
  badPatches: BadInput[];
}

export interface BadInput {
  name: string;
  body: Record<string, unknown>;
  status: 400 | 422;
  pointer: string;
  code: string;
}

/** A bad-input case: 400 unless said otherwise. */
export function bad(
  name: string,
  body: Record<string, unknown>,
  pointer: string,
  code: string,
  status: 400 | 422 = 400,
): BadInput {
  return { name, body, status, pointer, code };
}

const FOREIGN_ID = '00000000-0000-4000-8000-000000000042';

/** Everything a clinic can observe of the resource plus the whole audit log (row count). */
export async function observedState(t: TestApp, clinic: TestClinic, path: string) {
  const list = await clinic.as('director').get(`${path}?includeArchived=true&limit=200`);
  expect(list.status).toBe(200);
  const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_log`);
  return { items: list.body.items as unknown[], auditRows: count as number };
}

export function expectProblem(res: Response, status: number, pointer: string, code: string) {
  expect({ status: res.status, type: res.headers['content-type'] }).toEqual({
    status,
    type: expect.stringMatching(/^application\/problem\+json/),
  });
  expect(res.body.errors).toEqual(
    expect.arrayContaining([expect.objectContaining({ pointer, code })]),
  );
}

export function catalogResourceSuite(t: () => TestApp, spec: CatalogResourceSpec): void {
  const { path } = spec;
  const create = async (clinic: TestClinic, i: number) => {
    const res = await clinic.as('director').post(path).send(spec.valid(i));
    expect(res.status).toBe(201);
    return res.body as { id: string } & Record<string, unknown>;
  };

  it('creates, reads, updates, and lists in pages', async () => {
    const clinic = await t().createClinic();
    const made = await create(clinic, 1);
    expect(made).toMatchObject({ ...spec.valid(1), archivedAt: null });
    const read = await clinic.as('frontdesk').get(`${path}/${made.id}`).expect(200);
    expect(read.body).toEqual(made);

    const updated = await clinic.as('director').patch(`${path}/${made.id}`).send(spec.patch);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ ...spec.patch, id: made.id });
    const reread = await clinic.as('clinician').get(`${path}/${made.id}`).expect(200);
    // Staff and room PATCHes also list the booked appointments they affect (none here).
    const { affectedAppointments, repair, repairs, ...record } = updated.body;
    if (affectedAppointments !== undefined)
      expect({ affectedAppointments, repair, repairs }).toEqual({
        affectedAppointments: [],
        repair: null,
        repairs: [],
      });
    expect(reread.body).toEqual(record);

    for (const i of [2, 3, 4, 5]) await create(clinic, i);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = await clinic.as('clinician').get(`${path}${query}`).expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((x: { id: string }) => x.id));
      cursor = page.body.nextCursor;
      // The cursor names the last row by id only (a staff name is personal data).
      if (cursor) {
        const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        expect(key).toEqual([page.body.items[page.body.items.length - 1].id]);
      }
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const all = await clinic.as('director').get(`${path}?limit=200`).expect(200);
    expect(all.body.items.map((x: { id: string }) => x.id)).toEqual(seen);
    expect(all.body.nextCursor).toBeNull();
  });

  it('a forged or foreign-shaped cursor is 400 INVALID_CURSOR', async () => {
    const clinic = await t().createClinic();
    for (const cursor of ['nonsense', Buffer.from('["a"]').toString('base64url')]) {
      const res = await clinic.as('director').get(`${path}?cursor=${cursor}`);
      expectProblem(res, 400, '/cursor', 'INVALID_CURSOR');
    }
  });

  it('DELETE archives (hidden from lists, still readable), restore brings it back', async () => {
    const clinic = await t().createClinic();
    const made = await create(clinic, 1);
    const archived = await clinic.as('director').delete(`${path}/${made.id}`).expect(200);
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect((await clinic.as('director').get(path).expect(200)).body.items).toEqual([]);
    const withArchived = await clinic.as('director').get(`${path}?includeArchived=true`);
    expect(withArchived.body.items.map((x: { id: string }) => x.id)).toEqual([made.id]);
    await clinic.as('frontdesk').get(`${path}/${made.id}`).expect(200);

    const before = await observedState(t(), clinic, path);
    const again = await clinic.as('director').delete(`${path}/${made.id}`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_ARCHIVED');
    const edit = await clinic.as('director').patch(`${path}/${made.id}`).send(spec.patch);
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('ARCHIVED');
    expect(await observedState(t(), clinic, path)).toEqual(before);

    const restored = await clinic.as('director').post(`${path}/${made.id}/restore`).expect(200);
    expect(restored.body.archivedAt).toBeNull();
    expect((await clinic.as('director').get(path)).body.items).toHaveLength(1);
    const twice = await clinic.as('director').post(`${path}/${made.id}/restore`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('NOT_ARCHIVED');
    expect(
      (await clinic.as('director').get(`${path}?includeArchived=nope`)).body.errors?.[0],
    ).toMatchObject({ pointer: '/includeArchived', code: 'INVALID_TYPE' });
  });

  it('writes one audit row per change, with before and after', async () => {
    const clinic = await t().createClinic();
    const made = await create(clinic, 1);
    await clinic.as('director').patch(`${path}/${made.id}`).send(spec.patch).expect(200);
    await clinic.as('director').delete(`${path}/${made.id}`).expect(200);
    await clinic.as('director').post(`${path}/${made.id}/restore`).expect(200);
    const rows: { action: string; actor_key_id: string; before: unknown; after: unknown }[] =
      await t().dataSource.query(
        `SELECT action, actor_key_id, before, after FROM audit_log
          WHERE clinic_id = $1 AND entity_type = $2 AND entity_id = $3 ORDER BY id`,
        [clinic.id, spec.entityType, made.id],
      );
    expect(rows.map((r) => r.action)).toEqual(['create', 'update', 'archive', 'restore']);
    expect(rows.every((r) => r.actor_key_id === clinic.keyIds.director)).toBe(true);
    expect(rows[0]).toMatchObject({ before: null, after: { ...spec.valid(1), id: made.id } });
    expect(rows[1].before).toMatchObject(spec.valid(1));
    expect(rows[1].after).toMatchObject(spec.patch);
    expect(rows[2]).toMatchObject({ before: { archivedAt: null } });
    expect((rows[2].after as { archivedAt: unknown }).archivedAt).toEqual(expect.any(String));
    expect(rows[3]).toMatchObject({ after: { archivedAt: null } });
  });

  it('only a director writes: front desk and clinician get 403, no key 401', async () => {
    const clinic = await t().createClinic();
    const made = await create(clinic, 1);
    const before = await observedState(t(), clinic, path);
    for (const role of ['frontdesk', 'clinician'] as const) {
      const as = () => clinic.as(role);
      await as().get(path).expect(200);
      await as().get(`${path}/${made.id}`).expect(200);
      expect((await as().post(path).send(spec.valid(2))).status).toBe(403);
      expect((await as().patch(`${path}/${made.id}`).send(spec.patch)).status).toBe(403);
      expect((await as().delete(`${path}/${made.id}`)).status).toBe(403);
      expect((await as().post(`${path}/${made.id}/restore`)).status).toBe(403);
    }
    expect((await t().http.get(path)).status).toBe(401);
    expect((await t().http.post(path).send(spec.valid(3))).status).toBe(401);
    expect(await observedState(t(), clinic, path)).toEqual(before);
  });

  it("another clinic's keys get 404 on every route for these ids, and lists hide them", async () => {
    const mine = await t().createClinic();
    const other = await t().createClinic();
    const made = await create(mine, 1);
    const before = await observedState(t(), mine, path);
    for (const role of ['director', 'frontdesk', 'clinician'] as const) {
      expect((await other.as(role).get(`${path}/${made.id}`)).status).toBe(404);
      const list = await other.as(role).get(`${path}?includeArchived=true`).expect(200);
      expect(list.body.items).toEqual([]);
    }
    const theirs = () => other.as('director');
    expect((await theirs().patch(`${path}/${made.id}`).send(spec.patch)).status).toBe(404);
    expect((await theirs().delete(`${path}/${made.id}`)).status).toBe(404);
    expect((await theirs().post(`${path}/${made.id}/restore`)).status).toBe(404);
    expect(await observedState(t(), mine, path)).toEqual(before);
    // Unknown and malformed ids are the same 404.
    for (const id of [FOREIGN_ID, 'not-a-uuid']) {
      const res = await mine.as('director').get(`${path}/${id}`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });

  describe('bad input is refused with a pointer and a code, and changes nothing', () => {
    it.each(spec.badCreates.map((c) => [c.name, c] as const))('POST: %s', async (_, bad) => {
      const clinic = await t().createClinic();
      await create(clinic, 1);
      const before = await observedState(t(), clinic, path);
      const res = await clinic.as('director').post(path).send(bad.body);
      expectProblem(res, bad.status, bad.pointer, bad.code);
      expect(await observedState(t(), clinic, path)).toEqual(before);
    });

    it.each(spec.badPatches.map((c) => [c.name, c] as const))('PATCH: %s', async (_, bad) => {
      const clinic = await t().createClinic();
      const made = await create(clinic, 1);
      const before = await observedState(t(), clinic, path);
      const res = await clinic.as('director').patch(`${path}/${made.id}`).send(bad.body);
      expectProblem(res, bad.status, bad.pointer, bad.code);
      expect(await observedState(t(), clinic, path)).toEqual(before);
    });
  });
}
