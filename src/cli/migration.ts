import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../infra/config/app-config';
import {
  diffOnFreshDatabase,
  withDataSource,
  writeMigration,
} from '../infra/database/migration-tool';

const USAGE = `Usage: npm run migration:<command>
  migration:generate -- <PascalCaseName>  write migrations/<timestamp>-<Name>.ts from entity changes
  migration:run                            apply pending migrations (DATABASE_URL or DATA_DIR)
  migration:revert                         undo the last applied migration
  migration:show                           list migrations and whether each is applied
  migration:check                          fail if entities and migrations have drifted apart`;

async function main(args: string[]): Promise<number> {
  const [command, name] = args;
  switch (command) {
    case 'generate': {
      if (!name)
        throw new Error('migration:generate needs a name: npm run migration:generate -- AddRooms');
      // Against a fresh database with every migration applied: the diff is exactly what the
      // entities add, whatever state a developer's own database is in.
      const diff = await diffOnFreshDatabase();
      if (diff.up.length === 0) {
        console.log('No changes in entities: nothing to generate.');
        return 0;
      }
      const file = writeMigration(name, diff);
      execFileSync('npx', ['prettier', '--write', file], { stdio: 'ignore' });
      console.log(`Wrote ${file} (${diff.up.length} statements). Review it before committing.`);
      return 0;
    }
    case 'check': {
      const targets: [string, string | undefined][] = [['PGlite', undefined]];
      const url = process.env.DATABASE_URL?.trim();
      if (url) targets.push(['PostgreSQL', loadConfig().databaseUrl]);
      let drift = false;
      for (const [label, postgresUrl] of targets) {
        const diff = await diffOnFreshDatabase(postgresUrl);
        if (diff.up.length === 0) {
          console.log(`migration:check (${label}): entities and migrations agree.`);
          continue;
        }
        drift = true;
        console.error(`migration:check (${label}): entities differ from migrations; missing SQL:`);
        for (const q of diff.up) console.error(`  ${q.query};`);
      }
      if (drift) console.error('Run: npm run migration:generate -- <PascalCaseName>');
      return drift ? 1 : 0;
    }
    case 'run':
    case 'revert':
    case 'show': {
      const config = loadConfig();
      return withDataSource(config, async (ds) => {
        if (command === 'run') {
          const applied = await ds.runMigrations({ transaction: 'each' });
          console.log(
            applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'Up to date.',
          );
        } else if (command === 'revert') {
          await ds.undoLastMigration({ transaction: 'each' });
          console.log('Reverted the last migration.');
        } else {
          const table = await ds.query(`SELECT to_regclass('migrations') AS t`);
          const applied = new Set<string>(
            table[0].t
              ? (await ds.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name)
              : [],
          );
          for (const m of ds.migrations) {
            console.log(`${applied.has(m.name ?? '') ? '[x]' : '[ ]'} ${m.name}`);
          }
        }
        return 0;
      });
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
