/** Value rules shared by the catalog DTOs: slugs, names and PATCH fields that may be left out. */
import {
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import { describeCharacterProblem, findRefusedCharacter } from '../../domain/text/characters';
import { defineConstraint } from './define-constraint';

/** Lowercase slug: role, feature and session type codes (`kap-therapist`, `ketamine-iv`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = '$property must be a lowercase slug such as kap-therapist';

export const IsSlug = (options?: ValidationOptions) =>
  Matches(SLUG, { message: SLUG_MESSAGE, ...options });

/**
 * Single-line text (names, initials, external references): no line break, tab or other
 * control character (see domain/text/characters). Every string of a request is already
 * checked for NUL and the other C0 controls; this adds TAB, LF, CR, C1 and U+2028/9.
 */
export const IsSingleLine = (options?: ValidationOptions) =>
  defineConstraint(
    'isSingleLine',
    (args) => {
      const bad = typeof args.value === 'string' && findRefusedCharacter(args.value, 'single-line');
      return `$property must be a single line of text; it ${bad ? describeCharacterProblem(bad) : 'is not'}`;
    },
    (v) => typeof v !== 'string' || findRefusedCharacter(v, 'single-line') === undefined,
    options,
  );

/** A display name: a single line of 1 to `max` characters. */
export const IsDisplayName = (max = 200) =>
  Stacked(IsString(), MinLength(1), MaxLength(max), IsSingleLine());

/**
 * PATCH fields: absent means "unchanged", but an explicit null is validated (and so refused)
 * rather than skipped as `@IsOptional()` would.
 */
export const IsOmittable = () =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * Applies property decorators as if they were written one above the other, first on top: the
 * constraints register (and their errors list) in the same order as the written stack.
 */
export function Stacked(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, propertyKey) => {
    for (const decorate of [...decorators].reverse()) decorate(target, propertyKey);
  };
}
