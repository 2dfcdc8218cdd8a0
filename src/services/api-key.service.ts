import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, ValidationError } from '../domain/errors';
import { ApiKeyDto, CreateApiKeyDto, CreatedApiKeyDto, toApiKeyDto } from '../dtos/api-key.dto';
import { apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret';
import { ApiKeyRepository } from '../repositories/api-key.repository';
import { StaffRepository } from '../repositories/staff.repository';
import { Actor } from './actor';
import { snapshot, Transactions } from './transactions';

@Injectable()
export class ApiKeyService {
  constructor(
    private readonly apiKeys: ApiKeyRepository,
    private readonly staff: StaffRepository,
    private readonly tx: Transactions,
  ) {}

  async list(actor: Actor): Promise<ApiKeyDto[]> {
    return (await this.apiKeys.list(actor.clinicId)).map(toApiKeyDto);
  }

  /** Makes a key; the secret is in the answer and nowhere else (only its hash is stored). */
  create(actor: Actor, input: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    const secret = generateApiKey();
    return this.tx.write(actor, async ({ manager, audit }) => {
      if (input.staffId) await this.checkStaff(actor, input, manager);
      const key = await this.apiKeys.insert(
        actor.clinicId,
        {
          name: input.name,
          role: input.role,
          staffId: input.staffId ?? null,
          prefix: apiKeyPrefix(secret),
          secretHash: hashApiKey(secret),
          revokedAt: null,
        },
        manager,
      );
      const dto = toApiKeyDto(key);
      await audit({
        action: 'create',
        entityType: 'api_key',
        entityId: key.id,
        before: null,
        after: snapshot(dto),
      });
      return { ...dto, secret };
    });
  }

  /** A key may name a staff member only for the clinician role, and only of its own clinic. */
  private async checkStaff(actor: Actor, input: CreateApiKeyDto, manager: EntityManager) {
    if (input.role !== 'clinician') {
      throw ValidationError.single(
        '/staffId',
        'STAFF_ONLY_FOR_CLINICIAN',
        'only clinician keys name a staff member',
      );
    }
    if (!(await this.staff.find(actor.clinicId, input.staffId!, manager))) {
      throw ValidationError.single(
        '/staffId',
        'UNKNOWN_STAFF',
        `no staff member ${input.staffId} in this clinic`,
      );
    }
  }

  /**
   * Revokes a key. The clinic's last active director key cannot be revoked, which would lock
   * the clinic out: 409 LAST_DIRECTOR_KEY, over the API and from the CLI alike. The director
   * keys are locked first, so two concurrent revocations of the last two cannot both pass.
   * Only the operator (CLI `revoke --force`, a key-less actor) may pass `allowLastDirector`,
   * for recovery (e.g. the only director key leaked); it is ignored for key-holding actors.
   */
  revoke(
    actor: Actor,
    id: string,
    options: { allowLastDirector?: boolean } = {},
  ): Promise<ApiKeyDto> {
    const allowLast = options.allowLastDirector === true && actor.keyId === null;
    return this.tx.write(actor, async ({ manager, audit }) => {
      const directors = await this.apiKeys.lockActiveDirectorIds(actor.clinicId, manager);
      const key = await this.apiKeys.getForUpdate(actor.clinicId, id, manager);
      if (key.revokedAt)
        throw new ConflictError(`API key ${id} is already revoked`, 'ALREADY_REVOKED');
      if (!allowLast && key.role === 'director' && directors.every((d) => d === id)) {
        throw new ConflictError(
          `API key ${id} is the clinic's last active director key; create another director key before revoking it`,
          'LAST_DIRECTOR_KEY',
        );
      }
      const before = toApiKeyDto(key);
      const after = toApiKeyDto(
        await this.apiKeys.update(actor.clinicId, id, { revokedAt: new Date() }, manager),
      );
      await audit({
        action: 'revoke',
        entityType: 'api_key',
        entityId: id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return after;
    });
  }
}
