import { availableParallelism } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

/**
 * Process configuration, read from the environment once at boot and validated.
 * `loadConfig` throws a ConfigError whose message is one line naming the variable.
 */
export interface AppConfig {
  /** HTTP port (PORT, default 3000). */
  port: number;
  /** Interface to bind (HOST, default 0.0.0.0). */
  host: string;
  /** postgres:// URL (DATABASE_URL). Absent: embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** PGlite data directory (DATA_DIR, default ./data), or `memory://` for a throwaway database. */
  dataDir: string;
  /** PGlite: ANALYZE at boot, then VACUUM (ANALYZE) every this many minutes (PGLITE_ANALYZE_MINUTES, default 10; 0: never). */
  pgliteAnalyzeMinutes: number;
  logLevel: LogLevel;
  /** Seed a demo clinic into an empty database at start (SEED_DEMO, default true). */
  seedDemo: boolean;
  /** Largest accepted request body in bytes (BODY_LIMIT_KB, default 1024). */
  bodyLimitBytes: number;
  /** Serve Swagger UI at /docs (OPENAPI_UI, default true). */
  openApiUi: boolean;
  /** Planner worker threads (PLANNER_POOL_SIZE, default: the number of CPUs, at least 1). */
  plannerPoolSize: number;
  /** Solves one clinic may have waiting for a worker (PLANNER_QUEUE_PER_CLINIC, default 8). */
  plannerQueuePerClinic: number;
  /** Solves all clinics together may have waiting (PLANNER_QUEUE_MAX, default 32). */
  plannerQueueMax: number;
  /** Longest a solve may wait for a worker before it is refused (PLANNER_QUEUE_WAIT_MS, default 30000). */
  plannerQueueWaitMs: number;
  /** How often an idle instance looks for queued plan runs (PLAN_RUN_POLL_MS, default 1000; 0: this instance runs none). */
  planRunPollMs: number;
  /** A running plan run's lease; renewed every third of it (PLAN_RUN_LEASE_MS, default 30000). */
  planRunLeaseMs: number;
  /** Plan runs one clinic may have queued or running (PLAN_RUN_QUEUE_PER_CLINIC, default 10). */
  planRunQueuePerClinic: number;
  /** Claims of a run before it is failed as killing its instances (PLAN_RUN_MAX_ATTEMPTS, default 3). */
  planRunMaxAttempts: number;
  /** Calendar feeds (see README "Calendar feeds"). */
  feeds: FeedConfig;
  /** Not from the environment: the test harness's PGlite initdb snapshot. */
  pgliteSnapshot?: Blob;
}

export interface FeedConfig {
  /** `https://host[:port]` the feed URLs start with (FEED_BASE_URL); unset: the request's host. */
  baseUrl?: string;
  /** How long a revoked feed's or rotated token's URL serves an empty calendar (FEED_REVOKED_GRACE_HOURS, 168). */
  revokedGraceHours: number;
  /** How long a cancelled appointment stays in feeds as STATUS:CANCELLED (FEED_CANCELLED_DAYS, 30). */
  cancelledDays: number;
  /** REFRESH-INTERVAL / X-PUBLISHED-TTL in minutes (FEED_REFRESH_MINUTES, 60). */
  refreshMinutes: number;
  /**
   * How long a feed's body is served from memory before its appointments are checked again
   * (FEED_RECHECK_MS, 1000; 0: every request). Changes show up at most this much later.
   */
  recheckMs: number;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): AppConfig {
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: text(env, 'HOST', '0.0.0.0'),
    databaseUrl: databaseUrl(env),
    dataDir: dataDir(env),
    pgliteAnalyzeMinutes: integer(env, 'PGLITE_ANALYZE_MINUTES', 10, 0, 24 * 60),
    logLevel: oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info'),
    seedDemo: boolean(env, 'SEED_DEMO', true),
    bodyLimitBytes: integer(env, 'BODY_LIMIT_KB', 1024, 1, 100 * 1024) * 1024,
    openApiUi: boolean(env, 'OPENAPI_UI', true),
    plannerPoolSize: integer(env, 'PLANNER_POOL_SIZE', Math.max(1, availableParallelism()), 1, 256),
    plannerQueuePerClinic: integer(env, 'PLANNER_QUEUE_PER_CLINIC', 8, 0, 10_000),
    plannerQueueMax: integer(env, 'PLANNER_QUEUE_MAX', 32, 0, 100_000),
    plannerQueueWaitMs: integer(env, 'PLANNER_QUEUE_WAIT_MS', 30_000, 1, 3_600_000),
    planRunPollMs: integer(env, 'PLAN_RUN_POLL_MS', 1000, 0, 600_000),
    planRunLeaseMs: integer(env, 'PLAN_RUN_LEASE_MS', 30_000, 300, 3_600_000),
    planRunQueuePerClinic: integer(env, 'PLAN_RUN_QUEUE_PER_CLINIC', 10, 1, 10_000),
    planRunMaxAttempts: integer(env, 'PLAN_RUN_MAX_ATTEMPTS', 3, 1, 100),
    feeds: {
      baseUrl: feedBaseUrl(env),
      revokedGraceHours: integer(env, 'FEED_REVOKED_GRACE_HOURS', 168, 0, 24 * 366),
      cancelledDays: integer(env, 'FEED_CANCELLED_DAYS', 30, 0, 366),
      refreshMinutes: integer(env, 'FEED_REFRESH_MINUTES', 60, 5, 24 * 60),
      recheckMs: integer(env, 'FEED_RECHECK_MS', 1000, 0, 60_000),
    },
  };
}

function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function text(env: Env, name: string, fallback: string): string {
  return raw(env, name) ?? fallback;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = raw(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/**
 * FEED_BASE_URL: required, and https://, when NODE_ENV=production. Feed URLs hold their token
 * (the only credential); without it they are built from each request's Host header, which
 * the client chooses (checked to be host[:port], yet any host), and an http:// one would
 * travel in clear.
 */
function feedBaseUrl(env: Env): string | undefined {
  const name = 'FEED_BASE_URL';
  const value = baseUrl(env, name);
  if (raw(env, 'NODE_ENV') !== 'production') return value;
  if (value === undefined) {
    throw new ConfigError(
      name,
      "must be set when NODE_ENV=production (e.g. https://calendar.example.org): feed URLs are not built from the request's Host header in production",
    );
  }
  if (!value.startsWith('https:')) {
    throw new ConfigError(name, `must be https:// when NODE_ENV=production, got "${value}"`);
  }
  return value;
}

/** An https:// (or http:// for local use) origin without path, query or trailing slash. */
function baseUrl(env: Env, name: string): string | undefined {
  const value = raw(env, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      name,
      `must be a URL such as https://calendar.example.org, got "${value}"`,
    );
  }
  if (
    !['https:', 'http:'].includes(url.protocol) ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    url.username ||
    url.password
  ) {
    throw new ConfigError(
      name,
      `must be an https:// origin without a path or user info, got "${value}"`,
    );
  }
  return url.origin;
}

function databaseUrl(env: Env): string | undefined {
  const value = raw(env, 'DATABASE_URL');
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      'DATABASE_URL',
      `must be a postgres:// URL, got scheme "${url.protocol}"`,
    );
  }
  if (url.pathname.length <= 1) {
    throw new ConfigError('DATABASE_URL', 'must name a database (postgres://host/dbname)');
  }
  return value;
}

function dataDir(env: Env): string {
  const value = raw(env, 'DATA_DIR') ?? './data';
  if (value.startsWith('memory://')) return value;
  return isAbsolute(value) ? value : resolve(process.cwd(), value);
}
