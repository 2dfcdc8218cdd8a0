import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/app-config';
import { CalendarFeedRepository, FeedByToken } from '../repositories/calendar-feed.repository';

/** Token hashes remembered at most (oldest dropped first). */
const MAX_ENTRIES = 10_000;

interface Entry {
  found: FeedByToken;
  /** performance.now() of the lookup. */
  at: number;
}

/**
 * The feed-token lookup (token hash -> token row, feed, clinic) remembered for
 * FEED_RECHECK_MS, the same bound as the appointments' fingerprint: calendar clients poll the
 * same URL, and the lookup was most of an unchanged feed's cost. Unknown tokens are never
 * remembered. Rotation and revocation through this process call `invalidate()` once
 * committed, so they apply here on the next request; in other processes (several app
 * instances) they apply within FEED_RECHECK_MS, as do changes to the feed's name or the
 * clinic's zone or patient label. FEED_RECHECK_MS=0 looks the token up on every request.
 */
@Injectable()
export class FeedTokenCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by invalidate(): a lookup that overlapped one is not remembered. */
  private generation = 0;

  constructor(
    private readonly feeds: CalendarFeedRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async find(tokenHash: string): Promise<FeedByToken | null> {
    const ttl = this.config.feeds.recheckMs;
    const hit = this.entries.get(tokenHash);
    const tick = performance.now();
    if (hit && tick - hit.at < ttl) return hit.found;
    const generation = this.generation;
    const found = await this.feeds.findByTokenHash(tokenHash);
    this.entries.delete(tokenHash);
    if (found && ttl > 0 && generation === this.generation) {
      this.entries.set(tokenHash, { found, at: tick });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
    return found;
  }

  /** Forgets every lookup (after a rotation or revocation has been committed). */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}
