import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { ENROLLMENT_STATUSES, type EnrollmentStatus } from '../entities/enrollment.entity';
import { AffectedAppointmentDto, RepairHintDto } from './affected-appointment.dto';

/** POST /v1/cohorts/{id}/repin: every active member to one published version. */
export class RepinCohortDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The protocol whose version to pin; default: the cohort's protocol, else the one every active member follows",
  })
  @IsUUID()
  @IsOptional()
  protocolId?: string;

  @ApiProperty({ example: 2, minimum: 1, description: 'A published version number' })
  @Max(100000)
  @Min(1)
  @IsInt()
  @IsDefined()
  version: number;

  @ApiProperty({ example: 'v2 lengthens the dose gap', minLength: 1, maxLength: 500 })
  @MaxLength(500)
  @MinLength(1)
  @IsString()
  @IsDefined()
  reason: string;
}

export class PinDto {
  @ApiProperty({ format: 'uuid' })
  protocolId: string;
  @ApiProperty({ example: 1 })
  version: number;
}

export class RepinnedEnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  enrollmentId: string;
  @ApiProperty({ format: 'uuid' })
  patientId: string;
  @ApiProperty({ type: PinDto })
  from: PinDto;
  @ApiProperty({ type: PinDto })
  to: PinDto;
}

export class SkippedEnrollmentDto {
  @ApiProperty({ format: 'uuid' })
  enrollmentId: string;
  @ApiProperty({ enum: ENROLLMENT_STATUSES, description: 'Only active enrollments are re-pinned' })
  status: EnrollmentStatus;
}

export class CohortRepinResultDto {
  @ApiProperty({ format: 'uuid' })
  cohortId: string;
  @ApiProperty({ type: PinDto, description: 'The version every active member now follows' })
  pinned: PinDto;
  @ApiProperty({ type: [RepinnedEnrollmentDto], description: 'Moved to the version' })
  repinned: RepinnedEnrollmentDto[];
  @ApiProperty({ type: [String], description: 'Active members already on the version' })
  unchanged: string[];
  @ApiProperty({ type: [SkippedEnrollmentDto], description: 'Withdrawn or completed members' })
  skipped: SkippedEnrollmentDto[];
  @ApiProperty({
    type: [AffectedAppointmentDto],
    description:
      'Booked appointments (not over) that the new version no longer fits; they stay booked',
  })
  affectedAppointments: AffectedAppointmentDto[];
  @ApiProperty({
    type: RepairHintDto,
    nullable: true,
    description: 'The first of `repairs`; null when nothing is affected',
  })
  repair: RepairHintDto | null;
  @ApiProperty({
    type: [RepairHintDto],
    description: 'One repair run request per affected enrollment, by enrollment id',
  })
  repairs: RepairHintDto[];
}
