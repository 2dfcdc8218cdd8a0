import { diffAfterMigrations, withDataSource } from '../../src/infra/database/migration-tool';
import { testDatabaseTarget } from '../harness/test-database';

describe('migrations', () => {
  it('apply on an empty database, revert to nothing, re-apply, and match the entities', async () => {
    const target = await testDatabaseTarget();
    await withDataSource(target, async (ds) => {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);
      for (const m of applied) expect(m.name).toMatch(/^[A-Z][A-Za-z0-9]*\d{13}$/);

      for (let i = 0; i < applied.length; i += 1)
        await ds.undoLastMigration({ transaction: 'each' });
      const left: { n: number }[] = await ds.query(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'migrations'`,
      );
      expect(left[0].n).toBe(0);

      const diff = await diffAfterMigrations(ds);
      expect(diff.up.map((q) => q.query)).toEqual([]);
    });
  }, 120_000);
});
