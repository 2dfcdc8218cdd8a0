/**
 * Protocol rules, a union discriminated by `type`: one class per rule type of
 * `src/domain/planning/rule-types.ts` (`RULE_DTO_CLASSES` must list them all).
 * Use `@Type(() => RuleDto, RULE_TYPE_OPTIONS)` on an array of rules; an
 * unknown `type` falls back to `RuleDto`, which reports it (`isIn`).
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type, type TypeOptions } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import type { Occurrence } from '../../domain/planning/format';
import { RULE_TYPES, type RuleOf, type RuleType } from '../../domain/planning/rule-types';
import { IsOccurrence, MaxItems, MinItems, NoRepeats } from '../validators';
import { HOURS_MAX, HourRangeDto, NonNegativeHourRangeDto } from './protocol-parts.dto';

export { RULE_TYPES };

export class RuleDto {
  @ApiProperty({ enum: RULE_TYPES })
  @IsIn(RULE_TYPES as unknown as string[], {
    message: `type must be one of ${RULE_TYPES.join(', ')}`,
  })
  type: RuleType;
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
  @MinItems(1, { noun: 'target' })
  @MaxItems(50, { noun: 'target' })
  @NoRepeats({ noun: 'target' })
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
  @MinItems(2, { noun: 'series', plural: 'series' })
  @MaxItems(50, { noun: 'series', plural: 'series' })
  @NoRepeats({ noun: 'series', plural: 'series' })
  @IsString({ each: true })
  series: string[];
}

/** Any two distinct sessions of the listed series start at least `minHours` apart (format 1.1). */
export class SeparationRuleDto extends RuleDto {
  declare type: 'separation';

  @ApiProperty({ type: [String], example: ['dose', 'emdr'] })
  @IsArray()
  @MinItems(1, { noun: 'series', plural: 'series' })
  @MaxItems(50, { noun: 'series', plural: 'series' })
  @NoRepeats({ noun: 'series', plural: 'series' })
  @IsString({ each: true })
  series: string[];

  @ApiProperty({ example: 20, minimum: 0, maximum: HOURS_MAX })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(HOURS_MAX)
  minHours: number;
}

/**
 * The class of each rule type. A rule type without a class, or a class whose
 * shape is not its domain rule's, fails to compile.
 */
export const RULE_DTO_CLASSES = {
  offset: OffsetRuleDto,
  followUp: FollowUpRuleDto,
  notSameDay: NotSameDayRuleDto,
  separation: SeparationRuleDto,
} satisfies { readonly [K in RuleType]: new () => RuleDto & RuleOf<K> };

export type AnyRuleDto = InstanceType<(typeof RULE_DTO_CLASSES)[RuleType]>;

/** class-transformer options picking the rule class from `type`. */
export const RULE_TYPE_OPTIONS: TypeOptions = {
  discriminator: {
    property: 'type',
    subTypes: RULE_TYPES.map((name) => ({ name, value: RULE_DTO_CLASSES[name] })),
  },
  keepDiscriminatorProperty: true,
};
