/**
 * Which booking refusals are the protocol's own rules — what a director may override on a
 * move with a recorded reason. Everything else stays hard: overlaps and capacity (409),
 * staff and room availability, time off and closures, staff day limits, the slot grid, the
 * enrollment's dates and the patient's own unavailability. Pure.
 */
import type { FieldIssue } from '../errors';

export const PROTOCOL_RULE_CODES: ReadonlySet<string> = new Set([
  'GAP_HOURS',
  'SERIES_ORDER',
  'OFFSET_RULE',
  'SPAN_DAYS',
  'FOLLOW_UP',
  'SEPARATION',
  'NOT_SAME_DAY',
  'CONTINUITY',
  'SERIES_DAYS',
  'REST_DAY',
  'PATIENT_DAY_WINDOW',
  'PATIENT_DAY_MAX_SESSIONS',
  'PATIENT_DAY_MAX_MINUTES',
  'PATIENT_MIN_BREAK',
]);

export function isProtocolRule(issue: FieldIssue): boolean {
  return PROTOCOL_RULE_CODES.has(issue.code);
}
