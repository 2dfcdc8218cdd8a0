import { randomBytes } from 'node:crypto';
import { TEST_RUN_ENV } from './test-run';

/**
 * Jest globalSetup of the database suites: names this run (`KPS_TEST_RUN`, 8 hex digits), so
 * its PostgreSQL databases (`<db>_test_<run>_w<worker>`, test-database.ts) differ from those
 * of a run started at the same time on the same server. Jest workers inherit the variable.
 */
export default function globalSetup(): void {
  process.env[TEST_RUN_ENV] ??= randomBytes(4).toString('hex');
}
