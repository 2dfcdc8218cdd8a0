import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { createHash } from 'node:crypto';
import { feedEvents } from '../domain/calendar/feed-events';
import { renderCalendar } from '../domain/calendar/render-calendar';
import { NotFoundError } from '../domain/errors';
import type { FeedCalendarQueryDto } from '../dtos/calendar-feed.dto';
import type { CalendarFeedEntity, FeedContentState } from '../entities/calendar-feed.entity';
import type { ClinicEntity } from '../entities/clinic.entity';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/app-config';
import { CalendarFeedRepository } from '../repositories/calendar-feed.repository';
import { FeedContentRepository, FeedScope } from '../repositories/feed-content.repository';
import { CLOCK, Clock } from './clock';
import { FeedFetchLog } from './feed-fetch-log';
import { FeedTokenCache } from './feed-token-cache';
import { feedTokenOf, hashFeedToken } from './feed-secret';

/** What the client sent that bears on the answer. */
export interface FeedRequest {
  file: string;
  query: FeedCalendarQueryDto;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  userAgent?: string;
}

/** The answer: a body (200) or none (304), with its validators. */
export interface FeedResponse {
  status: 200 | 304;
  body: Buffer | null;
  /** Strong ETag, quoted. */
  etag: string;
  /** Never after `date` (RFC 9110 8.8.2.1). */
  lastModified: Date;
  /** The response's Date: the clock's now, in whole seconds. */
  date: Date;
}

interface Rendered {
  key: string;
  body: Buffer;
  etag: string;
  /** What the body depends on besides the appointments (window, name, zone, label). */
  setting: string;
  /** performance.now() of the last fingerprint check that found it current. */
  checkedAt: number;
}

const DAY_MS = 86_400_000;
/** Windows remembered per feed for Last-Modified (the default and a few custom ones). */
const STATES_KEPT = 8;
/** Rendered bodies kept in memory, by feed and window. */
const CACHE_ENTRIES = 500;

/**
 * Serves `/feeds/<token>.ics`. The token is the credential: unknown tokens are 404, as are
 * retired ones (rotated, or the feed revoked) once their grace period is over; during it
 * they get an empty calendar, so clients drop what they had synced.
 *
 * The body depends only on stored data (DTSTAMP is each appointment's last change, never
 * "now"), so its SHA-256 is a strong ETag that changes exactly when the body does. The
 * Last-Modified is when this feed first served that body (kept per window in the feed row).
 * An unchanged feed is answered from memory after one cheap fingerprint query (or none,
 * within FEED_RECHECK_MS of the last one); the appointments are read and rendered only when
 * the fingerprint moved.
 */
@Injectable()
export class FeedCalendarService {
  private readonly cache = new Map<string, Rendered>();
  private readonly windows = new Map<
    string,
    { dayStart: number; dayEnd: number; from: Date; to: Date }
  >();

  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly content: FeedContentRepository,
    private readonly fetchLog: FeedFetchLog,
    private readonly tokens: FeedTokenCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async serve(req: FeedRequest): Promise<FeedResponse> {
    const token = feedTokenOf(req.file);
    const found = token === null ? null : await this.tokens.find(hashFeedToken(token));
    if (!found) throw new NotFoundError('Feed', undefined, 'FEED_NOT_FOUND');
    const { feed } = found;
    const clinic = feed.clinic!;
    const now = this.clock.now();
    const retiredAt = found.token.retiredAt ?? feed.revokedAt;
    const graceMs = this.config.feeds.revokedGraceHours * 3_600_000;
    const record = (status: 200 | 304 | 404) =>
      this.fetchLog.record({
        clinicId: feed.clinicId,
        feedId: feed.id,
        tokenId: found.token.id,
        fetchedAt: now,
        userAgent: req.userAgent?.slice(0, 300) || null,
        status,
        retired: retiredAt !== null,
      });
    if (retiredAt && now.getTime() >= retiredAt.getTime() + graceMs) {
      // Gone, yet the token's hash still names the feed: its fetch log shows who still polls
      // it. The answer is an unknown token's, word for word.
      record(404);
      throw new NotFoundError('Feed', undefined, 'FEED_NOT_FOUND');
    }

    const windowKey = `${req.query.pastDays}:${req.query.futureDays}`;
    const rendered = retiredAt
      ? this.render(feed, clinic, 'retired', { from: now, to: now }, [])
      : await this.current(feed, clinic, this.scope(feed, clinic, req.query, now), windowKey);
    const modified = retiredAt
      ? retiredModified(feed, retiredAt)
      : await this.lastModified(feed, windowKey, rendered.etag, now);

    // If-Modified-Since is judged against the stored date, which a body that replaced another
    // within the same second puts a second ahead of now: a client holding the older body
    // still gets the new one. The header never names a time after the response's Date.
    const status = notModified(req, rendered.etag, modified) ? 304 : 200;
    const date = new Date(Math.floor(now.getTime() / 1000) * 1000);
    const lastModified = modified.getTime() > date.getTime() ? date : modified;
    record(status);
    return {
      status,
      body: status === 200 ? rendered.body : null,
      etag: rendered.etag,
      lastModified,
      date,
    };
  }

