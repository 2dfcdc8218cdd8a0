import { FieldIssue, ValidationError } from './domain-error';

/**
 * A request that does not match its declared shape (wrong type, unknown field, out of range,
 * a cursor this API did not issue): HTTP 400. Semantic problems found later (dangling
 * reference, planner input check) are the plain ValidationError: HTTP 422. Both carry
 * `{ pointer, code, message }` issues.
 */
export class RequestValidationError extends ValidationError {
  constructor(issues: FieldIssue[]) {
    super(issues, undefined, 'INVALID_REQUEST');
  }
}
