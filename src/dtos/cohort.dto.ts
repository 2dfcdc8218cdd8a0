import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength, IsDefined } from 'class-validator';
import { CohortEntity } from '../entities/cohort.entity';
import { PageDto } from './page.dto';
import { timestampsOf } from './timestamps';
import { IsLocalDate, IsNotBefore, IsOmittable, IsSingleLine } from './validators';

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

/*
 * Validators run bottom-up and stop at the first failure, so presence and type checks sit
 * nearest the property (a missing field is REQUIRED, not OUT_OF_RANGE).
 */
export class CreateCohortDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsSingleLine()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsDefined()
  name: string;

  @ApiProperty({ example: '2027-03-08' })
  @IsLocalDate()
  @IsDefined()
  startDate: string;

  @ApiProperty({ example: '2027-03-19', description: 'Not before startDate' })
  @IsNotBefore('startDate')
  @IsLocalDate()
  @IsDefined()
  endDate: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsUUID()
  @IsOptional()
  protocolId?: string;
}

/** Every field optional; `protocolId: null` removes the protocol constraint. */
export class UpdateCohortDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsSingleLine()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsOmittable()
  name?: string;

  @ApiPropertyOptional()
  @IsLocalDate()
  @IsOmittable()
  startDate?: string;

  @ApiPropertyOptional()
  @IsNotBefore('startDate')
  @IsLocalDate()
  @IsOmittable()
  endDate?: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsUUID()
  @IsOptional()
  protocolId?: string | null;
}

export class AddCohortMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  @IsDefined()
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
    ...timestampsOf(c),
  };
}
