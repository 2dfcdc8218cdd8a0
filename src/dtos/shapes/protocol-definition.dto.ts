/** Everything a protocol version holds, in planning-format field names. */
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayUnique, IsArray, IsObject, IsOptional, ValidateNested } from 'class-validator';
import type { Weekday } from '../../domain/planning/format';
import { WEEKDAYS } from '../../domain/planning/format';
import { IsWeekday, MaxItems, MinItems, NoRepeats } from '../validators';
import { ContinuityDto, PatientDayDto, SeriesDto, SpanDaysDto } from './protocol-parts.dto';
import { RULE_TYPES } from '../../domain/planning/rule-types';
import { type AnyRuleDto, RULE_DTO_CLASSES, RULE_TYPE_OPTIONS, RuleDto } from './rule.dto';

const RULE_SCHEMAS = RULE_TYPES.map((type) => getSchemaPath(RULE_DTO_CLASSES[type]));

@ApiExtraModels(...Object.values(RULE_DTO_CLASSES))
export class ProtocolDefinitionDto {
  @ApiPropertyOptional({ type: SpanDaysDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => SpanDaysDto)
  spanDays?: SpanDaysDto;

  @ApiProperty({ type: [SeriesDto] })
  @IsArray()
  @MinItems(1, { noun: 'series', plural: 'series' })
  @MaxItems(50, { noun: 'series', plural: 'series' })
  @ArrayUnique((s: SeriesDto) => (s && typeof s === 'object' ? s.id : s), {
    message: 'series ids must be unique',
  })
  @ValidateNested({ each: true })
  @Type(() => SeriesDto)
  series: SeriesDto[];

  @ApiPropertyOptional({
    type: 'array',
    items: {
      oneOf: RULE_SCHEMAS.map(($ref) => ({ $ref })),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(RULE_TYPES.map((type, i) => [type, RULE_SCHEMAS[i]])),
      },
    },
  })
  @IsOptional()
  @IsArray()
  @MaxItems(100, { noun: 'rule' })
  @ValidateNested({ each: true })
  @Type(() => RuleDto, RULE_TYPE_OPTIONS)
  rules?: AnyRuleDto[];

  @ApiPropertyOptional({ type: PatientDayDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PatientDayDto)
  patientDay?: PatientDayDto;

  @ApiPropertyOptional({ enum: WEEKDAYS, isArray: true, example: ['SU'] })
  @IsOptional()
  @IsArray()
  @NoRepeats({ noun: 'day' })
  @IsWeekday({ each: true })
  restDays?: Weekday[];

  @ApiPropertyOptional({ type: [ContinuityDto] })
  @IsOptional()
  @IsArray()
  @MaxItems(50, { noun: 'entry', plural: 'entries' })
  @ValidateNested({ each: true })
  @Type(() => ContinuityDto)
  continuity?: ContinuityDto[];
}
