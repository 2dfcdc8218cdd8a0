import { EntityManager, EntityTarget, FindOptionsWhere } from 'typeorm';
import type { TenantRow } from './tenant.repository';

/**
 * Reads a clinic's row with `SELECT ... FOR SHARE`: the row cannot be changed (archived,
 * deleted) by another transaction until this one ends, while other readers that also only
 * share-lock it are not blocked. Use it for rows a write references (an enrollment's patient
 * and protocol), so a concurrent archive cannot slip in between the check and the insert.
 */
export function findForShare<E extends TenantRow>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  clinicId: string,
  id: string,
): Promise<E | null> {
  return manager.getRepository(entity).findOne({
    where: { id, clinicId } as FindOptionsWhere<E>,
    lock: { mode: 'pessimistic_read' },
  });
}
