import type { EntityManager } from 'typeorm';
import { ConflictError, InUseError } from '../domain/errors';
import { ArchivableListQueryDto } from '../dtos/archivable-list-query.dto';
import { idAfter, Page, toPage } from '../dtos/page.dto';
import {
  ArchivableCatalogRepository,
  ArchivableRow,
  CatalogUsage,
} from '../repositories/archivable-catalog.repository';
import { Actor } from './actor';
import { snapshot, Transactions, type WriteTx } from './transactions';

/**
 * A validated request value as plain JSON for a jsonb column: drops undefined fields and DTO
 * class prototypes. `R` is the planning-format type the DTO was validated against.
 */
export function plainJson<R>(value: object | null): R;
export function plainJson<R>(value: object | null | undefined): R | undefined;
export function plainJson<R>(value: object | null | undefined): R | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as R);
}

/** How one catalog resource is named in audit rows and messages. */
export interface CatalogResource<E, D> {
  /** audit_log.entity_type, e.g. `session_type`. */
  entityType: string;
  /** For messages, e.g. `Session type`. */
  label: string;
  /** How a row is named in messages (its name or code). */
  nameOf(row: E): string;
  toDto(row: E): D;
}

/**
 * Read, list, create, update, archive and restore for a catalog resource. Every write is one
 * audited transaction; archived rows are kept (history), hidden from lists unless asked for,
 * and must be restored before they can be changed.
 */
export abstract class ArchivableCatalogService<E extends ArchivableRow, D extends object> {
  protected constructor(
    protected readonly rows: ArchivableCatalogRepository<E>,
    protected readonly tx: Transactions,
    private readonly resource: CatalogResource<E, D>,
  ) {}

  async list(actor: Actor, query: ArchivableListQueryDto): Promise<Page<D>> {
    const rows = await this.rows.page(actor.clinicId, {
      limit: query.limit + 1,
      afterId: idAfter(query.cursor),
      includeArchived: query.includeArchived,
    });
    return toPage(
      rows,
      query.limit,
      (row) => this.resource.toDto(row),
      (row) => [row.id],
    );
  }

  async get(actor: Actor, id: string): Promise<D> {
    return this.resource.toDto(await this.rows.get(actor.clinicId, id));
  }

  protected insert(actor: Actor, values: Omit<Partial<E>, 'clinicId'>): Promise<D> {
    return this.tx.write(actor, (tx) => this.insertIn(actor, tx, values));
  }

  /** Creates the row and its audit entry inside the caller's transaction. */
  protected async insertIn(
    actor: Actor,
    { manager, audit }: WriteTx,
    values: Omit<Partial<E>, 'clinicId'>,
  ): Promise<D> {
    const row = await this.rows.insert(actor.clinicId, values, manager);
    const after = this.resource.toDto(row);
    await audit({ action: 'create', ...this.audited(row), before: null, after: snapshot(after) });
    return after;
  }

  /**
   * Applies the defined fields of `patch` (null is a value: it clears nullable fields).
   * `check` sees the row as it would be after the change and throws to refuse it.
   */
  protected patch(
    actor: Actor,
    id: string,
    patch: Partial<E>,
    check?: (merged: E, manager: EntityManager) => void | Promise<void>,
  ): Promise<D> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.rows.getForUpdate(actor.clinicId, id, manager);
      if (row.archivedAt) {
        throw new ConflictError(
          `${this.resource.label} ${this.resource.nameOf(row)} is archived; restore it before changing it`,
          'ARCHIVED',
        );
      }
      const before = snapshot(this.resource.toDto(row));
      const changes = Object.fromEntries(
        Object.entries(patch).filter(([, v]) => v !== undefined),
      ) as Partial<E>;
      await check?.({ ...row, ...changes }, manager);
      const updated = await this.rows.update(actor.clinicId, id, changes, manager);
      const after = this.resource.toDto(updated);
      await audit({ action: 'update', ...this.audited(row), before, after: snapshot(after) });
      return after;
    });
  }

  /**
   * DELETE: archives the row, unless something still uses it (409 IN_USE naming each user).
   * Nothing is deleted: the row stays readable by id and listable with includeArchived.
   */
  archive(actor: Actor, id: string): Promise<D> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.rows.getForUpdate(actor.clinicId, id, manager);
      const name = this.resource.nameOf(row);
      if (row.archivedAt) {
        throw new ConflictError(
          `${this.resource.label} ${name} is already archived`,
          'ALREADY_ARCHIVED',
        );
      }
      const usages = await this.rows.usages(row, manager);
      if (usages.length) throw new InUseError(inUseMessage(this.resource.label, name, usages));
      const before = snapshot(this.resource.toDto(row));
      const updated = await this.rows.update(
        actor.clinicId,
        id,
        { archivedAt: new Date() } as Partial<E>,
        manager,
      );
      const after = this.resource.toDto(updated);
      await audit({ action: 'archive', ...this.audited(row), before, after: snapshot(after) });
      return after;
    });
  }

  /** Undoes an archive. */
  restore(actor: Actor, id: string): Promise<D> {
    return this.tx.write(actor, async ({ manager, audit }) => {
      const row = await this.rows.getForUpdate(actor.clinicId, id, manager);
      if (!row.archivedAt) {
        throw new ConflictError(
          `${this.resource.label} ${this.resource.nameOf(row)} is not archived`,
          'NOT_ARCHIVED',
        );
      }
      const before = snapshot(this.resource.toDto(row));
      const updated = await this.rows.update(
        actor.clinicId,
        id,
        { archivedAt: null } as Partial<E>,
        manager,
      );
      const after = this.resource.toDto(updated);
      await audit({ action: 'restore', ...this.audited(row), before, after: snapshot(after) });
      return after;
    });
  }

  private audited(row: E) {
    return { entityType: this.resource.entityType, entityId: row.id };
  }
}

export function inUseMessage(label: string, name: string, usages: CatalogUsage[]): string {
  return `${label} ${name} is still used by ${firstFew(usages.map((u) => `${u.kind} ${u.label}`))}; nothing was changed`;
}

/** The first five of a list in a message, then how many more: `a, b, c, d, e and 3 more`. */
export function firstFew(items: readonly string[]): string {
  const shown = items.slice(0, 5);
  const more = items.length > shown.length ? ` and ${items.length - shown.length} more` : '';
  return `${shown.join(', ')}${more}`;
}
