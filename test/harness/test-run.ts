/**
 * One jest run's PostgreSQL databases: jest-global-setup.ts names the run, test-database.ts
 * creates `<db>_test_<run>_w<worker>`, jest-global-teardown.ts drops them. Kept free of
 * heavy imports: the global hooks load it in jest's main process.
 */

/** Set by the global setup for the whole run; the workers inherit it. */
export const TEST_RUN_ENV = 'KPS_TEST_RUN';

/** `<db>_test_<run>_w`: what every database of run `run` on the server of `url` starts with. */
export function testDatabasePrefix(url: string, run: string): string {
  const base = new URL(url).pathname
    .slice(1)
    .replace(/[^a-z0-9_]/gi, '_')
    .toLowerCase()
    .slice(0, 40);
  return `${base}_test_${run}_w`;
}
