import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseTarget } from '../../src/infra/database/database-options';
import { recreateDatabase } from '../../src/infra/database/postgres-admin';
import { TEST_RUN_ENV, testDatabasePrefix } from './test-run';

/**
 * The database a test file runs on, created fresh for it:
 * - no DATABASE_URL: an in-memory PGlite (one per test file, gone when it closes);
 * - DATABASE_URL=postgres://.../name: database `name_test_<run>_w<worker>` on that server,
 *   dropped and recreated, so parallel jest workers never share one, two runs at once (two
 *   engineers on one server) never drop each other's, and the URL's own database is never
 *   touched. `<run>` is made once per jest run (jest-global-setup.ts); jest-global-teardown.ts
 *   drops the run's databases at the end.
 */
export async function testDatabaseTarget(): Promise<DatabaseTarget> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return { dataDir: 'memory://', pgliteSnapshot: await pgliteSnapshot() };
  const worker = process.env.JEST_WORKER_ID ?? '1';
  // Without the global setup (another jest config), still a name no other process uses.
  const run = process.env[TEST_RUN_ENV] ?? `p${process.pid}`;
  return {
    databaseUrl: await recreateDatabase(url, `${testDatabasePrefix(url, run)}${worker}`),
    dataDir: '',
  };
}

export function usesPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL?.trim());
}

/**
 * A freshly initdb'd PGlite data directory (no migrations applied), cached as a tarball in
 * the OS temp dir per PGlite version. Starting from it skips initdb, the slow part of a
 * PGlite boot; migrations still run on every test database.
 */
async function pgliteSnapshot(): Promise<Blob> {
  const packageJson = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const file = join(tmpdir(), `kps-pglite-initdb-${version}.tar`);
  if (existsSync(file)) return new Blob([readFileSync(file)]);
  const pglite = new PGlite('memory://', { extensions: { btree_gist } });
  try {
    await pglite.waitReady;
    const blob = await pglite.dumpDataDir('none');
    const bytes = Buffer.from(await blob.arrayBuffer());
    // Parallel workers may race: write aside, then rename (atomic on one filesystem).
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return new Blob([bytes]);
  } finally {
    await pglite.close();
  }
}
