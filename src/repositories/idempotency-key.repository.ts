import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { IdempotencyKeyEntity } from '../entities/idempotency-key.entity';

/** Idempotency keys per clinic; every call runs inside the write it protects. */
@Injectable()
export class IdempotencyKeyRepository {
  /**
   * Claims the key for this transaction: true when it is new. A concurrent claim of the same
   * key waits here until the first transaction ends (then finds its committed row).
   */
  async claim(
    manager: EntityManager,
    clinicId: string,
    key: string,
    requestHash: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO idempotency_key (clinic_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (clinic_id, key) DO NOTHING RETURNING key`,
      [clinicId, key, requestHash],
    );
    return rows.length === 1;
  }

  find(manager: EntityManager, clinicId: string, key: string) {
    return manager.getRepository(IdempotencyKeyEntity).findOneBy({ clinicId, key });
  }

  async complete(
    manager: EntityManager,
    clinicId: string,
    key: string,
    response: unknown,
  ): Promise<void> {
    await manager
      .getRepository(IdempotencyKeyEntity)
      .update({ clinicId, key }, { response: response as object });
  }
}
