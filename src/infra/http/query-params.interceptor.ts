import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
// The metadata `@Query()` writes, read the way @nestjs/swagger reads it to list query parameters.
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { RequestValidationError } from '../../domain/errors';
import { checkJsonInput } from './json-input';
import { pointerOf } from './request-validation.error';

/**
 * What a handler takes from the query string: all of it (a `@Query()` DTO, which the
 * ValidationPipe holds to its fields, refusing the others) or only these names (one
 * `@Query('name')` per name; none at all for most routes).
 */
export type QueryUse =
  { kind: 'dto' } | { kind: 'names'; names: ReadonlySet<string> } | { kind: 'ignored' };

const IGNORES_QUERY = 'kps:ignores-query';

/**
 * The route reads nothing from the query string and changes nothing, so it lets any through:
 * `GET /health`, which load balancers and uptime probes call with cache-busting parameters.
 */
export const IgnoresQuery = () => SetMetadata(IGNORES_QUERY, true);

/** Reads `@Query()` / `@Query('name')` off a controller method's parameter metadata. */
export function queryUse(controller: object, method: string): QueryUse {
  const handler = (controller as { prototype?: Record<string, unknown> }).prototype?.[method];
  if (handler && Reflect.getMetadata(IGNORES_QUERY, handler) === true) return { kind: 'ignored' };
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
    string,
    { data?: unknown }
  >;
  const names = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    // `${paramtype}:${index}`; custom decorators (`@Auth()`, ...) have a non-numeric type.
    if (key.split(':')[0] !== String(RouteParamtypes.QUERY)) continue;
    if (typeof arg.data !== 'string' || arg.data === '') return { kind: 'dto' };
    names.add(arg.data);
  }
  return { kind: 'names', names };
}

/**
 * Refuses what a route without a query DTO would otherwise ignore: the query as a whole is held
 * to the same input rules as a DTO's (`checkJsonInput`: refused characters, `__proto__`, ...),
 * then every parameter the route does not take is an UNKNOWN_FIELD at `/<name>`, the issue a
 * list GET's DTO gives for it.
 */
export function refuseUnknownQuery(query: unknown, allowed: ReadonlySet<string>): void {
  if (typeof query !== 'object' || query === null) return;
  const input = checkJsonInput(query);
  if (input.length > 0) throw new RequestValidationError(input);
  const unknown = Object.keys(query).filter((name) => !allowed.has(name));
  if (unknown.length === 0) return;
  throw new RequestValidationError(
    unknown.map((name) => ({
      pointer: pointerOf([name]),
      code: 'UNKNOWN_FIELD',
      message: 'unknown field',
    })),
  );
}

/**
 * Global: every method of every route refuses query parameters it does not take (400
 * INVALID_REQUEST, as a list GET always did), so `POST /v1/rooms?dryRun=true` is not
 * silently a real create. Runs after the guards (401/403 first, as on GET) and before the
 * pipes, so a refused request reaches no handler. Routes with a `@Query()` DTO are left to
 * the ValidationPipe.
 */
@Injectable()
export class QueryParamsInterceptor implements NestInterceptor {
  private readonly uses = new WeakMap<object, QueryUse>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const use = this.useOf(context);
      if (use.kind === 'names') {
        refuseUnknownQuery(context.switchToHttp().getRequest<Request>().query, use.names);
      }
    }
    return next.handle();
  }

  private useOf(context: ExecutionContext): QueryUse {
    const handler = context.getHandler();
    let use = this.uses.get(handler);
    if (!use) {
      use = queryUse(context.getClass(), handler.name);
      this.uses.set(handler, use);
    }
    return use;
  }
}
