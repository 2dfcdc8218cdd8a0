import { ConflictError, NotFoundError } from '../../src/domain/errors';
import type { ArchivableListQueryDto } from '../../src/dtos/archivable-list-query.dto';
import { RoomService } from '../../src/services/room.service';
import type { TestClinic } from '../harness/test-app';
import { useTestApp } from '../harness/test-app';

/** RoomService (the shared archivable-catalog use cases) on a real database. */
describe('RoomService', () => {
  const t = useTestApp();
  const rooms = () => t().get(RoomService);
  const list = (clinic: TestClinic, query: Partial<ArchivableListQueryDto> = {}) =>
    rooms().list(clinic.actor, { limit: 50, includeArchived: false, ...query });
  const audits = async (entityId: string) =>
    (await t().dataSource.query(
      `SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [entityId],
    )) as { action: string; before: Record<string, unknown>; after: Record<string, unknown> }[];

  it('creates with defaults and audits the row as created', async () => {
    const clinic = await t().createClinic();
    const room = await rooms().create(clinic.actor, { name: 'Bay 1' });
    expect(room).toMatchObject({
      name: 'Bay 1',
      features: [],
      capacity: 1,
      availability: null,
      timeOff: [],
      archivedAt: null,
    });
    expect(await audits(room.id)).toEqual([
      { action: 'create', before: null, after: expect.objectContaining({ name: 'Bay 1' }) },
    ]);
  });

  it('changes only the fields an update names', async () => {
    const clinic = await t().createClinic();
    const room = await rooms().create(clinic.actor, {
      name: 'Bay 1',
      features: ['infusion'],
      capacity: 2,
      availability: [],
    });
    const updated = await rooms().update(clinic.actor, room.id, { name: 'Bay A' });
    expect(updated).toMatchObject({
      name: 'Bay A',
      features: ['infusion'],
      capacity: 2,
      availability: [],
    });
    const [, update] = await audits(room.id);
    expect(update).toMatchObject({
      action: 'update',
      before: { name: 'Bay 1', capacity: 2 },
      after: { name: 'Bay A', capacity: 2 },
    });
  });

  it('archives instead of deleting: hidden from lists, refused changes, restorable', async () => {
    const clinic = await t().createClinic();
    const room = await rooms().create(clinic.actor, { name: 'Bay 1' });
    await rooms().archive(clinic.actor, room.id);
    expect((await list(clinic)).items).toEqual([]);
    expect((await list(clinic, { includeArchived: true })).items.map((r) => r.id)).toEqual([
      room.id,
    ]);
    await expect(rooms().update(clinic.actor, room.id, { name: 'X' })).rejects.toMatchObject({
      code: 'ARCHIVED',
    });
    await expect(rooms().archive(clinic.actor, room.id)).rejects.toThrow(ConflictError);
    const restored = await rooms().restore(clinic.actor, room.id);
    expect(restored.archivedAt).toBeNull();
    expect((await audits(room.id)).map((a) => a.action)).toEqual(['create', 'archive', 'restore']);
  });

  it("never touches another clinic's room, and a refused write leaves no audit row", async () => {
    const clinic = await t().createClinic();
    const other = await t().createClinic();
    const room = await rooms().create(clinic.actor, { name: 'Bay 1' });
    await expect(rooms().get(other.actor, room.id)).rejects.toThrow(NotFoundError);
    await expect(rooms().update(other.actor, room.id, { name: 'Mine' })).rejects.toThrow(
      NotFoundError,
    );
    await expect(rooms().archive(other.actor, room.id)).rejects.toThrow(NotFoundError);
    expect((await rooms().get(clinic.actor, room.id)).name).toBe('Bay 1');
    expect((await audits(room.id)).map((a) => a.action)).toEqual(['create']);
    expect((await list(other)).items).toEqual([]);
  });

  it('pages with a cursor over name order', async () => {
    const clinic = await t().createClinic();
    for (const name of ['C', 'A', 'B']) await rooms().create(clinic.actor, { name });
    const first = await list(clinic, { limit: 2 });
    expect(first.items.map((r) => r.name)).toEqual(['A', 'B']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(clinic, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.name)).toEqual(['C']);
    expect(second.nextCursor).toBeNull();
  });
});
