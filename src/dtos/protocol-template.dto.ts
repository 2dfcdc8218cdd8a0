import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type { ProtocolTemplate } from '../domain/protocol/templates';
import { ProtocolDto } from './protocol.dto';
import { ProtocolFindingDto } from './protocol-version.dto';
import { ProtocolDefinitionDto } from './shapes/protocol-definition.dto';
import { SessionTypeBodyDto } from './shapes/session-type.dto';
import { IsSingleLine, IsSlug } from './validators';

export class SourceCitationDto {
  @ApiProperty({ enum: ['published', 'modeled-on', 'local-design'] })
  basis: 'published' | 'modeled-on' | 'local-design';
  @ApiProperty()
  title: string;
  @ApiProperty()
  authors: string;
  @ApiProperty()
  year: number;
  @ApiPropertyOptional()
  publication?: string;
  @ApiPropertyOptional()
  doi?: string;
  @ApiPropertyOptional()
  url?: string;
  @ApiProperty({ description: 'What the template takes from the source and what it adds' })
  note: string;
}

export class ProtocolTemplateSummaryDto {
  @ApiProperty({ example: 'iv-ketamine-6-mwf' })
  id: string;
  @ApiProperty()
  name: string;
  @ApiProperty()
  summary: string;
  @ApiProperty({ type: SourceCitationDto })
  source: SourceCitationDto;
  @ApiProperty({ type: [String], description: 'Staff roles its session types need' })
  roles: string[];
  @ApiProperty({ type: [String], description: 'Room features its session types need' })
  roomFeatures: string[];
  @ApiProperty({ type: [String], description: 'Codes of the session types it uses' })
  sessionTypeCodes: string[];
}

export class ProtocolTemplateListDto {
  @ApiProperty({ type: [ProtocolTemplateSummaryDto] })
  items: ProtocolTemplateSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Always null: one page' })
  nextCursor: null;
}

class TemplateSessionTypeDto extends SessionTypeBodyDto {
  @ApiProperty({ example: 'ketamine-iv', description: 'Session type code' })
  id: string;
}

export class ProtocolTemplateDto extends ProtocolTemplateSummaryDto {
  @ApiProperty({ type: [TemplateSessionTypeDto], description: 'Planning-format session types' })
  sessionTypes: TemplateSessionTypeDto[];
  @ApiProperty({ type: ProtocolDefinitionDto, description: 'The protocol definition it copies' })
  definition: ProtocolDefinitionDto;
}

/** Both optional: the copy takes the template's id as code and its name. */
export class CopyProtocolTemplateDto {
  @ApiPropertyOptional({ maxLength: 64, description: 'Protocol code; default: the template id' })
  @IsSlug()
  @MaxLength(64)
  @IsString()
  @IsOptional()
  code?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsSingleLine()
  @MaxLength(200)
  @MinLength(1)
  @IsString()
  @IsOptional()
  name?: string;
}

export class CopiedProtocolTemplateDto {
  @ApiProperty({ type: ProtocolDto, description: 'The new protocol; version 1 is a draft' })
  protocol: ProtocolDto;
  @ApiProperty({ type: [String], description: 'Session types created in the clinic (codes)' })
  createdSessionTypes: string[];
  @ApiProperty({ type: [String], description: 'Session types the clinic already had (kept)' })
  existingSessionTypes: string[];
  @ApiProperty({
    type: [ProtocolFindingDto],
    description: 'The check of the new draft against the clinic, e.g. roles nobody holds yet',
  })
  findings: ProtocolFindingDto[];
}

export function toTemplateSummary(t: ProtocolTemplate): ProtocolTemplateSummaryDto {
  return {
    id: t.id,
    name: t.name,
    summary: t.summary,
    source: t.source,
    roles: t.roles,
    roomFeatures: t.roomFeatures,
    sessionTypeCodes: t.sessionTypes.map((s) => s.id),
  };
}

export function toTemplateDto(t: ProtocolTemplate): ProtocolTemplateDto {
  const { id: _id, ...definition } = t.protocol;
  return {
    ...toTemplateSummary(t),
    sessionTypes: t.sessionTypes as TemplateSessionTypeDto[],
    definition: definition as ProtocolDefinitionDto,
  };
}
