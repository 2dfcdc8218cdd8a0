import { ValidationArguments, ValidationOptions, registerDecorator } from 'class-validator';
import {
  isLocalDate,
  isLocalTime,
  isValidTimeZone,
  parseRruleValue,
} from '../domain/time/local-values';

/**
 * Reusable field validators. Each constraint is named with its stable error code, which the
 * problem+json `errors[].code` reports as is.
 */
const ELEMENT_TESTS = new Map<string, (value: unknown) => boolean>();

/**
 * For `{ each: true }` failures class-validator only names the array; the error mapper uses
 * this to point at each failing element (`/closures/2`).
 */
export function elementTest(code: string): ((value: unknown) => boolean) | undefined {
  return ELEMENT_TESTS.get(code);
}

function rule(
  code: string,
  message: string,
  test: (value: unknown, args: ValidationArguments) => boolean,
  options?: ValidationOptions,
  constraints: unknown[] = [],
) {
  if (!constraints.length) ELEMENT_TESTS.set(code, (v) => test(v, {} as ValidationArguments));
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: code,
      target: target.constructor,
      propertyName,
      constraints,
      options: { message, ...options },
      validator: { validate: test },
    });
}

/** An IANA zone name such as `America/New_York` (not an offset or abbreviation). */
export const IsIanaTimeZone = (options?: ValidationOptions) =>
  rule(
    'INVALID_TIME_ZONE',
    '$property must be an IANA time zone such as America/New_York',
    isValidTimeZone,
    options,
  );

/** A local calendar date `YYYY-MM-DD` that exists. */
export const IsLocalDate = (options?: ValidationOptions) =>
  rule('INVALID_DATE', '$property must be a date YYYY-MM-DD', isLocalDate, options);

/** A local wall-clock time `HH:MM` (00:00-23:59). */
export const IsLocalTime = (options?: ValidationOptions) =>
  rule('INVALID_TIME', '$property must be a time HH:MM', isLocalTime, options);

/** An RFC 5545 RRULE value without DTSTART, e.g. `FREQ=WEEKLY;BYDAY=MO,WE`. */
export const IsRrule = (options?: ValidationOptions) =>
  rule(
    'INVALID_RRULE',
    '$property must be an RRULE such as FREQ=WEEKLY;BYDAY=MO',
    isRrule,
    options,
  );

/** Same rules as the planner's input check (src/domain/time/local-values.ts). */
export function isRrule(value: unknown): boolean {
  return parseRruleValue(value).ok;
}

/**
 * The value must sort after the sibling property `other` (same-format strings such as HH:MM
 * or ISO dates compare lexically). Skipped when either is missing.
 */
export const IsAfter = (other: string, options?: ValidationOptions) =>
  rule(
    'END_NOT_AFTER_START',
    `$property must be after ${other}`,
    (v, args) => {
      const start = (args.object as Record<string, unknown>)[other];
      if (typeof v !== 'string' || typeof start !== 'string') return true;
      return v > start;
    },
    options,
    [other],
  );
