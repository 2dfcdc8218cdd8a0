import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { RequestValidationError } from '../../domain/errors';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * `@IdempotencyKey() key: string | undefined` — the `Idempotency-Key` header: 1–255 visible
 * ASCII characters (a UUID is a good key), else 400 INVALID_IDEMPOTENCY_KEY.
 */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string | undefined => {
    const value = ctx.switchToHttp().getRequest<Request>().header('idempotency-key');
    if (value === undefined) return undefined;
    if (!KEY.test(value)) {
      throw new RequestValidationError([
        {
          pointer: '/Idempotency-Key',
          code: 'INVALID_IDEMPOTENCY_KEY',
          message: 'the Idempotency-Key header must be 1–255 visible ASCII characters, e.g. a UUID',
        },
      ]);
    }
    return value;
  },
);

/** Documents the optional header on a route. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Makes the POST safe to retry: a retry with the same key and body returns the first response and creates nothing; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED. Keys are per clinic.',
    }),
  );
