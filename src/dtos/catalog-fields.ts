/**
 * Validation stacks of the fields staff, rooms and session types share, so create and update
 * DTOs state each rule once. Presence (`@IsDefined`, `@IsOptional`, `@IsOmittable`) and the
 * OpenAPI description stay on each field.
 */
import { Type } from 'class-transformer';
import { IsArray, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AvailabilityWindowDto, LocalPeriodDto } from './shapes/time-shapes.dto';
import {
  IsDisplayName,
  IsSlug,
  type ItemNoun,
  MaxItems,
  MinItems,
  NoRepeats,
  Stacked,
} from './validators';

/** A display name: a single line of 1 to 200 characters. */
export const IsCatalogName = () => IsDisplayName(200);

/** A list of distinct lowercase slugs (roles, room features), each at most 100 characters. */
export const IsSlugList = ({
  minItems,
  maxItems,
  item,
}: {
  minItems?: number;
  maxItems: number;
  item: ItemNoun;
}) =>
  Stacked(
    IsArray(),
    ...(minItems === undefined ? [] : [MinItems(minItems, item)]),
    MaxItems(maxItems, item),
    NoRepeats(item),
    IsString({ each: true }),
    MaxLength(100, { each: true }),
    IsSlug({ each: true }),
  );

/** Availability windows of a staff member or room (at most 200). */
export const IsAvailabilityList = () =>
  Stacked(
    IsArray(),
    MaxItems(200, { noun: 'window' }),
    ValidateNested({ each: true }),
    Type(() => AvailabilityWindowDto),
  );

/** Time off of a staff member or room (at most 1000 local periods). */
export const IsTimeOffList = () =>
  Stacked(
    IsArray(),
    MaxItems(1000, { noun: 'period' }),
    ValidateNested({ each: true }),
    Type(() => LocalPeriodDto),
  );
