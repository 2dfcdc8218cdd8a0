import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { LOGGER } from '../infra/logging/logger.module';
import type { Logger } from '../infra/logging/logger';
import { CalendarFeedRepository, NewFeedFetch } from '../repositories/calendar-feed.repository';

const FLUSH_MS = 1000;
const FLUSH_ROWS = 500;

/**
 * Records feed fetches for the audit trail in batches: calendar clients poll often, and one
 * insert per fetch would cost more than answering it. Rows are written within a second (or
 * every 500 fetches) and on shutdown; `flush()` writes them now. When a batch is refused (a
 * row's feed was deleted meanwhile: the foreign key), its rows are written one by one, so
 * one such row does not lose the others' fetches; the ones still refused are logged (count
 * and error, never the rows).
 */
@Injectable()
export class FeedFetchLog implements OnModuleDestroy {
  private pending: NewFeedFetch[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly feeds: CalendarFeedRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  record(row: NewFeedFetch): void {
    this.pending.push(row);
    if (this.pending.length >= FLUSH_ROWS) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Writes every recorded fetch; resolves once they are stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const rows = this.pending;
    this.pending = [];
    this.writing = this.writing.then(() => this.write(rows));
    return this.writing;
  }

  private async write(rows: NewFeedFetch[]): Promise<void> {
    let failure: Error;
    try {
      await this.feeds.insertFetches(rows);
      return;
    } catch (e) {
      failure = e as Error;
    }
    let lost = rows.length;
    if (rows.length > 1) {
      lost = 0;
      for (const row of rows) {
        try {
          await this.feeds.insertFetches([row]);
        } catch (e) {
          failure = e as Error;
          lost++;
        }
      }
    }
    if (lost > 0)
      this.logger.error(
        { err: { name: failure.name, message: failure.message }, rows: lost },
        'feed fetch log not written',
      );
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}
