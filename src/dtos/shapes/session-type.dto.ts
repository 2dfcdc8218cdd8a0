/** Session type shapes: room need and staff requirements. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
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
import { IsSlug, StaffFitsInSession } from '../validators';

/** The room a session needs: every listed feature (a room feature slug), held `turnoverMinutes` after the session. */
export class RoomNeedDto {
  @ApiProperty({ type: [String], example: ['infusion', 'monitoring'] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
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
  maxConcurrent?: number;
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
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => StaffRequirementDto)
  @StaffFitsInSession()
  staff: StaffRequirementDto[];
}
