/**
 * Validators relating a property to its siblings: ordering (end after start,
 * max not below min) and which fields may appear together.
 */
import type { ValidationArguments, ValidationOptions } from 'class-validator';
import { defineConstraint } from './define-constraint';

function sibling(args: ValidationArguments, name: string): unknown {
  return (args.object as Record<string, unknown>)[name];
}

/**
 * Compares same-kind values: numbers numerically, strings lexically (valid
 * local dates, times and date-times of one format sort chronologically).
 * Undefined when they are not comparable; the format validators report that.
 */
function compare(a: unknown, b: unknown): number | undefined {
  if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b))
    return a - b;
  if (typeof a === 'string' && typeof b === 'string' && a.length === b.length)
    return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

/** Strictly after the sibling `other` (e.g. `end` after `start`). Skipped when either is missing. */
export const IsAfter = (other: string, options?: ValidationOptions) =>
  defineConstraint(
    'isAfter',
    `$property must be after ${other}`,
    (v, args) => {
      const c = compare(v, sibling(args, other));
      return c === undefined || c > 0;
    },
    options,
    [other],
  );

/** Not before the sibling `other` (e.g. `until` ≥ `from`, `max` ≥ `min`). */
export const IsNotBefore = (other: string, options?: ValidationOptions) =>
  defineConstraint(
    'isNotBefore',
    `$property must not be less than ${other}`,
    (v, args) => {
      const c = compare(v, sibling(args, other));
      return c === undefined || c >= 0;
    },
    options,
    [other],
  );

/** Not after the sibling `other` (e.g. `default` ≤ `max`). */
export const IsNotAfter = (other: string, options?: ValidationOptions) =>
  defineConstraint(
    'isNotAfter',
    `$property must not be greater than ${other}`,
    (v, args) => {
      const c = compare(v, sibling(args, other));
      return c === undefined || c <= 0;
    },
    options,
    [other],
  );

/**
 * Exactly one of `names` is present (not undefined). Put it on the first of
 * them with `@ValidateIf` so it runs when that one is present or all are missing.
 */
export const ExactlyOneOf = (names: string[], options?: ValidationOptions) =>
  defineConstraint(
    'exactlyOneOf',
    `exactly one of ${names.join(', ')} is required`,
    (_v, args) => names.filter((n) => sibling(args, n) !== undefined).length === 1,
    options,
    [names],
  );

/** The property may not appear while the sibling `other` has the value `value` (same code as NotWith). */
export const NotWhen = (other: string, value: unknown, options?: ValidationOptions) =>
  defineConstraint(
    'notWith',
    `$property is not allowed when ${other} is ${JSON.stringify(value)}`,
    (v, args) => v === undefined || sibling(args, other) !== value,
    options,
    [other, value],
  );

/** The property may not appear together with the sibling `other`. */
export const NotWith = (other: string, options?: ValidationOptions) =>
  defineConstraint(
    'notWith',
    `$property is not allowed together with ${other}`,
    (v, args) => v === undefined || sibling(args, other) === undefined,
    options,
    [other],
  );
