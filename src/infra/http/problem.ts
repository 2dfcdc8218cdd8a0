import { HttpException, HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  ConflictError,
  DomainError,
  FieldIssue,
  ForbiddenError,
  InUseError,
  NotFoundError,
  PreconditionError,
  ProblemCode,
  RequestValidationError,
  UnauthenticatedError,
  SelfCheckFailedError,
  ServiceBusyError,
  ValidationError,
} from '../../domain/errors';

/** RFC 9457 problem details, as every error response body. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  requestId: string;
  errors?: FieldIssue[];
  /** Extension member of a refused cohort re-pin: each enrollment and its issues. */
  enrollments?: unknown[];
  /** The appointments in the way of a refused change (409 SESSION_TYPE_BOOKED, SLOT_GRID_BOOKED, TIME_ZONE_BOOKED). */
  appointments?: unknown[];
  /** A refused booking's nearest valid options (422 RULE_VIOLATED). */
  options?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

type Mapped = Omit<Problem, 'type' | 'title' | 'instance' | 'requestId'> & { log?: boolean };

/**
 * The single mapping from anything thrown to an HTTP problem. Unknown errors and database
 * errors never leak their message: clients get a code and the request id to quote.
 */
export function toProblem(error: unknown, requestId: string, instance: string): Problem {
  const mapped = map(error);
  const { log: _log, ...rest } = mapped;
  return {
    type: `urn:kps:problem:${mapped.code.toLowerCase().replace(/_/g, '-')}`,
    title: statusTitle(mapped.status),
    instance,
    requestId,
    ...rest,
  };
}

/** Whether the error is unexpected and should be logged with its stack. */
export function isUnexpected(error: unknown): boolean {
  return map(error).log === true;
}

function map(error: unknown): Mapped {
  if (error instanceof DomainError) return mapDomain(error);
  if (error instanceof QueryFailedError) return mapDatabase(error);
  if (error instanceof HttpException) return mapHttp(error);
  const bodyParser = mapBodyParser(error);
  if (bodyParser) return bodyParser;
  return { status: 500, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred', log: true };
}

function mapDomain(error: DomainError): Mapped {
  const base = { code: error.code, detail: error.message };
  if (error instanceof RequestValidationError) {
    return { ...base, status: 400, errors: [...error.issues] };
  }
  if (error instanceof ValidationError) {
    return { ...error.extensions, ...base, status: 422, errors: [...error.issues] };
  }
  if (error instanceof PreconditionError) return { ...base, status: error.status };
  if (error instanceof NotFoundError) return { ...base, status: 404 };
  if (error instanceof ConflictError && error.issues.length > 0) {
    return { ...error.extensions, ...base, status: 409, errors: [...error.issues] };
  }
  if (error instanceof ConflictError || error instanceof InUseError) {
    return { ...base, status: 409 };
  }
  if (error instanceof ForbiddenError) return { ...base, status: 403 };
  if (error instanceof UnauthenticatedError) return { ...base, status: 401 };
  if (error instanceof ServiceBusyError) return { ...base, status: 503 };
  if (error instanceof SelfCheckFailedError) return { ...base, status: 500 };
  return { ...base, status: 400 };
}

function mapDatabase(error: QueryFailedError): Mapped {
  const driver = error.driverError as { code?: string; detail?: string } | undefined;
  switch (driver?.code) {
    case '23505':
      return { status: 409, code: 'DUPLICATE', detail: 'A record with the same values exists' };
    case '23P01':
      return { status: 409, code: 'OVERLAP', detail: 'The change overlaps an existing record' };
    case '23503':
      // Deleting a row that others still reference vs. referencing a row that does not exist.
      return /still referenced/.test(driver.detail ?? '')
        ? { status: 409, code: 'IN_USE', detail: 'The record is still referenced by others' }
        : {
            status: 422,
            code: 'REFERENCE_NOT_FOUND',
            detail: 'A referenced record does not exist',
          };
    case '40001':
    case '40P01':
      return { status: 409, code: 'CONCURRENT_UPDATE', detail: 'Concurrent update; retry' };
    default:
      return {
        status: 500,
        code: 'INTERNAL_ERROR',
        detail: 'An unexpected error occurred',
        log: true,
      };
  }
}

/** Codes of the framework's own 4xx exceptions (the status as raised); others are HTTP_ERROR. */
const HTTP_STATUS_CODES: Partial<Record<number, ProblemCode>> = {
  400: 'BAD_REQUEST',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function mapHttp(error: HttpException): Mapped {
  const status = error.getStatus();
  if (status === 404) return { status, code: 'ROUTE_NOT_FOUND', detail: 'No such route' };
  // Express's URIError quotes the undecodable path segment, which may be a feed token.
  if ((error.cause as Error | undefined)?.name === 'URIError') {
    return { status, code: 'BAD_REQUEST', detail: 'The path is not valid percent-encoding' };
  }
  if (status >= 500) {
    return { status, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred', log: true };
  }
  return { status, code: HTTP_STATUS_CODES[status] ?? 'HTTP_ERROR', detail: error.message };
}

/** Errors raised by express.json (http-errors with a `type`). */
function mapBodyParser(error: unknown): Mapped | undefined {
  const e = error as { type?: unknown; status?: unknown; body?: unknown } | null;
  if (!e || typeof e.type !== 'string' || typeof e.status !== 'number') return undefined;
  switch (e.type) {
    case 'entity.too.large':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large' };
    case 'entity.parse.failed':
      return (
        notAnObject(e) ?? {
          status: 400,
          code: 'MALFORMED_JSON',
          detail: 'The request body is not valid JSON',
        }
      );
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'UNSUPPORTED_ENCODING', detail: 'Unsupported body encoding' };
    default:
      return { status: 400, code: 'BAD_REQUEST', detail: 'The request body could not be read' };
  }
}

/**
 * express.json (strict) refuses a body that is valid JSON but not an object or array (`null`,
 * `42`, `"x"`) with the same parse error as broken JSON; tell the two apart.
 */
function notAnObject(error: { body?: unknown }): Mapped | undefined {
  if (typeof error.body !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(error.body);
  } catch {
    return undefined;
  }
  const got = value === null ? 'null' : typeof value;
  return mapDomain(
    new RequestValidationError([
      { pointer: '', code: 'INVALID_BODY', message: `the body must be a JSON object, got ${got}` },
    ]),
  );
}

function statusTitle(status: number): string {
  const name = HttpStatus[status];
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}
