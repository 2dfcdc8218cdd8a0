/**
 * A small declarative shape checker for JSON documents: every error carries a
 * JSON pointer and a stable code, unknown fields are errors at every level,
 * and all errors are collected in document order.
 */
import type { FieldCode } from '../../errors/error-codes';
import { child, type ErrorList } from './errors';

export type Spec =
  | { kind: 'string'; check?: (value: string) => { code: FieldCode; message: string } | null }
  | { kind: 'integer'; min: number }
  | { kind: 'number'; min?: number }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly (string | number)[]; code?: FieldCode }
  | { kind: 'array'; items: Spec; minItems?: number }
  | { kind: 'record'; values: Spec }
  | { kind: 'nullable'; spec: Spec }
  | {
      kind: 'object';
      fields: Record<string, Field>;
      after?: (value: Record<string, unknown>, at: string, errors: ErrorList) => void;
    }
  | { kind: 'custom'; check: (value: unknown, at: string, errors: ErrorList) => void };

export interface Field {
  spec: Spec;
  required: boolean;
}

export const req = (spec: Spec): Field => ({ spec, required: true });
export const opt = (spec: Spec): Field => ({ spec, required: false });

const typeName = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** Checks `value` against `spec`, adding errors under `at`. */
export function walk(value: unknown, spec: Spec, at: string, errors: ErrorList): void {
  const wrongType = (expected: string) =>
    errors.add(at, 'INVALID_TYPE', `must be ${expected}, not ${typeName(value)}`);
  switch (spec.kind) {
    case 'string': {
      if (typeof value !== 'string' || value === '') return wrongType('a non-empty string');
      const problem = spec.check?.(value);
      if (problem) errors.add(at, problem.code, problem.message);
      return;
    }
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType('an integer');
      if (value < spec.min)
        errors.add(at, 'OUT_OF_RANGE', `must be at least ${spec.min}, not ${value}`);
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return wrongType('a number');
      if (spec.min !== undefined && value < spec.min)
        errors.add(at, 'OUT_OF_RANGE', `must be at least ${spec.min}`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrongType('true or false');
      return;
    case 'enum':
      if (!spec.values.includes(value as string | number)) {
        errors.add(
          at,
          spec.code ?? 'NOT_ALLOWED',
          `must be one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`,
        );
      }
      return;
    case 'array':
      if (!Array.isArray(value)) return wrongType('an array');
      if (spec.minItems !== undefined && value.length < spec.minItems) {
        errors.add(at, 'OUT_OF_RANGE', `must have at least ${spec.minItems} item(s)`);
      }
      value.forEach((item, i) => walk(item, spec.items, child(at, i), errors));
      return;
    case 'record':
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return wrongType('an object');
      for (const [key, item] of Object.entries(value))
        walk(item, spec.values, child(at, key), errors);
      return;
    case 'nullable':
      if (value !== null) walk(value, spec.spec, at, errors);
      return;
    case 'custom':
      spec.check(value, at, errors);
      return;
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return wrongType('an object');
      const before = errors.size;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!(key in spec.fields))
          errors.add(child(at, key), 'UNKNOWN_FIELD', `"${key}" is not a field here`);
      }
      for (const [key, field] of Object.entries(spec.fields)) {
        if (record[key] === undefined) {
          if (field.required) errors.add(child(at, key), 'REQUIRED', `"${key}" is required`);
          continue;
        }
        walk(record[key], field.spec, child(at, key), errors);
      }
      if (errors.size === before) spec.after?.(record, at, errors);
      return;
    }
  }
}
