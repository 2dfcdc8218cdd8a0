import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import type { StaffMember } from '../domain/planning/format';
import { StaffEntity } from '../entities/staff.entity';
import { PageDto } from './page.dto';
import { AvailabilityWindowDto, LocalPeriodDto, StaffLimitsDto } from './shapes/time-shapes.dto';

/** Lowercase slug: role, feature and session type codes (`kap-therapist`, `ketamine-iv`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = '$property must be a lowercase slug such as kap-therapist';
export const IsSlug = (options?: ValidationOptions) =>
  Matches(SLUG, { message: SLUG_MESSAGE, ...options });

/**
 * PATCH fields: absent means "unchanged", but an explicit null is validated (and so refused)
 * rather than skipped as `@IsOptional()` would.
 */
export const IsOmittable = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

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
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [String], example: ['prescriber'], description: 'Role/credential slugs' })
  @IsDefined()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @IsSlug({ each: true })
  roles: string[];

  @ApiPropertyOptional({
    type: [AvailabilityWindowDto],
    description: 'Windows in which the person may work; none: never available',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => LocalPeriodDto)
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
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @IsSlug({ each: true })
  roles?: string[];

  @ApiPropertyOptional({ type: [AvailabilityWindowDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AvailabilityWindowDto)
  availability?: AvailabilityWindowDto[];

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => LocalPeriodDto)
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
    archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The staff member as planning documents describe it (`staff[]`); the row id is the id. */
export function toPlanningStaffMember(row: StaffEntity): StaffMember {
  const member: StaffMember = {
    id: row.id,
    roles: [...row.roles],
    availability: row.availability,
    timeOff: row.timeOff,
  };
  if (row.limits) member.limits = row.limits;
  return member;
}
