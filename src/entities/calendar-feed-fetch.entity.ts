import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CalendarFeedEntity } from './calendar-feed.entity';

/** One fetch of a feed's URL, for the audit trail: when, which token, the client, the answer. */
@Entity('calendar_feed_fetch')
@Index(['feedId', 'fetchedAt'])
export class CalendarFeedFetchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  clinicId: string;

  @Column({ type: 'uuid' })
  feedId: string;

  @ManyToOne(() => CalendarFeedEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feed_id' })
  feed?: CalendarFeedEntity;

  /** The calendar_feed_token used (a retired one during or after its grace period). */
  @Column({ type: 'uuid' })
  tokenId: string;

  @Column({ type: 'timestamptz' })
  fetchedAt: Date;

  /** The User-Agent header, cut to 300 characters (null when absent). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  /** 200 or 304; 404 for a retired token fetched after its grace period. */
  @Column({ type: 'smallint' })
  status: number;

  /** The URL's token was retired or the feed revoked: an empty calendar was served. */
  @Column({ type: 'boolean', default: false })
  retired: boolean;
}
