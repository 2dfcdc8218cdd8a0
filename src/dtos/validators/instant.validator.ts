import type { ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { defineConstraint } from './define-constraint';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with its offset (`2027-03-08T09:00:00-05:00`, `...Z`), or null. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !INSTANT.test(value)) return null;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** An instant with an explicit offset: never a floating local time. */
export const IsInstant = (options?: ValidationOptions) =>
  defineConstraint(
    'isInstant',
    '$property must be an ISO 8601 instant with an offset, e.g. 2027-03-08T09:00:00-05:00',
    (v) => parseInstant(v) !== null,
    options,
  );
