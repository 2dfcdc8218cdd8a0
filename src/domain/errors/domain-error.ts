/**
 * Transport-neutral errors raised by services and the domain. Each carries a stable,
 * machine-readable `code` (UPPER_SNAKE) that clients may rely on; the HTTP layer maps the
 * class to a status (see src/infra/http/problem.ts). Codes come from ./error-codes.ts. No Nest/TypeORM imports here.
 */

import type { FieldCode, ProblemCode } from './error-codes';

/** One problem with one field, addressed by an RFC 6901 JSON pointer into the request. */
export interface FieldIssue {
  pointer: string;
  code: FieldCode;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: ProblemCode;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The resource does not exist, or belongs to another clinic (we never tell which). */
export class NotFoundError extends DomainError {
  readonly code: ProblemCode;
  constructor(entity: string, id?: string, code: ProblemCode = 'NOT_FOUND') {
    super(id === undefined ? `${entity} not found` : `${entity} ${id} not found`);
    this.code = code;
  }
}

/**
 * The request clashes with the current state (duplicate, overlap, stale version). `issues`
 * may name each clash by the request field it concerns (e.g. `/roomId`: the room is full).
 */
export class ConflictError extends DomainError {
  readonly code: ProblemCode;
  readonly issues: readonly FieldIssue[];
  /** RFC 9457 extension members (e.g. `appointments`: the records in the way). Plain JSON. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  constructor(
    message: string,
    code: ProblemCode = 'CONFLICT',
    issues: readonly FieldIssue[] = [],
    extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.code = code;
    this.issues = issues;
    if (extensions) this.extensions = extensions;
  }
}

/**
 * A conditional request failed: If-Match names another version (412) or is missing where a
 * change needs it (428).
 */
export class PreconditionError extends DomainError {
  readonly code: ProblemCode;
  constructor(
    message: string,
    readonly status: 412 | 428,
    code: ProblemCode = status === 412 ? 'PRECONDITION_FAILED' : 'PRECONDITION_REQUIRED',
  ) {
    super(message);
    this.code = code;
  }
}

/** The resource cannot be removed or changed because other records still use it. */
export class InUseError extends DomainError {
  readonly code: ProblemCode;
  constructor(message: string, code: ProblemCode = 'IN_USE') {
    super(message);
    this.code = code;
  }
}

/**
 * The request is well-formed but semantically invalid (dangling reference, rule violated).
 * `issues` is exactly the `{ pointer, code, message }[]` list produced by checkers such as
 * the planner's problem-check, so their output flows to the client unchanged.
 */
export class ValidationError extends DomainError {
  readonly code: ProblemCode;
  readonly issues: readonly FieldIssue[];
  /**
   * RFC 9457 extension members added to the problem beside `errors` (e.g. `enrollments`:
   * the records a bulk change was refused for). Plain JSON; never `errors` or a base member.
   */
  readonly extensions?: Readonly<Record<string, unknown>>;
  constructor(
    issues: readonly FieldIssue[],
    message?: string,
    code: ProblemCode = 'VALIDATION_FAILED',
    extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(message ?? summarize(issues));
    this.issues = issues;
    this.code = code;
    if (extensions) this.extensions = extensions;
  }

  static single(pointer: string, code: FieldCode, message: string): ValidationError {
    return new ValidationError([{ pointer, code, message }]);
  }
}

/** The caller is known but its role does not allow the action. */
export class ForbiddenError extends DomainError {
  readonly code: ProblemCode;
  constructor(
    message = 'Your API key does not allow this action',
    code: ProblemCode = 'FORBIDDEN',
  ) {
    super(message);
    this.code = code;
  }
}

/** No credentials, or credentials that are unknown or revoked. */
export class UnauthenticatedError extends DomainError {
  readonly code: ProblemCode;
  constructor(message = 'A valid API key is required', code: ProblemCode = 'UNAUTHENTICATED') {
    super(message);
    this.code = code;
  }
}

/**
 * The service cannot take the request now (e.g. the planner's queue is full); retry later,
 * after `retryAfterSeconds` when given (sent as the Retry-After header).
 */
export class ServiceBusyError extends DomainError {
  readonly code: ProblemCode;
  constructor(
    message: string,
    code: ProblemCode = 'SERVICE_BUSY',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.code = code;
  }
}

/**
 * The service caught its own result breaking a rule before answering (a bug, not bad input):
 * a 500 with a stable code. The message must not carry request data; whoever raises it logs
 * what an operator needs.
 */
export class SelfCheckFailedError extends DomainError {
  readonly code: ProblemCode;
  constructor(message: string, code: ProblemCode = 'SELF_CHECK_FAILED') {
    super(message);
    this.code = code;
  }
}

function summarize(issues: readonly FieldIssue[]): string {
  if (issues.length === 0) return 'The request is invalid';
  const first = issues[0];
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return `${first.pointer || '/'}: ${first.message}${more}`;
}
