import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { FEED_PATIENT_LABELS, type FeedPatientLabel } from '../domain/calendar/feed-events';
import { ClinicEntity } from '../entities/clinic.entity';
import {
  defineConstraint,
  IsIanaTimeZone,
  IsLocalDate,
  IsSingleLine,
  MaxItems,
  NoRepeats,
} from './validators';

/** Minutes that divide a day (1440), as the planning format requires of `slotMinutes`. */
const IsSlotMinutes = () =>
  defineConstraint(
    'isSlotMinutes',
    '$property must divide a day (1440 minutes) evenly, e.g. 5, 10, 15, 20, 30 or 60',
    // Out of 1..240 or not whole: @Min/@Max/@IsInt say so.
    (v) => typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 240 || 1440 % v === 0,
    undefined,
  );

export class ClinicDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Riverside Trauma Clinic' })
  name: string;
  @ApiProperty({ example: 'America/New_York', description: 'IANA time zone' })
  timeZone: string;
  @ApiProperty({ example: 15, description: 'Sessions start on multiples of this (local time)' })
  slotMinutes: number;
  @ApiProperty({ type: String, isArray: true, example: ['2027-12-25'] })
  closures: string[];
  @ApiProperty({
    enum: FEED_PATIENT_LABELS,
    description: 'How staff, room and cohort calendar feeds name a patient',
  })
  feedPatientLabel: FeedPatientLabel;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class UpdateClinicDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @IsSingleLine()
  name?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 240,
    description: 'Minutes of the start grid; must divide a day (1440), e.g. 5, 10, 15, 30',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(240)
  @IsSlotMinutes()
  slotMinutes?: number;

  @ApiPropertyOptional({ type: String, isArray: true, description: 'Local dates YYYY-MM-DD' })
  @IsOptional()
  @IsArray()
  @MaxItems(1000, { noun: 'date' })
  @NoRepeats({ noun: 'date' })
  @IsLocalDate({ each: true })
  closures?: string[];

  @ApiPropertyOptional({
    enum: FEED_PATIENT_LABELS,
    description: 'Calendar feeds: `initials` or each patient’s `pseudonym`',
  })
  @IsOptional()
  @IsIn(FEED_PATIENT_LABELS)
  feedPatientLabel?: FeedPatientLabel;
}

export function toClinicDto(clinic: ClinicEntity): ClinicDto {
  return {
    id: clinic.id,
    name: clinic.name,
    timeZone: clinic.timeZone,
    slotMinutes: clinic.slotMinutes,
    closures: [...clinic.closures].sort(),
    feedPatientLabel: clinic.feedPatientLabel,
    createdAt: clinic.createdAt.toISOString(),
    updatedAt: clinic.updatedAt.toISOString(),
  };
}
