import { OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** The logger calls the analyzer makes (pino's shape; infra/database does not import logging). */
export interface AnalyzeLog {
  debug(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Keeps planner statistics and dead rows in check on embedded PGlite. PGlite runs no
 * autovacuum daemon, so nothing ever ANALYZEs its tables: they keep the statistics of an empty
 * table (reltuples -1) however many rows they hold, and PostgreSQL may pick a nested loop over
 * a large table (we once hit a quadratic plan that way); nor does anything VACUUM them, so the
 * rows that updates and deletes leave behind (a plan run's heartbeat every few seconds, lane
 * rows rewritten by re-packs, cancelled bookings) pile up. This runs `ANALYZE` once at boot,
 * after the migrations, then `VACUUM (ANALYZE)` every `everyMs` (PGLITE_ANALYZE_MINUTES; 0:
 * never). On PostgreSQL autovacuum does both; the module passes 0 there. The timer never keeps
 * the process alive and stops on shutdown, which waits for a running statement so the
 * connection is not closed under it.
 */
export class PgliteAnalyzer implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private inFlight?: Promise<void>;
  private stopped = false;
  /** ANALYZE and VACUUM (ANALYZE) runs finished (tests, diagnostics). */
  runs = 0;

  constructor(
    private readonly dataSource: Pick<DataSource, 'query'>,
    readonly everyMs: number,
    private readonly log?: AnalyzeLog,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.everyMs <= 0) return;
    await this.analyze();
    if (this.stopped) return;
    this.timer = setInterval(() => void this.vacuum(), this.everyMs);
    this.timer.unref();
  }

  /** Runs ANALYZE now, or joins the statement running. Never rejects: a failure is logged. */
  analyze(): Promise<void> {
    return this.start('ANALYZE');
  }

  /** Runs VACUUM (ANALYZE) now (what the timer runs), or joins the statement running. */
  vacuum(): Promise<void> {
    return this.start('VACUUM (ANALYZE)');
  }

  private start(sql: string): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.inFlight ??= this.run(sql).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.inFlight;
  }

  private async run(sql: string): Promise<void> {
    const started = Date.now();
    try {
      await this.dataSource.query(sql);
      this.runs += 1;
      this.log?.debug({ ms: Date.now() - started }, `pglite: ${sql} done`);
    } catch (error) {
      const { name, message } = error as Error;
      this.log?.error({ err: { name, message } }, `pglite: ${sql} failed`);
    }
  }
}
