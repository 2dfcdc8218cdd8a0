import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ValidationError } from '../domain/errors';
import { IdempotencyKeyRepository } from '../repositories/idempotency-key.repository';
import { Actor } from './actor';
import { Transactions, WriteTx } from './transactions';

/** A write's `Idempotency-Key` with what identifies the request it came with. */
export interface IdempotentRequest {
  key: string;
  /** Method and path, e.g. `POST /v1/appointments/<id>/cancel`. */
  route: string;
  body: unknown;
}

/** JSON with object keys sorted at every level, so equal requests hash equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

export function requestHash(route: string, body: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify([route, canonical(body)]))
    .digest('hex');
}

/**
 * `Transactions.write` with an optional idempotency key. The key is claimed first, in the same
 * transaction as the write, and the response stored before commit: a retry (even a concurrent
 * one, which waits for the first) gets the first response and writes nothing; the same key
 * with another request is refused (422 IDEMPOTENCY_KEY_REUSED). A write that fails rolls its
 * claim back with it, so retrying a refused request runs it again (it changed nothing).
 */
@Injectable()
export class IdempotentWrites {
  constructor(
    private readonly tx: Transactions,
    private readonly keys: IdempotencyKeyRepository,
  ) {}

  write<T>(
    actor: Actor,
    request: IdempotentRequest | undefined,
    work: (tx: WriteTx) => Promise<T>,
  ): Promise<T> {
    if (!request) return this.tx.write(actor, work);
    const hash = requestHash(request.route, request.body);
    return this.tx.write(actor, async (tx) => {
      const { clinicId } = actor;
      if (!(await this.keys.claim(tx.manager, clinicId, request.key, hash))) {
        const first = await this.keys.find(tx.manager, clinicId, request.key);
        if (first?.requestHash !== hash) {
          throw new ValidationError(
            [
              {
                pointer: '',
                code: 'IDEMPOTENCY_KEY_REUSED',
                message: `Idempotency-Key "${request.key}" was used for a different request; use a new key for a new request`,
              },
            ],
            undefined,
            'IDEMPOTENCY_KEY_REUSED',
          );
        }
        return first.response as T;
      }
      const result = await work(tx);
      await this.keys.complete(
        tx.manager,
        clinicId,
        request.key,
        JSON.parse(JSON.stringify(result)),
      );
      return result;
    });
  }
}
