import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { CalendarFeedEntity } from './calendar-feed.entity';

/**
 * One token of a feed: only the SHA-256 of the secret is stored. The live token has no
 * `retiredAt`; rotating retires it (its URL then serves an empty calendar for the grace
 * period, then 404) and adds a new one.
 */
@Entity('calendar_feed_token')
export class CalendarFeedTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  feedId: string;

  @ManyToOne(() => CalendarFeedEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feed_id' })
  feed?: CalendarFeedEntity;

  /** hex SHA-256 of the whole token. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
