import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import type { ShapeConstraintName } from './constraint-codes';

type Message = string | ((args: ValidationArguments) => string);
type ElementTest = (value: unknown) => boolean;

/** Per-value tests of the constraints that need no sibling values, by constraint name. */
const ELEMENT_TESTS = new Map<string, ElementTest>();
/** Their messages for one element, when the message depends on the value. */
const ELEMENT_MESSAGES = new Map<string, (value: unknown, property: string) => string>();

/**
 * Marks a constraint registered with `{ each: true }`: class-validator copies a failing
 * constraint's `context` into `ValidationError.contexts[name]`, so the error mapper can tell
 * an element-wise failure from a non-array value given to a single-value rule.
 */
const ELEMENTWISE = 'elementwise';

/**
 * For `{ each: true }` failures class-validator only names the array; the error mapper uses
 * this to point at each failing element (`/closures/2`). Returns the constraint's per-value
 * test when it failed element-wise (`context` is `ValidationError.contexts?.[constraint]`),
 * otherwise undefined: report the failure at the field itself.
 */
export function elementTest(constraint: string, context?: unknown): ElementTest | undefined {
  const elementwise =
    typeof context === 'object' &&
    context !== null &&
    (context as Record<string, unknown>)[ELEMENTWISE] === true;
  return elementwise ? ELEMENT_TESTS.get(constraint) : undefined;
}

/**
 * The message for one failing element of an `each: true` rule whose message depends on the
 * value ("closures 2027-02-30 does not exist: ..."), or undefined: use the rule's message.
 */
export function elementMessage(
  constraint: string,
  value: unknown,
  property: string,
): string | undefined {
  return ELEMENT_MESSAGES.get(constraint)?.(value, property);
}

/**
 * Registers a property decorator whose constraint is `name` (a key of
 * `SHAPE_CONSTRAINT_CODES`). `options.each` validates array elements; when the rule reads
 * no sibling values (`constraints` empty), errors then point at each failing element.
 */
export function defineConstraint(
  name: ShapeConstraintName,
  message: Message,
  validate: (value: unknown, args: ValidationArguments) => boolean,
  options: ValidationOptions | undefined,
  constraints: unknown[] = [],
): PropertyDecorator {
  const perElement = options?.each === true && constraints.length === 0;
  if (perElement && !ELEMENT_TESTS.has(name)) {
    ELEMENT_TESTS.set(name, (value) =>
      validate(value, { value, constraints, targetName: '', object: {}, property: '' }),
    );
    if (typeof message === 'function') {
      ELEMENT_MESSAGES.set(name, (value, property) =>
        message({ value, constraints, targetName: '', object: {}, property }).replace(
          /\$property/g,
          property,
        ),
      );
    }
  }
  const registered: ValidationOptions | undefined = perElement
    ? { ...options, context: { ...(options?.context as object), [ELEMENTWISE]: true } }
    : options;
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      constraints,
      options: registered,
      validator: {
        validate,
        defaultMessage: (args?: ValidationArguments) =>
          typeof message === 'string' ? message : message(args!),
      },
    });
}
