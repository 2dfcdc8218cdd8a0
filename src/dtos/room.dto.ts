import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { Room } from '../domain/planning/format';
import { RoomEntity } from '../entities/room.entity';
import { PageDto } from './page.dto';
import { AvailabilityWindowDto, LocalPeriodDto } from './shapes/time-shapes.dto';
import { IsOmittable, IsSlug } from './staff.dto';

export class RoomDto {
  @ApiProperty({ format: 'uuid', description: 'Also the room id in planning documents' })
  id: string;
  @ApiProperty({ example: 'Infusion bay 1' })
  name: string;
  @ApiProperty({ type: [String], example: ['infusion', 'monitoring'] })
  features: string[];
  @ApiProperty({ example: 1, description: 'Sessions at once' })
  capacity: number;
  @ApiProperty({
    type: [AvailabilityWindowDto],
    nullable: true,
    description: 'null: open across the whole planning horizon',
  })
  availability: AvailabilityWindowDto[] | null;
  @ApiProperty({ type: [LocalPeriodDto] })
  timeOff: LocalPeriodDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Set when archived' })
  archivedAt: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class RoomPageDto extends PageDto(RoomDto) {}

/*
 * Rule order: class-validator checks a property's decorators bottom-up and the pipe stops at
 * the first failure, so presence and type checks sit nearest the property and run first.
 */
export class CreateRoomDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Infusion bay 1' })
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsDefined()
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['infusion', 'monitoring'], default: [] })
  @IsSlug({ each: true })
  @MaxLength(100, { each: true })
  @IsString({ each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsArray()
  @IsOptional()
  features?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @Max(100)
  @Min(1)
  @IsInt()
  @IsOptional()
  capacity?: number;

  @ApiPropertyOptional({
    type: [AvailabilityWindowDto],
    nullable: true,
    description: 'Absent or null: open across the horizon. [] is kept as an empty list.',
  })
  @Type(() => AvailabilityWindowDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  @IsArray()
  @IsOptional()
  availability?: AvailabilityWindowDto[] | null;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @Type(() => LocalPeriodDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  @IsArray()
  @IsOptional()
  timeOff?: LocalPeriodDto[];
}

/** Every field optional; `availability: null` makes the room open across the horizon again. */
export class UpdateRoomDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsOmittable()
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsSlug({ each: true })
  @MaxLength(100, { each: true })
  @IsString({ each: true })
  @ArrayUnique()
  @ArrayMaxSize(50)
  @IsArray()
  @IsOmittable()
  features?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @Max(100)
  @Min(1)
  @IsInt()
  @IsOmittable()
  capacity?: number;

  @ApiPropertyOptional({ type: [AvailabilityWindowDto], nullable: true })
  @Type(() => AvailabilityWindowDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(200)
  @IsArray()
  @IsOptional()
  availability?: AvailabilityWindowDto[] | null;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @Type(() => LocalPeriodDto)
  @ValidateNested({ each: true })
  @ArrayMaxSize(1000)
  @IsArray()
  @IsOmittable()
  timeOff?: LocalPeriodDto[];
}

export function toRoomDto(row: RoomEntity): RoomDto {
  return {
    id: row.id,
    name: row.name,
    features: [...row.features],
    capacity: row.capacity,
    availability: row.availability,
    timeOff: row.timeOff,
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The room as planning documents describe it (`rooms[]`): a null availability is left out
 * (open across the horizon); an empty list stays an empty list.
 */
export function toPlanningRoom(row: RoomEntity): Room {
  const room: Room = {
    id: row.id,
    features: [...row.features],
    capacity: row.capacity,
    timeOff: row.timeOff,
  };
  if (row.availability !== null) room.availability = row.availability;
  return room;
}
