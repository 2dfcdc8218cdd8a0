export { MaxItems, MinItems, NoRepeats, type ItemNoun } from './array-items';
export {
  SHAPE_CONSTRAINT_CODES,
  shapeConstraintCode,
  type ShapeConstraintCode,
  type ShapeConstraintName,
} from './constraint-codes';
export { defineConstraint, elementMessage, elementTest } from './define-constraint';
export {
  IsIanaTimeZone,
  IsLocalDate,
  IsLocalDateTime,
  IsLocalTime,
  IsOccurrence,
  IsRrule,
  IsWeekday,
  isRrule,
} from './local-values.validators';
export {
  ExactlyOneOf,
  IsAfter,
  IsNotAfter,
  IsNotBefore,
  NotWhen,
  NotWith,
} from './cross-field.validators';
export { StaffFitsInSession } from './staff-fits-session.validator';
export {
  IsDisplayName,
  IsOmittable,
  IsSingleLine,
  IsSlug,
  SLUG,
  Stacked,
} from './catalog-values.validators';
export { IsInstant, parseInstant } from './instant.validator';
export { IsQueryInteger } from './query-integer.validator';
