import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RequestValidationError,
  ValidationError,
} from '../domain/errors';
import { httpsOriginOfHost } from '../domain/text/host';
import type { FeedKind } from '../domain/calendar/feed-events';
import {
  CreateFeedDto,
  FeedDto,
  FeedFetchDto,
  FeedWithUrlDto,
  toFeedDto,
  toFeedFetchDto,
} from '../dtos/calendar-feed.dto';
import type { CalendarFeedEntity } from '../entities/calendar-feed.entity';
import { APP_CONFIG } from '../infra/config/config.module';
import type { AppConfig } from '../infra/config/app-config';
import { CalendarFeedRepository } from '../repositories/calendar-feed.repository';
import { CohortRepository } from '../repositories/cohort.repository';
import { PatientRepository } from '../repositories/patient.repository';
import { RoomRepository } from '../repositories/room.repository';
import { StaffRepository } from '../repositories/staff.repository';
import { Actor } from './actor';
import { CLOCK, Clock } from './clock';
import { feedUrls, generateFeedToken, hashFeedToken } from './feed-secret';
import { FeedTokenCache } from './feed-token-cache';
import { snapshot, Transactions } from './transactions';

/**
 * Creating, listing, rotating and revoking calendar feeds. A director manages every feed of
 * the clinic; a clinician key linked to a staff member manages that person's own staff feed
 * only. The token is in the answer of create and rotate and nowhere else (only its hash is
 * stored; audit rows never hold it).
 */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly feeds: CalendarFeedRepository,
    private readonly staff: StaffRepository,
    private readonly rooms: RoomRepository,
    private readonly patients: PatientRepository,
    private readonly cohorts: CohortRepository,
    private readonly tx: Transactions,
    private readonly tokenCache: FeedTokenCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(actor: Actor): Promise<{ items: FeedDto[] }> {
    const filter =
      actor.role === 'director' ? {} : { kind: 'staff' as const, targetId: this.ownStaff(actor) };
    return { items: (await this.feeds.list(actor.clinicId, filter)).map(toFeedDto) };
  }

  create(actor: Actor, input: CreateFeedDto, requestHost?: string): Promise<FeedWithUrlDto> {
    if (actor.role !== 'director') this.checkOwn(actor, input.kind, input.targetId);
    const base = this.baseUrl(requestHost);
    const token = generateFeedToken();
    return this.tx.write(actor, async ({ manager, audit }) => {
      const defaultName = await this.checkTarget(actor, input, manager);
      const name = input.name ?? defaultName;
      const feed = await this.feeds.insert(
        actor.clinicId,
        {
          kind: input.kind,
          targetId: input.targetId,
          name,
          createdByKeyId: actor.keyId,
          revokedAt: null,
          contentState: {},
        },
        manager,
      );
      await this.feeds.addToken(feed.id, hashFeedToken(token), manager);
      const dto = toFeedDto(feed);
      await audit({
        action: 'create',
        entityType: 'calendar_feed',
        entityId: feed.id,
        before: null,
        after: snapshot(dto),
      });
      return { ...dto, ...feedUrls(base, token) };
    });
  }

  /** A new token; the old URL serves an empty calendar for the grace period, then 404. */
  async rotate(actor: Actor, id: string, requestHost?: string): Promise<FeedWithUrlDto> {
    const base = this.baseUrl(requestHost);
    const token = generateFeedToken();
    return this.thenInvalidate(
      this.tx.write(actor, async ({ manager, audit }) => {
        const feed = await this.manageable(actor, id, manager);
        await this.feeds.retireTokens(feed.id, this.clock.now(), manager);
        await this.feeds.addToken(feed.id, hashFeedToken(token), manager);
        const dto = toFeedDto(feed);
        await audit({
          action: 'rotate',
          entityType: 'calendar_feed',
          entityId: feed.id,
          before: snapshot(dto),
          after: snapshot(dto),
        });
        return { ...dto, ...feedUrls(base, token) };
      }),
    );
  }

  /** Revokes the feed: its URL serves an empty calendar for the grace period, then 404. */
  async revoke(actor: Actor, id: string): Promise<FeedDto> {
    return this.thenInvalidate(
      this.tx.write(actor, async ({ manager, audit }) => {
        const feed = await this.manageable(actor, id, manager);
        const now = this.clock.now();
        await this.feeds.retireTokens(feed.id, now, manager);
        const before = toFeedDto(feed);
        const after = toFeedDto(
          await this.feeds.update(actor.clinicId, id, { revokedAt: now }, manager),
        );
        await audit({
          action: 'revoke',
          entityType: 'calendar_feed',
          entityId: id,
          before: snapshot(before),
          after: snapshot(after),
        });
        return after;
      }),
    );
  }

  /** Once the retirement is committed (or failed), this process stops serving cached tokens. */
  private async thenInvalidate<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } finally {
      this.tokenCache.invalidate();
    }
  }

  /** The feed's latest fetches (time, user agent, answer), newest first. Directors only. */
  async fetches(actor: Actor, id: string, limit: number): Promise<{ items: FeedFetchDto[] }> {
    await this.feeds.get(actor.clinicId, id);
    return { items: (await this.feeds.fetches(actor.clinicId, id, limit)).map(toFeedFetchDto) };
  }

  private async manageable(actor: Actor, id: string, manager: EntityManager) {
    const feed = await this.feeds.getForUpdate(actor.clinicId, id, manager);
    if (actor.role !== 'director' && !this.isOwn(actor, feed)) {
      // A clinician does not learn about other people's feeds.
      throw new NotFoundError('Feed', id);
    }
    if (feed.revokedAt) {
      throw new ConflictError(`Feed ${id} is revoked; create a new one`, 'FEED_REVOKED');
    }
    return feed;
  }

  private isOwn(actor: Actor, feed: CalendarFeedEntity): boolean {
    return feed.kind === 'staff' && actor.staffId !== null && feed.targetId === actor.staffId;
  }

  /** A clinician's key must be linked to a staff member: theirs is the one feed they manage. */
  private ownStaff(actor: Actor): string {
    if (!actor.staffId) {
      throw new ForbiddenError(
        'This clinician key is not linked to a staff member, so it has no schedule to publish',
      );
    }
    return actor.staffId;
  }

  private checkOwn(actor: Actor, kind: FeedKind, targetId: string): void {
    const own = this.ownStaff(actor);
    if (kind !== 'staff' || targetId !== own) {
      throw new ForbiddenError('A clinician key creates only its own staff member’s feed');
    }
  }

  /** Checks the target exists in the clinic; the default calendar name (no patient data). */
  private async checkTarget(actor: Actor, input: CreateFeedDto, manager: EntityManager) {
    const { clinicId } = actor;
    const id = input.targetId;
    const missing = () =>
      ValidationError.single(
        '/targetId',
        'UNKNOWN_REFERENCE',
        `no ${input.kind} ${id} in this clinic`,
      );
    switch (input.kind) {
      case 'staff': {
        const s = await this.staff.find(clinicId, id, manager);
        if (!s) throw missing();
        return `Schedule: ${s.name}`;
      }
      case 'room': {
        const r = await this.rooms.find(clinicId, id, manager);
        if (!r) throw missing();
        return `Room: ${r.name}`;
      }
      case 'patient':
        if (!(await this.patients.find(clinicId, id, manager))) throw missing();
        return 'My sessions';
      case 'cohort':
        if (!(await this.cohorts.find(clinicId, id, manager))) throw missing();
        return 'Cohort sessions';
    }
  }

  /**
   * FEED_BASE_URL, else `https://` + the request's Host when it is a plain host[:port]: a
   * Host such as `a@evil.example` or `evil.example/#` would hand out a URL that sends the
   * token elsewhere, so it is 400 INVALID_HOST at `/Host` before anything is written.
   */
  private baseUrl(requestHost: string | undefined): string {
    if (this.config.feeds.baseUrl) return this.config.feeds.baseUrl;
    const checked = httpsOriginOfHost(requestHost);
    if (checked.ok) return checked.origin;
    throw new RequestValidationError([
      {
        pointer: '/Host',
        code: requestHost ? 'INVALID_HOST' : 'REQUIRED',
        message: `${checked.problem}; feed URLs are built from it because FEED_BASE_URL is not set`,
      },
    ]);
  }
}