  /** The window: whole days in the clinic's zone around today, so it moves once a day. */
  private scope(
    feed: CalendarFeedEntity,
    clinic: ClinicEntity,
    query: FeedCalendarQueryDto,
    now: Date,
  ): FeedScope {
    const { from, to } = this.window(clinic.timeZone, query, now);
    return {
      clinicId: feed.clinicId,
      kind: feed.kind,
      targetId: feed.targetId,
      from,
      to,
      cancelledShownSince: new Date(now.getTime() - this.config.feeds.cancelledDays * DAY_MS),
    };
  }

  /** The window's bounds, computed (luxon zone arithmetic) once per zone, window and day. */
  private window(zone: string, query: FeedCalendarQueryDto, now: Date): { from: Date; to: Date } {
    const key = `${zone}|${query.pastDays}|${query.futureDays}`;
    const t = now.getTime();
    const known = this.windows.get(key);
    if (known && known.dayStart <= t && t < known.dayEnd) return known;
    const today = DateTime.fromJSDate(now, { zone }).startOf('day');
    const window = {
      dayStart: today.toMillis(),
      dayEnd: today.plus({ days: 1 }).toMillis(),
      from: today.minus({ days: query.pastDays }).toJSDate(),
      to: today.plus({ days: query.futureDays + 1 }).toJSDate(),
    };
    if (this.windows.size >= CACHE_ENTRIES) this.windows.clear();
    this.windows.set(key, window);
    return window;
  }

  /** The live body: from memory while the fingerprint of its inputs is unchanged. */
  private async current(
    feed: CalendarFeedEntity,
    clinic: ClinicEntity,
    scope: FeedScope,
    windowKey: string,
  ): Promise<Rendered> {
    const setting = JSON.stringify([
      scope.from.getTime(),
      scope.to.getTime(),
      feed.name,
      clinic.timeZone,
      clinic.feedPatientLabel,
      this.config.feeds.refreshMinutes,
    ]);
    const cacheKey = `${feed.id}|${windowKey}`;
    const hit = this.cache.get(cacheKey);
    const tick = performance.now();
    // Within FEED_RECHECK_MS of the last check the appointments are not asked again.
    if (hit?.setting === setting && tick - hit.checkedAt < this.config.feeds.recheckMs) return hit;
    const key = `${setting}|${await this.content.fingerprint(scope)}`;
    if (hit?.key === key) {
      hit.checkedAt = tick;
      return hit;
    }
    const rows = await this.content.appointments(scope);
    const events = feedEvents(rows, {
      kind: feed.kind,
      patientLabel: clinic.feedPatientLabel,
      cancelledShownSince: scope.cancelledShownSince,
    });
    const window = { from: scope.from, to: scope.to };
    const rendered = {
      ...this.render(feed, clinic, key, window, events),
      setting,
      checkedAt: tick,
    };
    this.cache.delete(cacheKey);
    this.cache.set(cacheKey, rendered);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    return rendered;
  }

  private render(
    feed: CalendarFeedEntity,
    clinic: ClinicEntity,
    key: string,
    window: { from: Date; to: Date },
    events: ReturnType<typeof feedEvents>,
  ): Omit<Rendered, 'setting' | 'checkedAt'> {
    const text = renderCalendar({
      name: feed.name,
      timeZone: clinic.timeZone,
      window,
      refreshMinutes: this.config.feeds.refreshMinutes,
      events,
    });
    const body = Buffer.from(text, 'utf8');
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    return { key, body, etag };
  }

  /**
   * When this body was first served for this window: unchanged while the ETag is, else now
   * (whole seconds, and always after the previous one, so If-Modified-Since never matches
   * an older body; a second ahead of now when two bodies follow within a second, which
   * serve() never sends as the header).
   */
  private async lastModified(
    feed: CalendarFeedEntity,
    windowKey: string,
    etag: string,
    now: Date,
  ): Promise<Date> {
    const known = feed.contentState[windowKey];
    if (known?.etag === etag) return new Date(known.modified * 1000);
    const modified = Math.max(Math.floor(now.getTime() / 1000), (known?.modified ?? 0) + 1);
    const state: Record<string, FeedContentState> = {
      ...feed.contentState,
      [windowKey]: { etag, modified },
    };
    const kept = Object.entries(state)
      .sort((a, b) => b[1].modified - a[1].modified)
      .slice(0, STATES_KEPT);
    const saved = Object.fromEntries(kept);
    await this.feeds.saveContentState(feed.id, saved);
    // The feed row may be the token cache's: keep it in step with what was stored.
    feed.contentState = saved;
    return new Date(modified * 1000);
  }
}

/**
 * A retired URL's empty calendar dates from its retirement (after anything served before; up
 * to a second ahead of now, which serve() never sends as the header).
 */
function retiredModified(feed: CalendarFeedEntity, retiredAt: Date): Date {
  const before = Math.max(0, ...Object.values(feed.contentState).map((s) => s.modified));
  return new Date(Math.max(Math.ceil(retiredAt.getTime() / 1000), before + 1) * 1000);
}

/**
 * RFC 9110 13.1.2 / 13.2.2: If-None-Match (weak comparison, `*` or a list) decides when sent;
 * otherwise If-Modified-Since, when it is a valid HTTP date, is compared in whole seconds.
 */
export function notModified(
  req: Pick<FeedRequest, 'ifNoneMatch' | 'ifModifiedSince'>,
  etag: string,
  lastModified: Date,
): boolean {
  if (req.ifNoneMatch !== undefined) {
    const tags = req.ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(etag);
  }
  if (req.ifModifiedSince !== undefined) {
    const since = Date.parse(req.ifModifiedSince);
    return !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  return false;
}
