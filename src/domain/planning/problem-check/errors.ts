/** Errors of the planning input checker. */
import type { FieldCode } from '../../errors/error-codes';

export interface ProblemError {
  /** RFC 6901 JSON pointer into the problem document, e.g. `/staff/2/availability/0/rrule`. */
  pointer: string;
  /** Stable code, e.g. `UNKNOWN_FIELD`, `INVALID_RRULE`, `PINNED_BOOKING_INVALID`. */
  code: FieldCode;
  message: string;
}

/**
 * `code`: INVALID_PROBLEM for a document that breaks the format,
 * NOT_SUPPORTED_BY_PLANNER for a valid one using a feature the planner
 * cannot plan yet (problem-check/planner-support.ts).
 */
export type CheckResult<T> =
  | { ok: true; problem: T }
  | { ok: false; code: 'INVALID_PROBLEM' | 'NOT_SUPPORTED_BY_PLANNER'; errors: ProblemError[] };

/** Appends one reference token to a JSON pointer, escaping `~` and `/` (RFC 6901). */
export { childPointer as child } from '../../text/json-pointer';

export class ErrorList {
  readonly errors: ProblemError[] = [];
  add(pointer: string, code: FieldCode, message: string): void {
    this.errors.push({ pointer, code, message });
  }
  get size(): number {
    return this.errors.length;
  }
}
