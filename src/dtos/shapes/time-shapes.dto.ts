/**
 * Wall-clock shapes of the planning format: availability windows and local
 * periods. Local values are in the clinic's IANA zone.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import {
  ExactlyOneOf,
  IsAfter,
  IsLocalDate,
  IsLocalDateTime,
  IsLocalTime,
  IsNotBefore,
  IsRrule,
  NotWith,
} from '../validators';

/**
 * A window in which a person or room may work: recurring (`rrule`, with
 * optional `from`/`until` local dates) or one-off (`date`); exactly one of
 * `rrule` and `date`. `end` is later than `start` on the same day.
 */
export class AvailabilityWindowDto {
  @ApiPropertyOptional({
    example: 'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    description: 'RFC 5545 RRULE value without DTSTART; occurrences are local dates',
  })
  @ValidateIf((o: AvailabilityWindowDto) => o.rrule !== undefined || o.date === undefined)
  @ExactlyOneOf(['rrule', 'date'])
  @IsRrule()
  rrule?: string;

  @ApiPropertyOptional({ example: '2027-03-13', description: 'One-off window: a local date' })
  @ValidateIf((o: AvailabilityWindowDto) => o.date !== undefined)
  @IsLocalDate()
  date?: string;

  @ApiProperty({ example: '08:00', description: 'Local time HH:MM' })
  @IsLocalTime()
  start: string;

  @ApiProperty({ example: '16:00', description: 'Local time HH:MM, later than start' })
  @IsLocalTime()
  @IsAfter('start')
  end: string;

  @ApiPropertyOptional({ example: '2027-03-01', description: 'Recurring only: first local date' })
  @ValidateIf((o: AvailabilityWindowDto) => o.from !== undefined)
  @NotWith('date')
  @IsLocalDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2027-06-30',
    description: 'Recurring only: last local date, not before from',
  })
  @ValidateIf((o: AvailabilityWindowDto) => o.until !== undefined)
  @NotWith('date')
  @IsLocalDate()
  @IsNotBefore('from')
  until?: string;
}

/** A half-open local period `[start, end)`, e.g. time off. */
export class LocalPeriodDto {
  @ApiProperty({ example: '2027-03-10T00:00', description: 'Local date-time YYYY-MM-DDTHH:MM' })
  @IsLocalDateTime()
  start: string;

  @ApiProperty({ example: '2027-03-11T00:00', description: 'Local date-time, later than start' })
  @IsLocalDateTime()
  @IsAfter('start')
  end: string;
}

/** Per-local-day limits of a staff member. */
export class StaffLimitsDto {
  @ApiPropertyOptional({ example: 4, minimum: 1, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxSessionsPerDay?: number;

  @ApiPropertyOptional({ example: 420, minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  maxMinutesPerDay?: number;
}
