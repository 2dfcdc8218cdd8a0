import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { DatabaseTarget, MIGRATIONS_DIR, openDatabase } from './database-options';
import { dropDatabase, recreateDatabase } from './postgres-admin';

interface SqlQuery {
  query: string;
  parameters?: unknown[];
}

export interface SchemaDiff {
  up: SqlQuery[];
  down: SqlQuery[];
}

/** Opens a DataSource on `target` (migrations not run), hands it to `work`, closes everything. */
export async function withDataSource<T>(
  target: DatabaseTarget,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(target);
  const dataSource = new DataSource({ ...database.options, migrationsRun: false });
  try {
    await dataSource.initialize();
    return await work(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.close();
  }
}

/** Applies every migration to the database, then asks TypeORM what the entities still need. */
export async function diffAfterMigrations(dataSource: DataSource): Promise<SchemaDiff> {
  await dataSource.runMigrations({ transaction: 'each' });
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return { up: sql.upQueries, down: sql.downQueries.reverse() };
}

/** Diff on a fresh throwaway database: in-memory PGlite, or a temporary one on `postgresUrl`. */
export async function diffOnFreshDatabase(postgresUrl?: string): Promise<SchemaDiff> {
  if (!postgresUrl) return withDataSource({ dataDir: 'memory://' }, diffAfterMigrations);
  const name = `kps_migration_check_${process.pid}`;
  const url = await recreateDatabase(postgresUrl, name);
  try {
    return await withDataSource({ databaseUrl: url, dataDir: '' }, diffAfterMigrations);
  } finally {
    await dropDatabase(postgresUrl, name);
  }
}

/** Writes `migrations/<timestamp>-<Name>.ts` in TypeORM's format; returns its path. */
export function writeMigration(name: string, diff: SchemaDiff, timestamp = Date.now()): string {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new Error(`Migration name must be PascalCase (e.g. AddRooms), got "${name}"`);
  }
  const className = `${name}${timestamp}`;
  const body = (queries: SqlQuery[]) =>
    queries
      .map(({ query, parameters }) => {
        const text = query.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
        const params = parameters?.length ? `, ${JSON.stringify(parameters)}` : '';
        return `    await queryRunner.query(\`${text}\`${params});`;
      })
      .join('\n');
  const source = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${body(diff.up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${body(diff.down)}
  }
}
`;
  const file = join(MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
  writeFileSync(file, source);
  return file;
}
