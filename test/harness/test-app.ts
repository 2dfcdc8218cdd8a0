import 'reflect-metadata';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Writable } from 'node:stream';
import { Logger } from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { AppExtras } from '../../src/app.module';
import { Role, ROLES } from '../../src/entities/api-key.entity';
import { AppConfig, loadConfig, LogLevel } from '../../src/infra/config/app-config';
import { createApp } from '../../src/infra/http/create-app';
import { createLogger } from '../../src/infra/logging/logger';
import { Actor, operatorActor } from '../../src/services/actor';
import { ApiKeyService } from '../../src/services/api-key.service';
import { ClinicService, NewClinic } from '../../src/services/clinic.service';
import { FeedFetchLog } from '../../src/services/feed-fetch-log';
import { testDatabaseTarget } from './test-database';

export type Agent = InstanceType<typeof TestAgent>;

/** A clinic made for a test, with one API key per role. */
export interface TestClinic {
  id: string;
  keys: Record<Role, string>;
  keyIds: Record<Role, string>;
  /** A supertest agent sending that role's key: `clinic.as('frontdesk').get('/v1/clinic')`. */
  as(role: Role): Agent;
  /** A director actor for calling services directly in medium tests. */
  actor: Actor;
}

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  /** Unauthenticated agent. */
  http: Agent;
  /** Every JSON log line written so far (parsed). */
  logs: Record<string, unknown>[];
  createClinic(input?: Partial<NewClinic>): Promise<TestClinic>;
  /** Empties every table except the migrations table. */
  reset(): Promise<void>;
  get<T>(type: new (...args: never[]) => T): T;
  close(): Promise<void>;
}

export interface TestAppOptions extends AppExtras {
  config?: Partial<AppConfig>;
}

/** Boots the real app (migrated database, real pipes/filters/guards), not listening. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logs: Record<string, unknown>[] = [];
  const logger = captureLogger(logs);
  const config: AppConfig = {
    ...loadConfig({ LOG_LEVEL: 'info' }),
    ...(await testDatabaseTarget()),
    seedDemo: false,
    // ANALYZE costs ~0.3 s per boot on PGlite and tests hold a few rows; the spec of it turns it on.
    pgliteAnalyzeMinutes: 0,
    ...options.config,
  };
  const app = await createApp(config, logger, options);
  const server = app.getHttpServer();
  const dataSource = app.get(DataSource);
  let counter = 0;

  const agentFor = (key?: string): Agent => {
    const agent = request.agent(server);
    if (key) agent.set('Authorization', `Bearer ${key}`);
    return agent;
  };

  return {
    app,
    dataSource,
    http: agentFor(),
    logs,
    get: (type) => app.get(type),
    async createClinic(input = {}) {
      counter += 1;
      const clinic = await app
        .get(ClinicService)
        .create({ name: `Test Clinic ${counter}`, timeZone: 'America/New_York', ...input }, 'cli');
      const actor = operatorActor(clinic.id, 'cli');
      const keys = {} as Record<Role, string>;
      const keyIds = {} as Record<Role, string>;
      for (const role of ROLES) {
        const key = await app.get(ApiKeyService).create(actor, { name: `${role} key`, role });
        keys[role] = key.secret;
        keyIds[role] = key.id;
      }
      return { id: clinic.id, keys, keyIds, actor, as: (role: Role) => agentFor(keys[role]) };
    },
    async reset() {
      // Fetches a test recorded are written now, not into the next test's batch.
      await app.get(FeedFetchLog).flush();
      const tables: { tablename: string }[] = await dataSource.query(
        `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'migrations'`,
      );
      if (tables.length) {
        const list = tables.map((t) => `"${t.tablename}"`).join(', ');
        await dataSource.query(`TRUNCATE ${list} RESTART IDENTITY CASCADE`);
      }
      logs.length = 0;
    },
    close: () => app.close(),
  };
}

/**
 * Registers beforeAll/afterAll/afterEach for a test file and returns the app once booted:
 *
 *   const t = useTestApp();
 *   it('...', async () => { const clinic = await t().createClinic(); ... });
 */
export function useTestApp(options: TestAppOptions = {}): () => TestApp {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await createTestApp(options);
  }, 120_000);
  afterEach(async () => {
    await testApp?.reset();
  });
  afterAll(async () => {
    await testApp?.close();
  });
  return () => {
    if (!testApp) throw new Error('useTestApp(): the app is not booted yet (use it inside tests)');
    return testApp;
  };
}

function captureLogger(lines: Record<string, unknown>[]): Logger {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  const level = (process.env.TEST_LOG_LEVEL ?? 'info') as LogLevel;
  return createLogger(level, sink);
}
