import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
  IsDefined,
} from 'class-validator';
import { ProtocolVersionEntity } from '../entities/protocol-version.entity';
import { ProtocolEntity } from '../entities/protocol.entity';
import { ArchivableListQueryDto } from './archivable-list-query.dto';
import { PageDto } from './page.dto';
import { archivableTimestampsOf } from './timestamps';
import { ProtocolDefinitionDto } from './shapes/protocol-definition.dto';
import { IsOmittable, IsSingleLine, IsSlug } from './validators';

export class ProtocolVersionSummaryDto {
  @ApiProperty({ example: 2 })
  version: number;
  @ApiProperty({ enum: ['draft', 'published'] })
  status: 'draft' | 'published';
  @ApiProperty({ type: String, nullable: true })
  publishedAt: string | null;
}

export class ProtocolDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({
    example: 'kap-intensive-2w',
    description: 'Unique in the clinic: the protocol id in planning documents',
  })
  code: string;
  @ApiProperty({ example: 'KAP intensive, two weeks' })
  name: string;
  @ApiProperty({ example: '' })
  description: string;
  @ApiProperty({ type: ProtocolVersionSummaryDto, nullable: true, description: 'Highest version' })
  latestVersion: ProtocolVersionSummaryDto | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Highest published version: what new enrollments usually pin',
  })
  publishedVersion: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'The editable draft, if any' })
  draftVersion: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'Set when archived' })
  archivedAt: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class ProtocolPageDto extends PageDto(ProtocolDto) {}

export class ProtocolListQueryDto extends ArchivableListQueryDto {}

/*
 * Validators run bottom-up and stop at the first failure, so presence and type checks sit
 * nearest the property (a missing field is REQUIRED, not OUT_OF_RANGE).
 */
export class CreateProtocolDto {
  @ApiProperty({ example: 'kap-intensive-2w', maxLength: 64, description: 'Lowercase slug' })
  @IsSlug()
  @MaxLength(64)
  @IsString()
  @IsDefined()
  code: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsSingleLine()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsDefined()
  name: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @MaxLength(4000)
  @IsString()
  @IsOptional()
  description?: string;

  @ApiProperty({ type: ProtocolDefinitionDto, description: 'Version 1, saved as a draft' })
  @Type(() => ProtocolDefinitionDto)
  @ValidateNested()
  @IsObject()
  @IsDefined()
  definition: ProtocolDefinitionDto;
}

/** Identity fields only; the rules change through versions. */
export class UpdateProtocolDto {
  @ApiPropertyOptional({ maxLength: 64 })
  @IsSlug()
  @MaxLength(64)
  @IsString()
  @IsOmittable()
  code?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsSingleLine()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsOmittable()
  name?: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @MaxLength(4000)
  @IsString()
  @IsOmittable()
  description?: string;
}

export function toVersionSummary(v: ProtocolVersionEntity): ProtocolVersionSummaryDto {
  return {
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
  };
}

/** `versions`: every version of this protocol (any order). */
export function toProtocolDto(p: ProtocolEntity, versions: ProtocolVersionEntity[]): ProtocolDto {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const latest = sorted[sorted.length - 1];
  const published = sorted.filter((v) => v.status === 'published');
  return {
    id: p.id,
    code: p.code,
    name: p.name,
    description: p.description,
    latestVersion: latest ? toVersionSummary(latest) : null,
    publishedVersion: published.length ? published[published.length - 1].version : null,
    draftVersion: sorted.find((v) => v.status === 'draft')?.version ?? null,
    ...archivableTimestampsOf(p),
  };
}
