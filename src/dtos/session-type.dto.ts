import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { SessionTypeEntity } from '../entities/session-type.entity';
import { IsCatalogName } from './catalog-fields';
import { PageDto } from './page.dto';
import { archivableTimestampsOf } from './timestamps';
import {
  GroupSizeDto,
  RoomNeedDto,
  SessionTypeBodyDto,
  StaffRequirementDto,
} from './shapes/session-type.dto';
import { IsOmittable, IsSlug, MaxItems, StaffFitsInSession } from './validators';

export class SessionTypeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({
    example: 'ketamine-iv',
    description: 'Unique in the clinic; the session type id in planning documents and protocols',
  })
  code: string;
  @ApiProperty({ example: 'IV ketamine infusion' })
  name: string;
  @ApiProperty({ example: 120 })
  durationMinutes: number;
  @ApiProperty({ type: RoomNeedDto, nullable: true, description: 'null: no room' })
  room: RoomNeedDto | null;
  @ApiProperty({ type: [StaffRequirementDto] })
  staff: StaffRequirementDto[];
  @ApiProperty({
    type: GroupSizeDto,
    nullable: true,
    description: 'Planning format 1.1 group sessions; null: one patient per session',
  })
  group: GroupSizeDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Set when archived' })
  archivedAt: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class SessionTypePageDto extends PageDto(SessionTypeDto) {}

export class CreateSessionTypeDto extends SessionTypeBodyDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 100,
    example: 'ketamine-iv',
    description: 'Lowercase slug, unique in the clinic, fixed once created',
  })
  @IsDefined()
  @IsString()
  @MaxLength(100)
  @IsSlug()
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'IV ketamine infusion' })
  @IsDefined()
  @IsCatalogName()
  name: string;
}

/**
 * Every field optional (`code` cannot change: protocols refer to it). `room: null` removes
 * the room need. The requirements must fit the session after the change.
 */
export class UpdateSessionTypeDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @IsCatalogName()
  name?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: RoomNeedDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => RoomNeedDto)
  room?: RoomNeedDto | null;

  @ApiPropertyOptional({ type: [StaffRequirementDto] })
  @IsOmittable()
  @IsArray()
  @MaxItems(20, { noun: 'staff requirement' })
  @ValidateNested({ each: true })
  @Type(() => StaffRequirementDto)
  @StaffFitsInSession()
  staff?: StaffRequirementDto[];

  @ApiPropertyOptional({
    type: GroupSizeDto,
    nullable: true,
    description: 'Planning format 1.1 group sessions; null makes it a one-patient session again',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => GroupSizeDto)
  group?: GroupSizeDto | null;
}

export function toSessionTypeDto(row: SessionTypeEntity): SessionTypeDto {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    durationMinutes: row.durationMinutes,
    room: row.room,
    staff: row.staff,
    group: row.group ?? null,
    ...archivableTimestampsOf(row),
  };
}
