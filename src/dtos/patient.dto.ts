import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength, IsDefined } from 'class-validator';
import { PatientEntity } from '../entities/patient.entity';
import { ArchivableListQueryDto } from './archivable-list-query.dto';
import { PageDto } from './page.dto';
import { archivableTimestampsOf } from './timestamps';
import { IsOmittable, IsSingleLine } from './validators';

/** Initials: 1–10 letters, optionally with dots, hyphens or spaces (`J.D.`, `A-M`). */
const INITIALS = /^\p{L}[\p{L}.\- ]{0,9}$/u;

/** Only what scheduling needs to tell patients apart; nothing clinical. */
export class PatientDto {
  @ApiProperty({ format: 'uuid', description: 'Also the patient id in planning documents' })
  id: string;
  @ApiProperty({ example: 'Jordan R.' })
  displayName: string;
  @ApiProperty({ example: 'JR' })
  initials: string;
  @ApiProperty({ type: String, nullable: true, example: 'MRN-20417' })
  externalRef: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Heron',
    description: 'Code name for calendar feeds when the clinic chooses pseudonyms',
  })
  pseudonym: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Set when archived' })
  archivedAt: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class PatientPageDto extends PageDto(PatientDto) {}

export class PatientListQueryDto extends ArchivableListQueryDto {
  @ApiPropertyOptional({ description: 'Exact external reference (record number)' })
  @MaxLength(100)
  @IsString()
  @IsOptional()
  externalRef?: string;
}

/*
 * Validators run bottom-up and stop at the first failure, so presence and type checks sit
 * nearest the property (a missing field is REQUIRED, not OUT_OF_RANGE).
 */
export class CreatePatientDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Jordan R.' })
  @IsSingleLine()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsDefined()
  displayName: string;

  @ApiProperty({ minLength: 1, maxLength: 10, example: 'JR' })
  @Matches(INITIALS, { message: '$property must be 1–10 letters (dots, hyphens allowed)' })
  @IsString()
  @IsDefined()
  initials: string;

  @ApiPropertyOptional({ maxLength: 100, description: 'Unique in the clinic when given' })
  @IsSingleLine()
  @MaxLength(100)
  @MinLength(1)
  @IsString()
  @IsOptional()
  externalRef?: string;

  @ApiPropertyOptional({ maxLength: 40, description: 'Code name shown in calendar feeds' })
  @IsSingleLine()
  @MaxLength(40)
  @MinLength(1)
  @IsString()
  @IsOptional()
  pseudonym?: string;
}

/** Every field optional; `externalRef: null` clears it. */
export class UpdatePatientDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsSingleLine()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsOmittable()
  displayName?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 10 })
  @Matches(INITIALS, { message: '$property must be 1–10 letters (dots, hyphens allowed)' })
  @IsString()
  @IsOmittable()
  initials?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 100 })
  @IsSingleLine()
  @MaxLength(100)
  @MinLength(1)
  @IsString()
  @IsOptional()
  externalRef?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 40 })
  @IsSingleLine()
  @MaxLength(40)
  @MinLength(1)
  @IsString()
  @IsOptional()
  pseudonym?: string | null;
}

export function toPatientDto(p: PatientEntity): PatientDto {
  return {
    id: p.id,
    displayName: p.displayName,
    initials: p.initials,
    externalRef: p.externalRef,
    pseudonym: p.pseudonym,
    ...archivableTimestampsOf(p),
  };
}
