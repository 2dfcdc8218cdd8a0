import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { StaffEntity } from '../entities/staff.entity';
import { IsAvailabilityList, IsCatalogName, IsSlugList, IsTimeOffList } from './catalog-fields';
import { PageDto } from './page.dto';
import { archivableTimestampsOf } from './timestamps';
import { AvailabilityWindowDto, LocalPeriodDto, StaffLimitsDto } from './shapes/time-shapes.dto';
import { IsOmittable } from './validators';

export class StaffDto {
  @ApiProperty({ format: 'uuid', description: 'Also the staff id in planning documents' })
  id: string;
  @ApiProperty({ example: 'Dr. Amara Okafor' })
  name: string;
  @ApiProperty({ type: [String], example: ['prescriber'] })
  roles: string[];
  @ApiProperty({ type: [AvailabilityWindowDto] })
  availability: AvailabilityWindowDto[];
  @ApiProperty({ type: [LocalPeriodDto] })
  timeOff: LocalPeriodDto[];
  @ApiProperty({ type: StaffLimitsDto, nullable: true })
  limits: StaffLimitsDto | null;
  @ApiProperty({ type: String, nullable: true, description: 'Set when archived' })
  archivedAt: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class StaffPageDto extends PageDto(StaffDto) {}

export class CreateStaffDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Dr. Amara Okafor' })
  @IsDefined()
  @IsCatalogName()
  name: string;

  @ApiProperty({ type: [String], example: ['prescriber'], description: 'Role/credential slugs' })
  @IsDefined()
  @IsSlugList({ minItems: 1, maxItems: 20, item: { noun: 'role' } })
  roles: string[];

  @ApiPropertyOptional({
    type: [AvailabilityWindowDto],
    description: 'Windows in which the person may work; none: never available',
  })
  @IsOptional()
  @IsAvailabilityList()
  availability?: AvailabilityWindowDto[];

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOptional()
  @IsTimeOffList()
  timeOff?: LocalPeriodDto[];

  @ApiPropertyOptional({ type: StaffLimitsDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StaffLimitsDto)
  limits?: StaffLimitsDto | null;
}

/** Every field optional; `limits: null` removes the limits, other fields may not be null. */
export class UpdateStaffDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @IsCatalogName()
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsSlugList({ minItems: 1, maxItems: 20, item: { noun: 'role' } })
  roles?: string[];

  @ApiPropertyOptional({ type: [AvailabilityWindowDto] })
  @IsOmittable()
  @IsAvailabilityList()
  availability?: AvailabilityWindowDto[];

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOmittable()
  @IsTimeOffList()
  timeOff?: LocalPeriodDto[];

  @ApiPropertyOptional({ type: StaffLimitsDto, nullable: true })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StaffLimitsDto)
  limits?: StaffLimitsDto | null;
}

export function toStaffDto(row: StaffEntity): StaffDto {
  return {
    id: row.id,
    name: row.name,
    roles: [...row.roles],
    availability: row.availability,
    timeOff: row.timeOff,
    limits: row.limits,
    ...archivableTimestampsOf(row),
  };
}
