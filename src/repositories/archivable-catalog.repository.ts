import { DataSource, EntityManager, EntityTarget } from 'typeorm';
import { keysetAnchor } from './keyset';
import { TenantRepository, TenantRow } from './tenant.repository';

/** Catalog rows (staff, rooms, session types) are archived instead of deleted. */
export interface ArchivableRow extends TenantRow {
  archivedAt: Date | null;
}

/** Something that still uses a catalog row, named for the 409 IN_USE answer. */
export interface CatalogUsage {
  /** What kind of record uses it, e.g. `protocol`. */
  kind: string;
  id: string;
  /** Human-readable name of the user, e.g. `KAP intensive (version 2)`. */
  label: string;
}

export interface CatalogPageQuery {
  /** Rows to fetch (callers ask for one more than they show, to know whether more exist). */
  limit: number;
  /** Id of the last row of the previous page (cursors carry no names: staff names are personal). */
  afterId?: string;
  includeArchived: boolean;
}

/**
 * Tenant repository of an archivable catalog table, listed in (sort column, id) order with
 * keyset paging: stable under concurrent inserts, no OFFSET scans.
 */
export abstract class ArchivableCatalogRepository<
  E extends ArchivableRow,
> extends TenantRepository<E> {
  protected constructor(
    dataSource: DataSource,
    entity: EntityTarget<E>,
    label: string,
    /** Entity property the list is sorted by (a string column, e.g. `name`). */
    readonly sortKey: keyof E & string,
  ) {
    super(dataSource, entity, label);
  }

  async page(clinicId: string, query: CatalogPageQuery, manager?: EntityManager): Promise<E[]> {
    const after =
      query.afterId === undefined
        ? undefined
        : await keysetAnchor(this, clinicId, query.afterId, this.sortKey, manager);
    const qb = this.repo(manager)
      .createQueryBuilder('row')
      .where('row.clinicId = :clinicId', { clinicId });
    if (!query.includeArchived) qb.andWhere('row.archivedAt IS NULL');
    if (after) {
      qb.andWhere(`(row.${this.sortKey}, row.id) > (:afterKey, CAST(:afterId AS uuid))`, {
        afterKey: after[0],
        afterId: after[1],
      });
    }
    return qb
      .orderBy(`row.${this.sortKey}`, 'ASC')
      .addOrderBy('row.id', 'ASC')
      .limit(query.limit)
      .getMany();
  }

  /**
   * What still uses the row, checked before archiving it. Each resource says what counts
   * (future bookings of a room, protocol versions naming a session type); empty: unused.
   */
  abstract usages(row: E, manager: EntityManager): Promise<CatalogUsage[]>;
}
