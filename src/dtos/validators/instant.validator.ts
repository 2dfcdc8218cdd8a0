import type { ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';
import { missingDateProblem } from '../../domain/time/local-values';
import { defineConstraint } from './define-constraint';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const FORMAT = 'must be an ISO 8601 instant with an offset, e.g. 2027-03-08T09:00:00-05:00';

/**
 * The offsets places on Earth use: from -12:00 to +14:00, minutes under 60. Luxon reads
 * `-99:00` as well, which no clinic's clock shows (and a typo there books another day).
 */
const OFFSET_RANGE = 'the offset must lie between -12:00 and +14:00';

/** An instant whose offset sign is a space: an unencoded `+` in a URL query string. */
const SPACED_OFFSET = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?) (\d{2}:\d{2})$/;

function offsetInRange(value: string): boolean {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(value);
  if (!m) return true; // Z
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return Number(m[3]) < 60 && (m[1] === '+' ? minutes <= 14 * 60 : minutes <= 12 * 60);
}

/** An ISO 8601 instant with its offset (`2027-03-08T09:00:00-05:00`, `...Z`), or null. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== 'string' || !INSTANT.test(value) || !offsetInRange(value)) return null;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/**
 * Why `value` is not an instant, for a message after the field name: an instant of the right
 * shape whose date does not exist is told so, as a date field tells it ("2027-02-30 does not
 * exist: February 2027 has 28 days"), an offset no clock shows (`-99:00`) is told its range;
 * one with a space where the offset's sign belongs (`...T00:00:00 11:00`: an unencoded `+` in
 * a query string) is told to send `%2B`; anything else "must be an ISO 8601 instant with an
 * offset, e.g. ...". Undefined when valid.
 */
export function instantProblem(value: unknown): string | undefined {
  if (parseInstant(value) !== null) return undefined;
  const shaped = typeof value === 'string' && INSTANT.test(value);
  if (shaped && !offsetInRange(value)) return `${FORMAT}; ${OFFSET_RANGE}`;
  const spaced = typeof value === 'string' ? SPACED_OFFSET.exec(value) : null;
  if (spaced) {
    return (
      `${FORMAT}; it has a space where the offset's sign belongs: in a URL query a "+" is ` +
      `read as a space, so send it as %2B (${spaced[1]}%2B${spaced[2]})`
    );
  }
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
