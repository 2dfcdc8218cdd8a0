import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { CohortEntity } from '../entities/cohort.entity';
import { PageDto } from './page.dto';
import { IsLocalDate, IsNotBefore } from './validators/index';
import { IsOmittable } from './staff.dto';

export class CohortDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'Spring retreat' })
  name: string;
  @ApiProperty({ example: '2027-03-08', description: 'Local date, inclusive' })
  startDate: string;
  @ApiProperty({ example: '2027-03-19', description: 'Local date, inclusive' })
  endDate: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'When set, every member follows a version of this protocol',
  })
  protocolId: string | null;
  @ApiProperty({ type: [String], description: 'Member enrollment ids, by earliest start' })
  enrollmentIds: string[];
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class CohortPageDto extends PageDto(CohortDto) {}

export class CreateCohortDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '2027-03-08' })
  @IsLocalDate()
  startDate: string;

  @ApiProperty({ example: '2027-03-19', description: 'Not before startDate' })
  @IsLocalDate()
  @IsNotBefore('startDate')
  endDate: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  protocolId?: string;
}

/** Every field optional; `protocolId: null` removes the protocol constraint. */
export class UpdateCohortDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsLocalDate()
  startDate?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsLocalDate()
  @IsNotBefore('startDate')
  endDate?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  protocolId?: string | null;
}

export class AddCohortMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  enrollmentId: string;
}

export function toCohortDto(c: CohortEntity, enrollmentIds: string[]): CohortDto {
  return {
    id: c.id,
    name: c.name,
    startDate: c.startDate,
    endDate: c.endDate,
    protocolId: c.protocolId,
    enrollmentIds,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
