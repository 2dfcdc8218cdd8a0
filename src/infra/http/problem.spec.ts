import { NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  type FieldIssue,
  ConflictError,
  ForbiddenError,
  InUseError,
  NotFoundError,
  RequestValidationError,
  SelfCheckFailedError,
  ServiceBusyError,
  ValidationError,
} from '../../domain/errors';
import { toProblem } from './problem';

const dbError = (code: string, detail = '') =>
  new QueryFailedError(
    'INSERT ...',
    ['Jane Doe'],
    Object.assign(new Error('boom Jane'), { code, detail }),
  );

describe('toProblem', () => {
  it('maps domain errors to status + stable code', () => {
    const cases: [Error, number, string][] = [
      [new NotFoundError('Room', 'r1'), 404, 'NOT_FOUND'],
      [new ConflictError('taken', 'NAME_TAKEN'), 409, 'NAME_TAKEN'],
      [new InUseError('used'), 409, 'IN_USE'],
      [new ForbiddenError(), 403, 'FORBIDDEN'],
      [
        ValidationError.single('/patients/0/protocol', 'UNKNOWN_REFERENCE', 'no such'),
        422,
        'VALIDATION_FAILED',
      ],
      [
        new RequestValidationError([{ pointer: '/a', code: 'REQUIRED', message: 'a' }]),
        400,
        'INVALID_REQUEST',
      ],
      [new ServiceBusyError('busy', 'PLANNER_BUSY', 2), 503, 'PLANNER_BUSY'],
      [
        new SelfCheckFailedError('caught', 'PLANNER_INVALID_SOLUTION'),
        500,
        'PLANNER_INVALID_SOLUTION',
      ],
    ];
    for (const [error, status, code] of cases) {
      const p = toProblem(error, 'req-1', '/v1/x');
      expect(p).toMatchObject({
        status,
        code,
        requestId: 'req-1',
        instance: '/v1/x',
        detail: error.message,
      });
      expect(p.type).toBe(`urn:kps:problem:${code.toLowerCase().replace(/_/g, '-')}`);
    }
  });

  it('passes checker issues through unchanged', () => {
    const issues: FieldIssue[] = [
      { pointer: '/staff/0/availability/0/rrule', code: 'INVALID_RRULE', message: 'm' },
    ];
    expect(toProblem(new ValidationError(issues), 'r', '/').errors).toEqual(issues);
  });

  it('maps database constraint errors without leaking their text', () => {
    expect(toProblem(dbError('23505'), 'r', '/')).toMatchObject({ status: 409, code: 'DUPLICATE' });
    expect(toProblem(dbError('23P01'), 'r', '/')).toMatchObject({ status: 409, code: 'OVERLAP' });
    expect(toProblem(dbError('23503', 'Key (id)=(x) is not present'), 'r', '/')).toMatchObject({
      status: 422,
      code: 'REFERENCE_NOT_FOUND',
    });
    expect(
      toProblem(dbError('23503', 'Key (id)=(x) is still referenced from table "b".'), 'r', '/'),
    ).toMatchObject({ status: 409, code: 'IN_USE' });
    const unknown = toProblem(dbError('42P01'), 'r', '/');
    expect(unknown).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(unknown)).not.toContain('Jane');
  });

  it('maps anything else to a bare 500 with the request id', () => {
    const p = toProblem(new TypeError('secret internals'), 'req-9', '/v1/x');
    expect(p).toEqual({
      type: 'urn:kps:problem:internal-error',
      title: 'Internal Server Error',
      status: 500,
      code: 'INTERNAL_ERROR',
      detail: 'An unexpected error occurred',
      instance: '/v1/x',
      requestId: 'req-9',
    });
  });

  it('maps unknown routes and body-parser errors', () => {
    expect(toProblem(new NotFoundException(), 'r', '/')).toMatchObject({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
    });
    const tooLarge = Object.assign(new Error('too large'), {
      type: 'entity.too.large',
      status: 413,
    });
    expect(toProblem(tooLarge, 'r', '/')).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      title: 'Payload Too Large',
    });
    const malformed = Object.assign(new Error('x'), { type: 'entity.parse.failed', status: 400 });
    expect(toProblem(malformed, 'r', '/')).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
  });
});
