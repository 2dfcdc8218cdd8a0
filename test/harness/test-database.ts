import { DatabaseTarget } from '../../src/infra/database/database-options';
import { recreateDatabase } from '../../src/infra/database/postgres-admin';

/**
 * The database a test file runs on, created fresh for it:
 * - no DATABASE_URL: an in-memory PGlite (one per test file, gone when it closes);
 * - DATABASE_URL=postgres://.../name: database `name_test_w<worker>` on that server, dropped
 *   and recreated, so parallel jest workers never share one and the URL's own database is
 *   never touched.
 */
export async function testDatabaseTarget(): Promise<DatabaseTarget> {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return { dataDir: 'memory://' };
  const base = new URL(url).pathname
    .slice(1)
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase();
  const worker = process.env.JEST_WORKER_ID ?? '1';
  return { databaseUrl: await recreateDatabase(url, `${base}_test_w${worker}`), dataDir: '' };
}

export function usesPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL?.trim());
}
