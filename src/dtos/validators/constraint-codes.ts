import type { FieldCode } from '../../domain/errors/error-codes';
import { STAFF_OUTSIDE_SESSION } from '../../domain/planning/staff-in-session';

/**
 * Stable error codes of the custom constraints in this folder: the
 * class-validator constraint name (the key in `ValidationError.constraints`)
 * mapped to the code a problem+json issue reports. Codes match the
 * planning-format input checker's where the same rule is meant.
 */
export const SHAPE_CONSTRAINT_CODES = {
  isIanaTimeZone: 'INVALID_TIME_ZONE',
  isRrule: 'INVALID_RRULE',
  isLocalDate: 'INVALID_DATE',
  isLocalTime: 'INVALID_TIME',
  isLocalDateTime: 'INVALID_DATE_TIME',
  isInstant: 'INVALID_INSTANT',
  isAfter: 'END_NOT_AFTER_START',
  isNotBefore: 'RANGE_REVERSED',
  isNotAfter: 'RANGE_REVERSED',
  isWeekday: 'INVALID_WEEKDAY',
  isOccurrence: 'INVALID_OCCURRENCE',
  exactlyOneOf: 'EXACTLY_ONE_REQUIRED',
  notWith: 'FIELD_NOT_ALLOWED',
  staffFitsSession: STAFF_OUTSIDE_SESSION,
  isSingleLine: 'INVALID_CHARACTER',
  isSlotMinutes: 'INVALID_SLOT_MINUTES',
} as const satisfies Record<string, FieldCode>;

export type ShapeConstraintName = keyof typeof SHAPE_CONSTRAINT_CODES;
export type ShapeConstraintCode = (typeof SHAPE_CONSTRAINT_CODES)[ShapeConstraintName];

/** The stable code for one of these constraints, or undefined for any other constraint name. */
export function shapeConstraintCode(constraint: string): ShapeConstraintCode | undefined {
  return Object.prototype.hasOwnProperty.call(SHAPE_CONSTRAINT_CODES, constraint)
    ? SHAPE_CONSTRAINT_CODES[constraint as ShapeConstraintName]
    : undefined;
}
