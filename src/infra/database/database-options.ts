import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { DataSourceOptions } from 'typeorm';
import { lockDataDir } from './data-dir-lock';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Repository root when running from src/ (swc, jest), or dist/ when running compiled code. */
const ROOT = resolve(__dirname, '../../..');

/** Entities and migrations are found by file name, so adding one needs no registration. */
export const ENTITY_GLOB = `${ROOT}/src/entities/*.entity.{ts,js}`;
export const MIGRATION_GLOB = `${ROOT}/migrations/[0-9]*-*.{ts,js}`;
export const MIGRATIONS_DIR = `${ROOT}/migrations`;

export interface DatabaseTarget {
  /** postgres:// URL; absent means embedded PGlite. */
  databaseUrl?: string;
  /** PGlite directory, or `memory://` (used when databaseUrl is absent). */
  dataDir: string;
  /**
   * Tests: start an in-memory PGlite from this data-directory tarball instead of running
   * initdb (several times faster). See test/harness/test-database.ts.
   */
  pgliteSnapshot?: Blob;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  options: DataSourceOptions;
  /** Releases what the DataSource does not own (the PGlite instance, the data-dir lock). */
  close(): Promise<void>;
}

/**
 * Builds TypeORM options for PostgreSQL (through `pg`) or for PGlite through its node-postgres
 * adapter with a pool of exactly one connection, so concurrent callers queue instead of
 * sharing one session. Never typeorm-pglite: it runs every query on one shared session without
 * queueing, so concurrent transactions see and roll back each other's rows.
 */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const common = {
    type: 'postgres' as const,
    entities: [ENTITY_GLOB],
    migrations: [MIGRATION_GLOB],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL >= 13; extensions are created by migrations.
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: false,
  };
  if (target.databaseUrl) {
    return {
      kind: 'postgres',
      options: { ...common, url: target.databaseUrl, poolSize: 10 },
      close: async () => undefined,
    };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  const unlock = inMemory ? () => undefined : lockDataDir(target.dataDir);
  let pglite: PGlite;
  try {
    const loadDataDir = inMemory ? target.pgliteSnapshot : undefined;
    pglite = new PGlite(target.dataDir, { extensions: { btree_gist }, loadDataDir });
    await pglite.waitReady;
  } catch (e) {
    unlock();
    throw e;
  }
  return {
    kind: 'pglite',
    options: { ...common, poolSize: 1, extra: createPgConfig(pglite) },
    close: async () => {
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}
