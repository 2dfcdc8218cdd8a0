/** Value rules shared by the catalog DTOs: slugs and PATCH fields that may be left out. */
import { Matches, ValidateIf, type ValidationOptions } from 'class-validator';

/** Lowercase slug: role, feature and session type codes (`kap-therapist`, `ketamine-iv`). */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = '$property must be a lowercase slug such as kap-therapist';

export const IsSlug = (options?: ValidationOptions) =>
  Matches(SLUG, { message: SLUG_MESSAGE, ...options });

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
