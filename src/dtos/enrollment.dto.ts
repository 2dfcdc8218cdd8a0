import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
  IsDefined,
} from 'class-validator';
import { ENROLLMENT_STATUSES, EnrollmentEntity } from '../entities/enrollment.entity';
import type { EnrollmentStatus } from '../entities/enrollment.entity';
import { PageDto, PageQueryDto } from './page.dto';
import { MAX_PROTOCOL_VERSION } from './protocol-version.dto';
import { timestampsOf } from './timestamps';
import { PROTOCOL_ID_PATTERN } from './shapes/protocol-parts.dto';
import { LocalPeriodDto } from './shapes/time-shapes.dto';
import { IsLocalDate, IsNotBefore, IsOmittable, MaxItems } from './validators';

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
  @IsUUID()
  @IsOptional()
  patientId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  protocolId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  cohortId?: string;

  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES })
  @IsIn(ENROLLMENT_STATUSES)
  @IsOptional()
  status?: EnrollmentStatus;
}

/*
 * Validators run bottom-up and stop at the first failure, so presence and type checks sit
 * nearest the property (a missing field is REQUIRED, not OUT_OF_RANGE).
 */
export class CreateEnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  @IsDefined()
  patientId: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  @IsDefined()
  protocolId: string;

  @ApiProperty({ example: 1, description: 'A published version of the protocol' })
  @Max(MAX_PROTOCOL_VERSION)
  @Min(1)
  @IsInt()
  @IsDefined()
  version: number;

  @ApiPropertyOptional({
    example: { infusion: 6 },
    description: 'Sessions per series id, within its count range; default: the series default',
  })
  @IsCountMap()
  @IsOptional()
  counts?: Record<string, number>;

  @ApiProperty({ example: '2027-03-08', description: 'Local date' })
  @IsLocalDate()
  @IsDefined()
  earliestStart: string;

  @ApiProperty({ example: '2027-03-26', description: 'Local date, not before earliestStart' })
  @IsNotBefore('earliestStart')
  @IsLocalDate()
  @IsDefined()
  latestEnd: string;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @Type(() => LocalPeriodDto)
  @ValidateNested({ each: true })
  @MaxItems(200, { noun: 'period' })
  @IsArray()
  @IsOptional()
  unavailable?: LocalPeriodDto[];

  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsUUID()
  @IsOptional()
  cohortId?: string;
}

/**
 * Every field optional. Changing `protocolId`/`version` re-pins the enrollment (validated
 * again, with the counts); `cohortId: null` leaves the cohort.
 */
export class UpdateEnrollmentDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOmittable()
  protocolId?: string;

  @ApiPropertyOptional({ example: 2 })
  @Max(MAX_PROTOCOL_VERSION)
  @Min(1)
  @IsInt()
  @IsOmittable()
  version?: number;

  @ApiPropertyOptional({ example: { infusion: 6 } })
  @IsCountMap()
  @IsOmittable()
  counts?: Record<string, number>;

  @ApiPropertyOptional()
  @IsLocalDate()
  @IsOmittable()
  earliestStart?: string;

  @ApiPropertyOptional()
  @IsNotBefore('earliestStart')
  @IsLocalDate()
  @IsOmittable()
  latestEnd?: string;

  @ApiPropertyOptional({ type: [LocalPeriodDto] })
  @Type(() => LocalPeriodDto)
  @ValidateNested({ each: true })
  @MaxItems(200, { noun: 'period' })
  @IsArray()
  @IsOmittable()
  unavailable?: LocalPeriodDto[];

  @ApiPropertyOptional({ enum: ENROLLMENT_STATUSES })
  @IsIn(ENROLLMENT_STATUSES)
  @IsOmittable()
  status?: EnrollmentStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsUUID()
  @IsOptional()
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
    ...timestampsOf(e),
  };
}
