import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { FEED_KINDS, type FeedKind } from '../domain/calendar/feed-events';
import type { CalendarFeedFetchEntity } from '../entities/calendar-feed-fetch.entity';
import type { CalendarFeedEntity } from '../entities/calendar-feed.entity';
import { IsQueryInteger, IsSingleLine } from './validators';

/** Limits of the calendar window a subscriber may ask for (`?pastDays=&futureDays=`). */
export const FEED_WINDOW = {
  pastDays: { default: 30, max: 366 },
  futureDays: { default: 365, max: 731 },
} as const;

export class FeedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ enum: FEED_KINDS })
  kind: FeedKind;
  @ApiProperty({ format: 'uuid', description: 'The staff member, room, patient or cohort' })
  targetId: string;
  @ApiProperty({ example: 'Schedule: RN B', description: 'The calendar name clients show' })
  name: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdByKeyId: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty({ type: String, nullable: true })
  revokedAt: string | null;
}

/** Returned at creation and rotation only: the URLs hold the secret token. */
export class FeedWithUrlDto extends FeedDto {
  @ApiProperty({
    example: 'https://calendar.example.org/feeds/kpf_Xq3...ics',
    description: 'The calendar URL. Store it now: it cannot be shown again.',
  })
  url: string;
  @ApiProperty({ example: 'webcal://calendar.example.org/feeds/kpf_Xq3...ics' })
  webcalUrl: string;
}

export class FeedListDto {
  @ApiProperty({ type: [FeedDto] })
  items: FeedDto[];
}

export class CreateFeedDto {
  @ApiProperty({ enum: FEED_KINDS })
  @IsIn(FEED_KINDS)
  kind: FeedKind;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  targetId: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100, description: 'Default: from the target' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSingleLine()
  name?: string;
}

/** `GET /feeds/{token}.ics?pastDays=&futureDays=`: the window, in days around today. */
export class FeedCalendarQueryDto {
  @ApiPropertyOptional({ minimum: 0, maximum: FEED_WINDOW.pastDays.max, default: 30 })
  @IsOptional()
  @IsQueryInteger()
  @Min(0)
  @Max(FEED_WINDOW.pastDays.max)
  pastDays: number = FEED_WINDOW.pastDays.default;

  @ApiPropertyOptional({ minimum: 1, maximum: FEED_WINDOW.futureDays.max, default: 365 })
  @IsOptional()
  @IsQueryInteger()
  @Min(1)
  @Max(FEED_WINDOW.futureDays.max)
  futureDays: number = FEED_WINDOW.futureDays.default;
}

export class FeedFetchDto {
  @ApiProperty()
  fetchedAt: string;
  @ApiProperty({ type: String, nullable: true })
  userAgent: string | null;
  @ApiProperty({
    example: 200,
    description: '200 or 304; 404 when a retired token was fetched after its grace period',
  })
  status: number;
  @ApiProperty({
    description:
      'A revoked feed or rotated token: an empty calendar (or, after the grace period, 404)',
  })
  retired: boolean;
}

export class FeedFetchListDto {
  @ApiProperty({ type: [FeedFetchDto] })
  items: FeedFetchDto[];
}

export function toFeedDto(f: CalendarFeedEntity): FeedDto {
  return {
    id: f.id,
    kind: f.kind,
    targetId: f.targetId,
    name: f.name,
    createdByKeyId: f.createdByKeyId,
    createdAt: f.createdAt.toISOString(),
    revokedAt: f.revokedAt ? f.revokedAt.toISOString() : null,
  };
}

export function toFeedFetchDto(f: CalendarFeedFetchEntity): FeedFetchDto {
  return {
    fetchedAt: f.fetchedAt.toISOString(),
    userAgent: f.userAgent,
    status: f.status,
    retired: f.retired,
  };
}
