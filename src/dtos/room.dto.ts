import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import { IsDefined, IsInt, IsOptional, Max, Min } from 'class-validator';
import { RoomEntity } from '../entities/room.entity';
import { IsAvailabilityList, IsCatalogName, IsSlugList, IsTimeOffList } from './catalog-fields';
import { PageDto } from './page.dto';
import { archivableTimestampsOf } from './timestamps';
import { AvailabilityWindowDto, LocalPeriodDto } from './shapes/time-shapes.dto';
import { IsOmittable } from './validators';

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

export class CreateRoomDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Infusion bay 1' })
  @IsDefined()
  @IsCatalogName()
  name: string;

  @ApiPropertyOptional({ type: [String], example: ['infusion', 'monitoring'], default: [] })
  @IsOptional()
  @IsSlugList({ maxItems: 50, item: { noun: 'feature' } })
  features?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  capacity?: number;

  @ApiPropertyOptional({
    type: [AvailabilityWindowDto],
    nullable: true,
    description: 'Absent or null: open across the horizon. [] is kept as an empty list.',
  })
  @IsOptional()
  @IsAvailabilityList()
  availability?: AvailabilityWindowDto[] | null;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOptional()
  @IsTimeOffList()
  timeOff?: LocalPeriodDto[];
}

/** Every field optional; `availability: null` makes the room open across the horizon again. */
export class UpdateRoomDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @IsCatalogName()
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsSlugList({ maxItems: 50, item: { noun: 'feature' } })
  features?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100)
  capacity?: number;

  @ApiPropertyOptional({ type: [AvailabilityWindowDto], nullable: true })
  @IsOptional()
  @IsAvailabilityList()
  availability?: AvailabilityWindowDto[] | null;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOmittable()
  @IsTimeOffList()
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
    ...archivableTimestampsOf(row),
  };
}
