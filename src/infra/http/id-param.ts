import {
  createParamDecorator,
  ExecutionContext,
  Param,
  ParseUUIDPipe,
  PipeTransform,
} from '@nestjs/common';
import type { Request } from 'express';
import { NotFoundError } from '../../domain/errors';

/**
 * `@IdParam() id: string` — the `:id` path parameter as a UUID. A malformed id cannot name any
 * row, so it answers 404 like an unknown or foreign one.
 */
export const IdParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError('Resource') }));

/**
 * A path number such as a version: plain digits, 1 to `max`. Anything else (`-1`, `1e3`,
 * `2147483648`, beyond `max`) names nothing: 404, never a query with a value the column
 * cannot hold.
 */
export class PositiveIntPipe implements PipeTransform<unknown, number> {
  constructor(
    private readonly max: number,
    private readonly entity: string,
  ) {}

  transform(value: unknown): number {
    const n = typeof value === 'string' && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n > this.max) throw new NotFoundError(this.entity);
    return n;
  }
}

/**
 * The path parameter exactly as written. `@Param` would not do: the global ValidationPipe
 * turns a `number` parameter into `Number(text)` first, so `01`, `0x1` and `1e0` would all
 * read as 1 before PositiveIntPipe could see them.
 */
const RawPathParam = createParamDecorator(
  (name: string, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<Request>().params[name],
);

/**
 * `@PositiveIntParam('v', MAX_PROTOCOL_VERSION, 'Protocol version') v: number`. Not seen by
 * the OpenAPI generator: document it with `@ApiParam` on the route.
 */
export const PositiveIntParam = (name: string, max: number, entity: string) =>
  RawPathParam(name, new PositiveIntPipe(max, entity));
