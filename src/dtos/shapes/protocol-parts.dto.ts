/** Protocol building blocks: ranges, series, patient day, continuity. */
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Weekday } from '../../domain/planning/format';
import { WEEKDAYS } from '../../domain/planning/format';
import {
  IsAfter,
  IsLocalTime,
  IsNotAfter,
  IsNotBefore,
  IsSlug,
  IsWeekday,
  MaxItems,
  MinItems,
  NoRepeats,
} from '../validators';

/** Ids inside a protocol (series): letters, digits, `-`, `_`, `.`. */
export const PROTOCOL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Largest hour bound a protocol may state (a leap year). */
export const HOURS_MAX = 24 * 366;

/** How many sessions of a series a patient gets: min ≤ default ≤ max. */
export class CountRangeDto {
  @ApiProperty({ example: 6, minimum: 0, maximum: 500 })
  @IsInt()
  @Min(0)
  @Max(500)
  min: number;

  @ApiProperty({ example: 8, minimum: 1, maximum: 500 })
  @IsInt()
  @Min(1)
  @Max(500)
  @IsNotBefore('min')
  max: number;

  @ApiPropertyOptional({ example: 6, description: 'Default: min' })
  @IsOptional()
  @IsInt()
  @IsNotBefore('min')
  @IsNotAfter('max')
  default?: number;
}

/**
 * Planning format 1.1: exactly as many sessions as the patient gets of series
 * `sameAs` (a series of the same protocol with its own count range).
 */
export class LinkedCountDto {
  @ApiProperty({
    example: 'dose',
    description: 'Id of a series of this protocol with a count range',
  })
  @IsString()
  @Matches(PROTOCOL_ID_PATTERN, {
    message: '$property must be 1–64 letters, digits, "-", "_" or "."',
  })
  sameAs: string;
}

/** A linked count when the body has `sameAs`, otherwise a range. */
function countClass(source: unknown): typeof CountRangeDto | typeof LinkedCountDto {
  return typeof source === 'object' && source !== null && 'sameAs' in source
    ? LinkedCountDto
    : CountRangeDto;
}

/** An hour range; either bound may be absent (unbounded). Real elapsed hours. */
export class HourRangeDto {
  @ApiPropertyOptional({ example: 24 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-HOURS_MAX)
  @Max(HOURS_MAX)
  min?: number;

  @ApiPropertyOptional({ example: 168 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-HOURS_MAX)
  @Max(HOURS_MAX)
  @IsNotBefore('min')
  max?: number;
}

/** An hour range that cannot be negative (gaps between sessions, follow-up delays). */
export class NonNegativeHourRangeDto {
  @ApiPropertyOptional({ example: 44, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(HOURS_MAX)
  min?: number;

  @ApiPropertyOptional({ example: 96, minimum: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(HOURS_MAX)
  @IsNotBefore('min')
  max?: number;
}

/** First to last session, local dates inclusive. */
export class SpanDaysDto {
  @ApiPropertyOptional({ example: 7, minimum: 1, maximum: 366 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  min?: number;

  @ApiPropertyOptional({ example: 14, minimum: 1, maximum: 366 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(366)
  @IsNotBefore('min')
  max?: number;
}

/**
 * Planning format 1.1: after a missed session, bounds the gap from the series'
 * last done session before the miss to its first session after it, instead of
 * gapHours. `max` is required; `min` defaults to gapHours.min.
 */
export class ResumeGapHoursDto {
  @ApiPropertyOptional({ example: 44, minimum: 0, description: 'Default: gapHours.min' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(HOURS_MAX)
  min?: number;

  @ApiProperty({ example: 168, minimum: 0 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(HOURS_MAX)
  @IsNotBefore('min')
  max: number;
}

/** A series: `count` sessions of one session type, optionally spaced and limited to weekdays. */
@ApiExtraModels(CountRangeDto, LinkedCountDto)
export class SeriesDto {
  @ApiProperty({ example: 'dose' })
  @IsString()
  @Matches(PROTOCOL_ID_PATTERN, {
    message: '$property must be 1–64 letters, digits, "-", "_" or "."',
  })
  id: string;

  @ApiProperty({ example: 'ketamine-iv', description: 'Id of a session type of the clinic' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  sessionType: string;

  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(CountRangeDto) }, { $ref: getSchemaPath(LinkedCountDto) }],
    description: 'A range, or (planning format 1.1) `{ "sameAs": "<series>" }`',
  })
  @IsObject()
  @ValidateNested()
  @Type((help) => countClass((help?.object as { count?: unknown } | undefined)?.count))
  count: CountRangeDto | LinkedCountDto;

  @ApiPropertyOptional({
    type: NonNegativeHourRangeDto,
    description: 'Start-to-start hours between consecutive sessions',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => NonNegativeHourRangeDto)
  gapHours?: NonNegativeHourRangeDto;

  @ApiPropertyOptional({
    type: ResumeGapHoursDto,
    description:
      'Planning format 1.1: the gap across a missed session (from the last done session before it to the next session)',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ResumeGapHoursDto)
  resumeGapHours?: ResumeGapHoursDto;

  @ApiPropertyOptional({ enum: WEEKDAYS, isArray: true, example: ['MO', 'WE', 'FR'] })
  @IsOptional()
  @IsArray()
  @MinItems(1, { noun: 'day' })
  @NoRepeats({ noun: 'day' })
  @IsWeekday({ each: true })
  days?: Weekday[];
}

/** Each session inside `[start, end)` local time; per-day limits for the patient. */
export class PatientDayDto {
  @ApiPropertyOptional({ example: '08:00' })
  @IsOptional()
  @IsLocalTime()
  start?: string;

  @ApiPropertyOptional({ example: '19:00' })
  @IsOptional()
  @IsLocalTime()
  @IsAfter('start')
  end?: string;

  @ApiPropertyOptional({ example: 3, minimum: 1, maximum: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  maxSessions?: number;

  @ApiPropertyOptional({ example: 330, minimum: 1, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  maxMinutes?: number;

  @ApiPropertyOptional({ example: 30, minimum: 0, maximum: 1440 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  minBreakMinutes?: number;
}

/** The same person in `role` for all of the patient's sessions of the listed series. */
export class ContinuityDto {
  @ApiProperty({ type: [String], example: ['emdr'] })
  @IsArray()
  @MinItems(1, { noun: 'series', plural: 'series' })
  @MaxItems(50, { noun: 'series', plural: 'series' })
  @NoRepeats({ noun: 'series', plural: 'series' })
  @IsString({ each: true })
  series: string[];

  @ApiProperty({ example: 'emdr-therapist' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSlug()
  role: string;

  @ApiProperty({ enum: ['require', 'prefer'] })
  @IsIn(['require', 'prefer'])
  mode: 'require' | 'prefer';
}
