/**
 * Protocol rules, a union discriminated by `type`. Use
 * `@Type(() => RuleDto, RULE_TYPE_OPTIONS)` on an array of rules; an unknown
 * `type` falls back to `RuleDto`, which reports it (`isIn`).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type, type TypeOptions } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  MinLength,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { Occurrence } from '../../domain/planning/format';
import { IsOccurrence } from '../validators';
import { HourRangeDto, NonNegativeHourRangeDto } from './protocol-parts.dto';

export const RULE_TYPES = ['offset', 'followUp', 'notSameDay'] as const;

export class RuleDto {
  @ApiProperty({ enum: RULE_TYPES })
  @IsIn(RULE_TYPES as unknown as string[], {
    message: `type must be one of ${RULE_TYPES.join(', ')}`,
  })
  type: (typeof RULE_TYPES)[number];
}

/** A point of a session of a series: `occurrence` is `first`, `last` or an index from 1. */
export class RulePointDto {
  @ApiProperty({ example: 'intake' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  series: string;

  @ApiProperty({
    oneOf: [
      { type: 'string', enum: ['first', 'last'] },
      { type: 'integer', minimum: 1 },
    ],
  })
  @IsOccurrence()
  occurrence: Occurrence;

  @ApiProperty({ enum: ['start', 'end'] })
  @IsIn(['start', 'end'])
  point: 'start' | 'end';
}

/** The time from the `from` point to the `to` point lies within `hours`. */
export class OffsetRuleDto extends RuleDto {
  declare type: 'offset';

  @ApiProperty({ type: RulePointDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RulePointDto)
  from: RulePointDto;

  @ApiProperty({ type: RulePointDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RulePointDto)
  to: RulePointDto;

  @ApiProperty({ type: HourRangeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => HourRangeDto)
  hours: HourRangeDto;
}

/** Every anchor session has its own target session starting within `hours` after it ends. */
export class FollowUpRuleDto extends RuleDto {
  declare type: 'followUp';

  @ApiProperty({ example: 'dose' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  anchor: string;

  @ApiProperty({ type: [String], example: ['integration'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  targets: string[];

  @ApiProperty({ type: NonNegativeHourRangeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => NonNegativeHourRangeDto)
  hours: NonNegativeHourRangeDto;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  sameDay?: boolean;
}

/** No two sessions of different listed series on the same local date. */
export class NotSameDayRuleDto extends RuleDto {
  declare type: 'notSameDay';

  @ApiProperty({ type: [String], example: ['dose', 'emdr'] })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  series: string[];
}

/** class-transformer options picking the rule class from `type`. */
export const RULE_TYPE_OPTIONS: TypeOptions = {
  discriminator: {
    property: 'type',
    subTypes: [
      { value: OffsetRuleDto, name: 'offset' },
      { value: FollowUpRuleDto, name: 'followUp' },
      { value: NotSameDayRuleDto, name: 'notSameDay' },
    ],
  },
  keepDiscriminatorProperty: true,
};

export type AnyRuleDto = OffsetRuleDto | FollowUpRuleDto | NotSameDayRuleDto;
