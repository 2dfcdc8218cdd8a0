import { databasesStartingWith, dropDatabase } from '../../src/infra/database/postgres-admin';
import { TEST_RUN_ENV, testDatabasePrefix } from './test-run';

/**
 * Jest globalTeardown of the database suites: drops this run's PostgreSQL databases, so none
 * piles up on the server (the URL's own database and other runs' are left alone). A failure
 * only warns: the tests have passed or failed already.
 */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  const run = process.env[TEST_RUN_ENV];
  if (!url || !run) return;
  try {
    for (const name of await databasesStartingWith(url, testDatabasePrefix(url, run))) {
      await dropDatabase(url, name);
    }
  } catch (error) {
    console.warn(`Could not drop the test databases of run ${run}: ${String(error)}`);
  }
}
