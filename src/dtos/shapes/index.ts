export { AvailabilityWindowDto, LocalPeriodDto, StaffLimitsDto } from './time-shapes.dto';
export {
  GroupSizeDto,
  RoomNeedDto,
  SessionTypeBodyDto,
  StaffRequirementDto,
} from './session-type.dto';
export {
  ContinuityDto,
  CountRangeDto,
  HourRangeDto,
  LinkedCountDto,
  NonNegativeHourRangeDto,
  PatientDayDto,
  PROTOCOL_ID_PATTERN,
  ResumeGapHoursDto,
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
