import type { ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { missingDateProblem } from '../../domain/time/local-values';
import { defineConstraint } from './define-constraint';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const FORMAT = 'must be an ISO 8601 instant with an offset, e.g. 2027-03-08T09:00:00-05:00';

/** An ISO 8601 instant with its offset (`2027-03-08T09:00:00-05:00`, `...Z`), or null. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !INSTANT.test(value)) return null;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/**
 * Why `value` is not an instant, for a message after the field name: an instant of the right
 * shape whose date does not exist is told so, as a date field tells it ("2027-02-30 does not
 * exist: February 2027 has 28 days"); anything else "must be an ISO 8601 instant with an
 * offset, e.g. ...". Undefined when valid.
 */
export function instantProblem(value: unknown): string | undefined {
  if (parseInstant(value) !== null) return undefined;
  const shaped = typeof value === 'string' && INSTANT.test(value);
  return (shaped && missingDateProblem(value)) || FORMAT;
}

/** An instant with an explicit offset: never a floating local time. */
export const IsInstant = (options?: ValidationOptions) =>
  defineConstraint(
    'isInstant',
    (args) => `$property ${instantProblem(args.value) ?? FORMAT}`,
    (v) => parseInstant(v) !== null,
    options,
  );
