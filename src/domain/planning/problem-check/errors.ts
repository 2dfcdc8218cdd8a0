/** Errors of the planning input checker. */

export interface ProblemError {
  /** RFC 6901 JSON pointer into the problem document, e.g. `/staff/2/availability/0/rrule`. */
  pointer: string;
  /** Stable code, e.g. `UNKNOWN_FIELD`, `INVALID_RRULE`, `PINNED_BOOKING_INVALID`. */
  code: string;
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
export function child(pointer: string, token: string | number): string {
  return `${pointer}/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

export class ErrorList {
  readonly errors: ProblemError[] = [];
  add(pointer: string, code: string, message: string): void {
    this.errors.push({ pointer, code, message });
  }
  get size(): number {
    return this.errors.length;
  }
}
