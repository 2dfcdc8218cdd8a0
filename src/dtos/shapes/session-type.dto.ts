/** Session type shapes: room need and staff requirements. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { StaffRequirementMode } from '../../domain/planning/format';
import {
  IsNotBefore,
  IsSlug,
  MaxItems,
  NoRepeats,
  NotWhen,
  StaffFitsInSession,
} from '../validators';

/** The room a session needs: every listed feature (a room feature slug), held `turnoverMinutes` after the session. */
export class RoomNeedDto {
  @ApiProperty({ type: [String], example: ['infusion', 'monitoring'] })
  @IsArray()
  @MaxItems(20, { noun: 'feature' })
  @NoRepeats({ noun: 'feature' })
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(100, { each: true })
  @IsSlug({ each: true })
  features: string[];

  @ApiPropertyOptional({ example: 15, minimum: 0, maximum: 1440, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  turnoverMinutes?: number;
}

/**
 * `count` distinct people holding `role`, each occupied for
 * `[start+offsetMinutes, start+offsetMinutes+durationMinutes)` (default: the
 * whole session). `maxConcurrent` > 1 lets one person cover that many at once.
 * `mode: "present"` (format 1.1) only needs them on duty, not occupied.
 */
export class StaffRequirementDto {
  @ApiProperty({ example: 'prescriber' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSlug()
  role: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, maximum: 50, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  count?: number;

  @ApiPropertyOptional({ example: 0, minimum: 0, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1440)
  offsetMinutes?: number;

  @ApiPropertyOptional({ example: 45, minimum: 1, description: 'Default: rest of the session' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ example: 3, minimum: 1, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  @NotWhen('mode', 'present')
  maxConcurrent?: number;

  @ApiPropertyOptional({
    enum: ['occupied', 'present'],
    default: 'occupied',
    description:
      'Planning format 1.1. "present": the people must be on duty (available, not on time off or busy) for the interval without being occupied; one person may also hold another requirement of the session, and presence counts toward no staff limit nor continuity (e.g. a physician on site through recovery).',
  })
  @IsOptional()
  @IsIn(['occupied', 'present'])
  mode?: StaffRequirementMode;
}

/** Planning format 1.1: the session is held as occurrences of `min`..`max` patients each. */
export class GroupSizeDto {
  @ApiProperty({ example: 3, minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  min: number;

  @ApiProperty({ example: 8, minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  @IsNotBefore('min')
  max: number;
}

/** The body of a session type (its id lives on the resource). */
export class SessionTypeBodyDto {
  @ApiProperty({ example: 120, minimum: 1, maximum: 1440 })
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes: number;

  @ApiProperty({
    type: RoomNeedDto,
    nullable: true,
    description: 'null: the session needs no room',
  })
  @ValidateIf((o: SessionTypeBodyDto) => o.room !== null)
  @IsObject({ message: 'room must be an object, or null for a session without a room' })
  @ValidateNested()
  @Type(() => RoomNeedDto)
  room: RoomNeedDto | null;

  @ApiProperty({ type: [StaffRequirementDto] })
  @IsArray()
  @MaxItems(20, { noun: 'staff requirement' })
  @ValidateNested({ each: true })
  @Type(() => StaffRequirementDto)
  @StaffFitsInSession()
  staff: StaffRequirementDto[];

  @ApiPropertyOptional({
    type: GroupSizeDto,
    nullable: true,
    description:
      'Planning format 1.1 group sessions: occurrences shared by min–max patients, counted once against rooms and staff. Absent or null: one patient per session.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GroupSizeDto)
  group?: GroupSizeDto | null;
}
