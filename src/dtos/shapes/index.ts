export { AvailabilityWindowDto, LocalPeriodDto, StaffLimitsDto } from './time-shapes.dto';
export { RoomNeedDto, SessionTypeBodyDto, StaffRequirementDto } from './session-type.dto';
export {
  ContinuityDto,
  CountRangeDto,
  HourRangeDto,
  NonNegativeHourRangeDto,
  PatientDayDto,
  PROTOCOL_ID_PATTERN,
  SeriesDto,
  SpanDaysDto,
} from './protocol-parts.dto';
export {
  type AnyRuleDto,
  FollowUpRuleDto,
  NotSameDayRuleDto,
  OffsetRuleDto,
  RULE_DTO_CLASSES,
  RULE_TYPE_OPTIONS,
  RULE_TYPES,
  RuleDto,
  RulePointDto,
  SeparationRuleDto,
} from './rule.dto';
export { ProtocolDefinitionDto } from './protocol-definition.dto';
