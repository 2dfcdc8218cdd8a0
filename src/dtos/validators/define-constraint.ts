import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import type { ShapeConstraintName } from './constraint-codes';

type Message = string | ((args: ValidationArguments) => string);

/**
 * Registers a property decorator whose constraint is `name` (a key of
 * `SHAPE_CONSTRAINT_CODES`). `options.each` validates array elements.
 */
export function defineConstraint(
  name: ShapeConstraintName,
  message: Message,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  options: ValidationOptions | undefined,
  constraints: unknown[] = [],
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints,
      options,
      validator: {
        validate,
        defaultMessage: (args?: ValidationArguments) =>
          typeof message === 'string' ? message : message(args!),
      },
    });
}
