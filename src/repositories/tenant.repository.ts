import {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  In,
  ObjectLiteral,
} from 'typeorm';
import { NotFoundError } from '../domain/errors';

/** Rows of tenant tables carry the clinic they belong to. */
export interface TenantRow extends ObjectLiteral {
  id: string;
  clinicId: string;
}

/**
 * Base for repositories of clinic-scoped tables. Every method takes the clinic id first and
 * filters by it, so a row of another clinic is simply not found (HTTP 404, never 403).
 * Methods take an optional EntityManager: pass `tx.manager` inside `Transactions.write`.
 */
export abstract class TenantRepository<E extends TenantRow> {
  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly entity: EntityTarget<E>,
    /** Used in "<label> <id> not found". */
    private readonly label: string,
  ) {}

  protected repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(this.entity);
  }

  find(clinicId: string, id: string, manager?: EntityManager): Promise<E | null> {
    return this.repo(manager).findOneBy({ id, clinicId } as FindOptionsWhere<E>);
  }

  async get(clinicId: string, id: string, manager?: EntityManager): Promise<E> {
    const row = await this.find(clinicId, id, manager);
    if (!row) throw new NotFoundError(this.label, id);
    return row;
  }

  /**
   * Reads the row with `SELECT ... FOR SHARE`: it cannot be changed (archived, deleted) by
   * another transaction until this one ends, while other readers that also only share-lock it
   * are not blocked. For rows a write references (an enrollment's patient and protocol), so a
   * concurrent archive cannot slip in between the check and the insert.
   */
  findForShare(clinicId: string, id: string, manager: EntityManager): Promise<E | null> {
    return this.repo(manager).findOne({
      where: { id, clinicId } as FindOptionsWhere<E>,
      lock: { mode: 'pessimistic_read' },
    });
  }

  /** `findForShare` of many rows at once (those that exist; in no particular order). */
  findManyForShare(clinicId: string, ids: readonly string[], manager: EntityManager): Promise<E[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.repo(manager).find({
      where: { id: In([...ids]), clinicId } as FindOptionsWhere<E>,
      lock: { mode: 'pessimistic_read' },
    });
  }

  /** Locks the row (SELECT ... FOR UPDATE) for a read-modify-write inside a transaction. */
  async getForUpdate(clinicId: string, id: string, manager: EntityManager): Promise<E> {
    const row = await this.repo(manager).findOne({
      where: { id, clinicId } as FindOptionsWhere<E>,
      lock: { mode: 'pessimistic_write' },
    });
    if (!row) throw new NotFoundError(this.label, id);
    return row;
  }

  insert(clinicId: string, values: Omit<Partial<E>, 'clinicId'>, manager?: EntityManager) {
    const repo = this.repo(manager);
    return repo.save(repo.create({ ...values, clinicId } as unknown as E));
  }

  async update(clinicId: string, id: string, patch: Partial<E>, manager?: EntityManager) {
    const repo = this.repo(manager);
    const row = await this.get(clinicId, id, manager);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    return repo.save(repo.merge(row, changes as E));
  }

  async delete(clinicId: string, id: string, manager?: EntityManager): Promise<void> {
    const result = await this.repo(manager).delete({ id, clinicId } as FindOptionsWhere<E>);
    if (!result.affected) throw new NotFoundError(this.label, id);
  }
}
