import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsOptional, Max, Min, ValidateNested, IsDefined } from 'class-validator';
import { PROTOCOL_FINDING_CODES } from '../domain/protocol/protocol-finding';
import { ProtocolVersionEntity } from '../entities/protocol-version.entity';
import { PageDto } from './page.dto';
import { timestampsOf } from './timestamps';
import { ProtocolDefinitionDto } from './shapes/protocol-definition.dto';

export class ProtocolVersionDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ format: 'uuid' })
  protocolId: string;
  @ApiProperty({ example: 1 })
  version: number;
  @ApiProperty({ enum: ['draft', 'published'], description: 'published versions are frozen' })
  status: 'draft' | 'published';
  @ApiProperty({ type: ProtocolDefinitionDto, description: 'Planning-format protocol fields' })
  definition: ProtocolDefinitionDto;
  @ApiProperty({ type: String, nullable: true })
  publishedAt: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty()
  updatedAt: string;
}

export class ProtocolVersionPageDto extends PageDto(ProtocolVersionDto) {}

/** PUT body of a draft version: the whole definition. */
export class UpdateProtocolVersionDto {
  @ApiProperty({ type: ProtocolDefinitionDto })
  @Type(() => ProtocolDefinitionDto)
  @ValidateNested()
  @IsObject()
  @IsDefined()
  definition: ProtocolDefinitionDto;
}

/** Highest version number a request may name (path or body); far above any real protocol. */
export const MAX_PROTOCOL_VERSION = 1_000_000;

export class CreateProtocolVersionDto {
  @ApiPropertyOptional({ example: 1, description: 'Version to copy; default: the latest' })
  @Max(MAX_PROTOCOL_VERSION)
  @Min(1)
  @IsInt()
  @IsOptional()
  fromVersion?: number;
}

export class ProtocolFindingDto {
  @ApiProperty({ enum: ['error', 'warning'] })
  severity: 'error' | 'warning';
  @ApiProperty({ enum: PROTOCOL_FINDING_CODES })
  code: string;
  @ApiProperty({ example: '/spanDays/max', description: 'JSON pointer into the definition' })
  pointer: string;
  @ApiProperty()
  message: string;
  @ApiPropertyOptional()
  suggestion?: string;
}

export class ProtocolCheckDto {
  @ApiProperty({ type: [ProtocolFindingDto], description: 'Errors first; empty: nothing found' })
  findings: ProtocolFindingDto[];
}

export function toProtocolVersionDto(v: ProtocolVersionEntity): ProtocolVersionDto {
  return {
    id: v.id,
    protocolId: v.protocolId,
    version: v.version,
    status: v.status,
    definition: v.definition as ProtocolDefinitionDto,
    publishedAt: v.publishedAt ? v.publishedAt.toISOString() : null,
    ...timestampsOf(v),
  };
}
