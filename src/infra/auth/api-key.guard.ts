import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors';
import type { Role } from '../../entities/api-key.entity';
import { ApiKeyRepository } from '../../repositories/api-key.repository';
import { hashApiKey, looksLikeApiKey } from '../../services/api-key-secret';
import { AuthenticatedRequest, PUBLIC_KEY, ROLES_KEY } from './auth.decorators';

/**
 * Global guard: `Authorization: Bearer <key>` or `X-Api-Key: <key>` -> the key's clinic and
 * role on `req.auth`; then the route's `@Roles()` check. Unknown and revoked keys are 401.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = extractKey(req);
    if (!presented) throw new UnauthenticatedError();
    const key = looksLikeApiKey(presented)
      ? await this.apiKeys.findActiveByHash(hashApiKey(presented))
      : null;
    if (!key)
      throw new UnauthenticatedError('The API key is unknown or revoked', 'INVALID_API_KEY');

    req.auth = {
      clinicId: key.clinicId,
      role: key.role,
      keyId: key.id,
      label: key.prefix,
      keyPrefix: key.prefix,
      staffId: key.staffId,
      requestId: req.requestId ?? null,
    };
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (key.role !== 'director' && !allowed.includes(key.role)) throw new ForbiddenError();
    return true;
  }
}

function extractKey(req: AuthenticatedRequest): string | undefined {
  const header = req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1];
  }
  return req.header('x-api-key')?.trim() || undefined;
}
