import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ApiKeyEntity, Role, ROLES } from '../entities/api-key.entity';
import { IsSingleLine } from './validators';

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;
  @ApiProperty({ example: 'front desk tablet' })
  name: string;
  @ApiProperty({ enum: ROLES })
  role: Role;
  @ApiProperty({ example: 'kps_AbCd1234', description: 'Non-secret start of the key' })
  prefix: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  staffId: string | null;
  @ApiProperty()
  createdAt: string;
  @ApiProperty({ type: String, nullable: true })
  revokedAt: string | null;
}

/** Returned once, at creation: the only time the secret is visible. */
export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key itself. Store it now: it cannot be shown again.' })
  secret: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsSingleLine()
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Clinician keys: their staff member' })
  @IsOptional()
  @IsUUID()
  staffId?: string;
}

export function toApiKeyDto(key: ApiKeyEntity): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    prefix: key.prefix,
    staffId: key.staffId,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}
