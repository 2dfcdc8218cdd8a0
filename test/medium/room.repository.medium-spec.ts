import { QueryFailedError } from 'typeorm';
import { NotFoundError } from '../../src/domain/errors';
import { RoomRepository } from '../../src/repositories/room.repository';
import { useTestApp } from '../harness/test-app';

/** RoomRepository (and the TenantRepository / ArchivableCatalogRepository it extends) on SQL. */
describe('RoomRepository', () => {
  const t = useTestApp();
  const rooms = () => t().get(RoomRepository);
  const room = (name: string, extra: object = {}) => ({
    name,
    features: ['infusion'],
    capacity: 1,
    availability: null,
    timeOff: [],
    archivedAt: null,
    ...extra,
  });

  it("reads, updates and deletes only the clinic's own rows", async () => {
    const clinic = await t().createClinic();
    const other = await t().createClinic();
    const row = await rooms().insert(clinic.id, room('Bay 1'));

    expect(await rooms().find(clinic.id, row.id)).toMatchObject({ name: 'Bay 1' });
    expect(await rooms().find(other.id, row.id)).toBeNull();
    await expect(rooms().get(other.id, row.id)).rejects.toThrow(NotFoundError);
    await expect(rooms().update(other.id, row.id, { name: 'Taken' })).rejects.toThrow(
      NotFoundError,
    );
    await expect(rooms().delete(other.id, row.id)).rejects.toThrow(NotFoundError);
    expect((await rooms().get(clinic.id, row.id)).name).toBe('Bay 1');

    await rooms().update(clinic.id, row.id, { name: 'Bay 2', capacity: undefined });
    expect(await rooms().get(clinic.id, row.id)).toMatchObject({ name: 'Bay 2', capacity: 1 });
    await rooms().delete(clinic.id, row.id);
    expect(await rooms().find(clinic.id, row.id)).toBeNull();
  });

  it('keeps a null availability null and an empty one empty (jsonb round trip)', async () => {
    const clinic = await t().createClinic();
    const open = await rooms().insert(clinic.id, room('Open'));
    const closed = await rooms().insert(clinic.id, room('Closed', { availability: [] }));
    expect((await rooms().get(clinic.id, open.id)).availability).toBeNull();
    expect((await rooms().get(clinic.id, closed.id)).availability).toEqual([]);
  });

  it('refuses a capacity below 1 in the database itself', async () => {
    const clinic = await t().createClinic();
    await expect(rooms().insert(clinic.id, room('Bay', { capacity: 0 }))).rejects.toThrow(
      QueryFailedError,
    );
    expect(await rooms().page(clinic.id, { limit: 10, includeArchived: true })).toEqual([]);
  });

  it('pages by (name, id), continues after a key, and hides archived rows unless asked', async () => {
    const clinic = await t().createClinic();
    const other = await t().createClinic();
    await rooms().insert(other.id, room('Another clinic'));
    const c = await rooms().insert(clinic.id, room('C'));
    const a = await rooms().insert(clinic.id, room('A'));
    const b = await rooms().insert(clinic.id, room('B', { archivedAt: new Date() }));
    const names = (rows: { name: string }[]) => rows.map((r) => r.name);

    expect(names(await rooms().page(clinic.id, { limit: 10, includeArchived: false }))).toEqual([
      'A',
      'C',
    ]);
    expect(names(await rooms().page(clinic.id, { limit: 10, includeArchived: true }))).toEqual([
      'A',
      'B',
      'C',
    ]);
    const first = await rooms().page(clinic.id, { limit: 1, includeArchived: true });
    expect(first.map((r) => r.id)).toEqual([a.id]);
    const rest = await rooms().page(clinic.id, {
      limit: 10,
      includeArchived: true,
      afterId: a.id,
    });
    expect(rest.map((r) => r.id)).toEqual([b.id, c.id]);
  });

  it('share-locks a row of the clinic inside a transaction, and finds none of another', async () => {
    const clinic = await t().createClinic();
    const other = await t().createClinic();
    const row = await rooms().insert(clinic.id, room('Bay 1'));
    await t().dataSource.transaction(async (manager) => {
      expect(await rooms().findForShare(clinic.id, row.id, manager)).toMatchObject({
        id: row.id,
        name: 'Bay 1',
      });
      expect(await rooms().findForShare(other.id, row.id, manager)).toBeNull();
      // SELECT ... FOR SHARE takes a RowShareLock on the table; a plain SELECT does not.
      const locks: { mode: string }[] = await manager.query(
        `SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE l.pid = pg_backend_pid() AND c.relname = 'room'`,
      );
      expect(locks.map((l) => l.mode)).toContain('RowShareLock');
    });
  });
});
