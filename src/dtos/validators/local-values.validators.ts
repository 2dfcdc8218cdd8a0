/**
 * Format validators for the planning format's wall-clock values and zones,
 * delegating to the pure checks of `domain/time/local-values`.
 */
import type { ValidationOptions } from 'class-validator';
import {
  isLocalDate,
  isLocalDateTime,
  isLocalTime,
  isValidTimeZone,
  localDateProblem,
  localDateTimeProblem,
  parseRruleValue,
} from '../../domain/time/local-values';
import { WEEKDAYS } from '../../domain/planning/format';
import { defineConstraint } from './define-constraint';

/** An IANA zone name such as `America/New_York` (or `UTC`). */
export const IsIanaTimeZone = (options?: ValidationOptions) =>
  defineConstraint(
    'isIanaTimeZone',
    '$property must be an IANA time zone name such as America/New_York',
    (v) => isValidTimeZone(v),
    options,
  );

/**
 * An RFC 5545 RRULE value without DTSTART or TZID, e.g. `FREQ=WEEKLY;BYDAY=MO,WE,FR`. A missing
 * value is not judged here: `@IsDefined()` or `@ExactlyOneOf()` says whether it is required, so a
 * window with neither `rrule` nor `date` gets one EXACTLY_ONE_REQUIRED, not an INVALID_RRULE too.
 */
export const IsRrule = (options?: ValidationOptions) =>
  defineConstraint(
    'isRrule',
    (args) => {
      const result = parseRruleValue(args.value);
      const reason = result.ok ? 'is not valid' : result.message;
      return `$property ${reason} (expected e.g. FREQ=WEEKLY;BYDAY=MO,WE,FR)`;
    },
    (v) => v === undefined || isRrule(v),
    options,
  );

/** Same rules as the planner's input check (src/domain/time/local-values.ts); never throws. */
export function isRrule(value: unknown): boolean {
  return parseRruleValue(value).ok;
}

/**
 * A local date `YYYY-MM-DD` that exists in the calendar; one that does not is told so
 * ("2027-02-30 does not exist: February 2027 has 28 days").
 */
export const IsLocalDate = (options?: ValidationOptions) =>
  defineConstraint(
    'isLocalDate',
    (args) => `$property ${localDateProblem(args.value) ?? 'must be a local date YYYY-MM-DD'}`,
    (v) => isLocalDate(v),
    options,
  );

/** A local time `HH:MM`, 24-hour clock. */
export const IsLocalTime = (options?: ValidationOptions) =>
  defineConstraint(
    'isLocalTime',
    '$property must be a local time HH:MM (00:00–23:59)',
    (v) => isLocalTime(v),
    options,
  );

/** A local date-time `YYYY-MM-DDTHH:MM`. */
export const IsLocalDateTime = (options?: ValidationOptions) =>
  defineConstraint(
    'isLocalDateTime',
    (args) =>
      `$property ${localDateTimeProblem(args.value) ?? 'must be a local date-time YYYY-MM-DDTHH:MM'}`,
    (v) => isLocalDateTime(v),
    options,
  );

/** A weekday code `MO`..`SU`. Use `{ each: true }` on arrays. */
export const IsWeekday = (options?: ValidationOptions) =>
  defineConstraint(
    'isWeekday',
    `$property must be a weekday code (${WEEKDAYS.join(', ')})`,
    (v) => typeof v === 'string' && (WEEKDAYS as readonly string[]).includes(v),
    options,
  );

/** A rule occurrence: `first`, `last` or a session number from 1. */
export const IsOccurrence = (options?: ValidationOptions) =>
  defineConstraint(
    'isOccurrence',
    '$property must be "first", "last" or a session number from 1',
    (v) =>
      v === 'first' ||
      v === 'last' ||
      (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 1000),
    options,
  );
