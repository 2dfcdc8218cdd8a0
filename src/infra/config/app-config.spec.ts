import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('has working defaults for a fresh clone', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      dataDir: resolve(process.cwd(), 'data'),
      pgliteAnalyzeMinutes: 10,
      logLevel: 'info',
      seedDemo: true,
      bodyLimitBytes: 1024 * 1024,
      plannerPoolSize: Math.max(1, availableParallelism()),
      plannerQueuePerClinic: 8,
      plannerQueueMax: 32,
      plannerQueueWaitMs: 30_000,
      planRunPollMs: 1000,
      planRunLeaseMs: 30_000,
      planRunQueuePerClinic: 10,
      planRunMaxAttempts: 3,
      feeds: {
        baseUrl: undefined,
        revokedGraceHours: 168,
        cancelledDays: 30,
        refreshMinutes: 60,
        recheckMs: 1000,
      },
    });
  });

  it('reads the calendar feed variables', () => {
    const config = loadConfig({
      FEED_BASE_URL: 'https://calendar.example.org/',
      FEED_REVOKED_GRACE_HOURS: '0',
      FEED_CANCELLED_DAYS: '7',
      FEED_REFRESH_MINUTES: '15',
      FEED_RECHECK_MS: '0',
    });
    expect(config.feeds).toEqual({
      baseUrl: 'https://calendar.example.org',
      revokedGraceHours: 0,
      cancelledDays: 7,
      refreshMinutes: 15,
      recheckMs: 0,
    });
    expect(() => loadConfig({ FEED_BASE_URL: 'https://x.org/cal' })).toThrow(
      'FEED_BASE_URL must be an https:// origin without a path',
    );
    expect(() => loadConfig({ FEED_REFRESH_MINUTES: '1' })).toThrow('FEED_REFRESH_MINUTES');
  });

  it('FEED_BASE_URL: no user info; required, and https, when NODE_ENV=production', () => {
    // new URL() would keep only the host after the @: a typo that sends feeds elsewhere.
    expect(() => loadConfig({ FEED_BASE_URL: 'https://localhost:3999@evil.example' })).toThrow(
      'FEED_BASE_URL must be an https:// origin without a path or user info',
    );
    expect(loadConfig({ NODE_ENV: 'development' }).feeds.baseUrl).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(
      'Invalid configuration: FEED_BASE_URL must be set when NODE_ENV=production',
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', FEED_BASE_URL: 'http://calendar.example.org' }),
    ).toThrow('FEED_BASE_URL must be https:// when NODE_ENV=production');
    expect(
      loadConfig({ NODE_ENV: 'production', FEED_BASE_URL: 'https://calendar.example.org' }).feeds
        .baseUrl,
    ).toBe('https://calendar.example.org');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/app',
      DATA_DIR: 'memory://',
      PGLITE_ANALYZE_MINUTES: '0',
      LOG_LEVEL: 'debug',
      SEED_DEMO: 'false',
      BODY_LIMIT_KB: '10',
      PLANNER_POOL_SIZE: '3',
      PLANNER_QUEUE_PER_CLINIC: '0',
      PLANNER_QUEUE_MAX: '5',
      PLANNER_QUEUE_WAIT_MS: '1500',
      PLAN_RUN_POLL_MS: '0',
      PLAN_RUN_LEASE_MS: '2000',
      PLAN_RUN_QUEUE_PER_CLINIC: '2',
      PLAN_RUN_MAX_ATTEMPTS: '5',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u@db:5432/app',
      dataDir: 'memory://',
      pgliteAnalyzeMinutes: 0,
      logLevel: 'debug',
      seedDemo: false,
      bodyLimitBytes: 10240,
      plannerPoolSize: 3,
      plannerQueuePerClinic: 0,
      plannerQueueMax: 5,
      plannerQueueWaitMs: 1500,
      planRunPollMs: 0,
      planRunLeaseMs: 2000,
      planRunQueuePerClinic: 2,
      planRunMaxAttempts: 5,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be an integer from 0 to 65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be an integer'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info'],
    [{ SEED_DEMO: 'maybe' }, 'SEED_DEMO must be true or false, got "maybe"'],
    [
      { DATABASE_URL: 'mysql://x/y' },
      'DATABASE_URL must be a postgres:// URL, got scheme "mysql:"',
    ],
    [{ DATABASE_URL: 'postgres://host' }, 'DATABASE_URL must name a database'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a postgres:// URL'],
    [{ PLANNER_POOL_SIZE: '0' }, 'PLANNER_POOL_SIZE must be an integer from 1 to 256, got "0"'],
    [{ PLANNER_POOL_SIZE: 'two' }, 'PLANNER_POOL_SIZE must be an integer from 1 to 256'],
    [{ PLANNER_QUEUE_PER_CLINIC: '-1' }, 'PLANNER_QUEUE_PER_CLINIC must be an integer'],
    [{ PLANNER_QUEUE_WAIT_MS: '0' }, 'PLANNER_QUEUE_WAIT_MS must be an integer from 1'],
  ])('rejects %j with one clear line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
    try {
      loadConfig(env);
    } catch (e) {
      expect((e as Error).message).not.toContain('\n');
    }
  });
});
