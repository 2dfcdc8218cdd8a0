import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { FeedKind } from '../domain/calendar/feed-events';
import { CalendarFeedFetchEntity } from '../entities/calendar-feed-fetch.entity';
import { CalendarFeedTokenEntity } from '../entities/calendar-feed-token.entity';
import { CalendarFeedEntity, FeedContentState } from '../entities/calendar-feed.entity';
import { TenantRepository } from './tenant.repository';

/** A token found by its hash, with its feed and the feed's clinic (`feed.clinic`). */
export interface FeedByToken {
  token: CalendarFeedTokenEntity;
  feed: CalendarFeedEntity;
}

export type NewFeedFetch = Omit<CalendarFeedFetchEntity, 'id' | 'feed'>;

/** Feeds, their token hashes and the fetch log. */
@Injectable()
export class CalendarFeedRepository extends TenantRepository<CalendarFeedEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, CalendarFeedEntity, 'Feed');
  }

  private tokens(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(CalendarFeedTokenEntity);
  }

  /** In creation order; the filter limits to one target's feeds (a clinician's own). */
  list(clinicId: string, filter: { kind?: FeedKind; targetId?: string } = {}) {
    return this.repo().find({
      where: { clinicId, ...filter },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  addToken(feedId: string, tokenHash: string, manager: EntityManager) {
    return this.tokens(manager).save(this.tokens(manager).create({ feedId, tokenHash }));
  }

  /** Retires the live token(s) of the feed. */
  async retireTokens(feedId: string, at: Date, manager: EntityManager): Promise<void> {
    await this.tokens(manager).update({ feedId, retiredAt: IsNull() }, { retiredAt: at });
  }

  /** The only lookup not scoped by clinic: the token is how the feed is learned. */
  async findByTokenHash(tokenHash: string): Promise<FeedByToken | null> {
    const token = await this.tokens().findOne({
      where: { tokenHash },
      relations: { feed: { clinic: true } },
    });
    if (!token?.feed?.clinic) return null;
    const { feed, ...rest } = token;
    return { token: rest as CalendarFeedTokenEntity, feed };
  }

  /** Stores what `contentState` became (last writer wins: a lost entry only re-dates a body). */
  async saveContentState(feedId: string, state: Record<string, FeedContentState>): Promise<void> {
    await this.repo()
      .createQueryBuilder()
      .update()
      .set({ contentState: state, updatedAt: () => 'updated_at' })
      .where('id = :feedId', { feedId })
      .execute();
  }

  async insertFetches(rows: readonly NewFeedFetch[]): Promise<void> {
    if (rows.length === 0) return;
    await this.dataSource.manager.getRepository(CalendarFeedFetchEntity).insert([...rows]);
  }

  /** The feed's latest fetches, newest first. */
  fetches(clinicId: string, feedId: string, limit: number) {
    return this.dataSource.manager.getRepository(CalendarFeedFetchEntity).find({
      where: { clinicId, feedId },
      order: { fetchedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
