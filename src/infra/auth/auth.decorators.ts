import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Role } from '../../entities/api-key.entity';
import type { Actor } from '../../services/actor';

export const PUBLIC_KEY = 'kps:public';
export const ROLES_KEY = 'kps:roles';

/** No API key needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Roles allowed besides `director`, who may do everything in its clinic (`@Roles('director')`
 * says so explicitly). A route with neither
 * `@Public()` nor `@Roles(...)` is director-only. Put it on the controller or the method.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export type AuthenticatedRequest = Request & { auth?: Actor & { keyPrefix: string } };

/** The authenticated caller, with the request id for audit rows: `@Auth() actor: Actor`. */
export const Auth = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!req.auth) throw new Error('@Auth() used on a @Public() route');
  const { keyPrefix: _prefix, ...actor } = req.auth;
  return actor;
});
