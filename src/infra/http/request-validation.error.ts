import { ValidationError as ClassValidatorError } from 'class-validator';
import { FieldCode, FieldIssue, isFieldCode } from '../../domain/errors';
import { jsonPointer } from '../../domain/text/json-pointer';
import { elementMessage, elementTest, shapeConstraintCode } from '../../dtos/validators';

/** Stable issue codes for class-validator's built-in constraints; others pass through. */
const CONSTRAINT_CODES: Record<string, FieldCode> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  unknownValue: 'INVALID_BODY',
  isDefined: 'REQUIRED',
  isNotEmpty: 'REQUIRED',
  nestedValidation: 'INVALID_TYPE',
  isString: 'INVALID_TYPE',
  isInt: 'INVALID_TYPE',
  isNumber: 'INVALID_TYPE',
  isBoolean: 'INVALID_TYPE',
  isArray: 'INVALID_TYPE',
  isObject: 'INVALID_TYPE',
  isUuid: 'INVALID_UUID',
  isEnum: 'NOT_ALLOWED',
  isIn: 'NOT_ALLOWED',
  min: 'OUT_OF_RANGE',
  max: 'OUT_OF_RANGE',
  minLength: 'OUT_OF_RANGE',
  maxLength: 'OUT_OF_RANGE',
  isLength: 'OUT_OF_RANGE',
  arrayMinSize: 'OUT_OF_RANGE',
  arrayMaxSize: 'OUT_OF_RANGE',
  arrayUnique: 'DUPLICATE',
  matches: 'INVALID_FORMAT',
};

/**
 * Built-in constraints map through the table above, the custom validators of `dtos/validators`
 * through SHAPE_CONSTRAINT_CODES (`isIanaTimeZone` -> INVALID_TIME_ZONE); a constraint named
 * as a registered field code passes through; any other is INVALID_VALUE (never a code the
 * registry in src/domain/errors/error-codes.ts does not list).
 */
export function constraintCode(constraint: string): FieldCode {
  if (Object.prototype.hasOwnProperty.call(CONSTRAINT_CODES, constraint)) {
    return CONSTRAINT_CODES[constraint];
  }
  const shapeCode = shapeConstraintCode(constraint);
  if (shapeCode) return shapeCode;
  return isFieldCode(constraint) ? constraint : 'INVALID_VALUE';
}

/** Type problems are reported before range/format ones: "must be an integer", not "<= 240". */
const BASIC = [
  'whitelistValidation',
  'unknownValue',
  'isDefined',
  'isNotEmpty',
  'isString',
  'isInt',
  'isNumber',
  'isBoolean',
  'isArray',
  'isObject',
  'nestedValidation',
];

function mostBasicFirst(constraints: Record<string, string> | undefined): [string, string][] {
  const rank = (name: string) => {
    const i = BASIC.indexOf(name);
    return i < 0 ? BASIC.length : i;
  };
  return Object.entries(constraints ?? {}).sort(([a], [b]) => rank(a) - rank(b));
}

/** RFC 6901 pointer of a path of keys (the domain's one escaping rule). */
export const pointerOf = jsonPointer;

/**
 * Flattens class-validator's error tree into JSON-pointer issues (`/availability/0/rrule`), one per
 * field (the most basic failure), one per element for `each: true` rules.
 */
export function toFieldIssues(
  errors: readonly ClassValidatorError[],
  parent: readonly string[] = [],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const error of errors) {
    // forbidUnknownValues reports the whole object under an empty property name.
    const path = error.property ? [...parent, error.property] : [...parent];
    for (const [constraint, message] of mostBasicFirst(error.constraints).slice(0, 1)) {
      const code = constraintCode(constraint);
      const test = elementTest(constraint, error.contexts?.[constraint]);
      if (test && Array.isArray(error.value)) {
        // An `each: true` rule: one issue per failing element.
        const before = issues.length;
        error.value.forEach((element, index) => {
          if (test(element)) return;
          issues.push({
            pointer: pointerOf([...path, index]),
            code,
            message: elementMessage(constraint, element, error.property) ?? message,
          });
        });
        if (issues.length > before) continue;
      }
      issues.push({
        pointer: pointerOf(path),
        code,
        message: constraint === 'whitelistValidation' ? 'unknown field' : message,
      });
    }
    if (error.children?.length) issues.push(...toFieldIssues(error.children, path));
  }
  return issues;
}
