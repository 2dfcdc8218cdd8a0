import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  ValidationOptions,
} from 'class-validator';
import { ENROLLMENT_STATUSES, EnrollmentEntity } from '../entities/enrollment.entity';
import type { EnrollmentStatus } from '../entities/enrollment.entity';
import { PageDto, PageQueryDto } from './page.dto';
import { PROTOCOL_ID_PATTERN } from './shapes/protocol-parts.dto';
import { LocalPeriodDto } from './shapes/time-shapes.dto';
import { IsOmittable } from './staff.dto';
import { IsLocalDate, IsNotBefore } from './validators/index';

/** `{ "<series id>": <whole number 0..500> }`, at most 50 entries. */
const IsCountMap = (options?: ValidationOptions) => (target: object, propertyName: string) =>
  registerDecorator({
    name: 'INVALID_COUNTS',
    target: target.constructor,
    propertyName,
    options: {
      message: '$property must map series ids to whole numbers 0–500, e.g. { "dose": 8 }',
      ...options,
    },
    validator: {
      validate(value: unknown) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const entries = Object.entries(value);
        return (
          entries.length <= 50 &&
          entries.every(
            ([k, n]) => PROTOCOL_ID_PATTERN.test(k) && Number.isInteger(n) && n >= 0 && n <= 500,
          )
        );
      },
    },
  });

export class EnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  patientId: string;
  @ApiProperty({ format: 'uuid' })
  protocolId: string;
  @ApiProperty({ example: 'iv-ketamine-6-mwf' })
  protocolCode: string;
  @ApiProperty({ example: 1, description: 'The pinned, published version' })
  version: number;
  @ApiProperty({ format: 'uuid' })
  protocolVersionId: string;
  @ApiProperty({ example: { infusion: 6 }, description: 'Chosen sessions per series id' })
  counts: Record<string, number>;
  @ApiProperty({ example: '2027-03-08' })
  earliestStart: string;
  @ApiProperty({ example: '2027-03-26' })
  latestEnd: string;
  @ApiProperty({ type: [LocalPeriodDto] })
  unavailable: LocalPeriodDto[];
  @ApiProperty({ enum: ENROLLMENT_STATUSES })
  status: EnrollmentStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  cohortId: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class EnrollmentPageDto extends PageDto(EnrollmentDto) {}

export class EnrollmentListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  protocolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cohortId?: string;

  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES })
  @IsOptional()
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;
}

export class CreateEnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  patientId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  protocolId: string;

  @ApiProperty({ example: 1, description: 'A published version of the protocol' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version: number;

  @ApiPropertyOptional({
    example: { infusion: 6 },
    description: 'Sessions per series id, within its count range; default: the series default',
  })
  @IsOptional()
  @IsCountMap()
  counts?: Record<string, number>;

  @ApiProperty({ example: '2027-03-08', description: 'Local date' })
  @IsLocalDate()
  earliestStart: string;

  @ApiProperty({ example: '2027-03-26', description: 'Local date, not before earliestStart' })
  @IsLocalDate()
  @IsNotBefore('earliestStart')
  latestEnd: string;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => LocalPeriodDto)
  unavailable?: LocalPeriodDto[];

  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  cohortId?: string;
}

/**
 * Every field optional. Changing `protocolId`/`version` re-pins the enrollment (validated
 * again, with the counts); `cohortId: null` leaves the cohort.
 */
export class UpdateEnrollmentDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUUID()
  protocolId?: string;

  @ApiPropertyOptional({ example: 2 })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version?: number;

  @ApiPropertyOptional({ example: { infusion: 6 } })
  @IsOmittable()
  @IsCountMap()
  counts?: Record<string, number>;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsLocalDate()
  earliestStart?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsLocalDate()
  @IsNotBefore('earliestStart')
  latestEnd?: string;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => LocalPeriodDto)
  unavailable?: LocalPeriodDto[];

  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES })
  @IsOmittable()
  @IsIn(ENROLLMENT_STATUSES)
  status?: EnrollmentStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  cohortId?: string | null;
}

/** The row must be loaded with `protocolVersion.protocol`. */
export function toEnrollmentDto(e: EnrollmentEntity): EnrollmentDto {
  const v = e.protocolVersion;
  if (!v?.protocol) throw new Error('toEnrollmentDto: load protocolVersion.protocol');
  return {
    id: e.id,
    patientId: e.patientId,
    protocolId: v.protocolId,
    protocolCode: v.protocol.code,
    version: v.version,
    protocolVersionId: e.protocolVersionId,
    counts: e.counts,
    earliestStart: e.earliestStart,
    latestEnd: e.latestEnd,
    unavailable: e.unavailable,
    status: e.status,
    cohortId: e.cohortId,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
