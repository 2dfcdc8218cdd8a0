import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { LOGGER } from '../infra/logging/logger.module';
import type { Logger } from '../infra/logging/logger';
import { CalendarFeedRepository, NewFeedFetch } from '../repositories/calendar-feed.repository';

const FLUSH_MS = 1000;
const FLUSH_ROWS = 500;

/**
 * Records feed fetches for the audit trail in batches: calendar clients poll often, and one
 * insert per fetch would cost more than answering it. Rows are written within a second (or
 * every 500 fetches) and on shutdown; `flush()` writes them now.
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
    this.writing = this.writing
      .then(() => this.feeds.insertFetches(rows))
      .catch((e: Error) =>
        this.logger.error(
          { err: { name: e.name, message: e.message }, rows: rows.length },
          'feed fetch log not written',
        ),
      );
    return this.writing;
  }

  async onModuleDestroy(): Promise<void> {
    await this.flush();
  }
}
