import { Check, Column, Entity, Index } from 'typeorm';
import type { FeedKind } from '../domain/calendar/feed-events';
import { ClinicScopedEntity } from './clinic-scoped.entity';

/**
 * A calendar subscription feed: the appointments of one staff member, room, patient or cohort
 * as iCalendar at `/feeds/<token>.ics`. Tokens are in calendar_feed_token (only hashes);
 * revoking sets `revokedAt`. `contentState` remembers the last body served per window, so
 * Last-Modified changes exactly when the body does.
 */
export interface FeedContentState {
  etag: string;
  /** Last-Modified in epoch seconds. */
  modified: number;
}

@Entity('calendar_feed')
@Index(['clinicId', 'createdAt', 'id'])
@Check('calendar_feed_kind_check', `"kind" IN ('staff', 'room', 'patient', 'cohort')`)
export class CalendarFeedEntity extends ClinicScopedEntity {
  @Column({ type: 'varchar', length: 10 })
  kind: FeedKind;

  /** The staff member, room, patient or cohort (of the same clinic). */
  @Column({ type: 'uuid' })
  targetId: string;

  /** The calendar's NAME (X-WR-CALNAME). */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The API key that created it (null once that key is gone). */
  @Column({ type: 'uuid', nullable: true })
  createdByKeyId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /**
   * Per window asked for (`30:365`): the strong ETag of the last body served and when it was
   * first served (its Last-Modified, epoch seconds). A few windows are kept.
   */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  contentState: Record<string, FeedContentState>;
}
