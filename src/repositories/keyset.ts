import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { invalidCursor, staleCursor } from '../domain/paging/cursor';
import { isLocalDate } from '../domain/time/local-values';
import { TenantRepository, TenantRow } from './tenant.repository';

/** An instant as the API writes it in cursors (`Date#toISOString`), and a real one. */
function isIssuedInstant(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
  const ms = Date.parse(value);
  return !Number.isNaN(ms) && new Date(ms).toISOString() === value;
}

/** Sort key of the last row of the previous page: [sort value, id]. */
export type KeysetAfter = [string, string];

/**
 * Orders by (column, id) and continues after the cursor: stable under concurrent inserts.
 * `column` is a property path of the alias (`row.displayName`); `cast` the SQL type of it.
 */
export function keysetPage<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  column: string,
  cast: 'text' | 'date' | 'timestamptz',
  after: KeysetAfter | undefined,
  limit: number,
): Promise<E[]> {
  const alias = qb.alias;
  // A cursor names a row by its sort value: one that cannot be that type names none.
  if (after && cast === 'date' && !isLocalDate(after[0])) throw invalidCursor();
  if (after && cast === 'timestamptz' && !isIssuedInstant(after[0])) throw invalidCursor();
  if (after) {
    qb.andWhere(
      `(${alias}.${column}, ${alias}.id) > (CAST(:afterKey AS ${cast}), CAST(:afterId AS uuid))`,
      { afterKey: after[0], afterId: after[1] },
    );
  }
  return qb
    .orderBy(`${alias}.${column}`, 'ASC')
    .addOrderBy(`${alias}.id`, 'ASC')
    .limit(limit)
    .getMany();
}

/**
 * The keyset position after the row an id-only cursor names: its current (sort value, id),
 * read from the clinic's table, so the cursor itself carries no personal data. An archived
 * row still anchors; one the clinic does not have (deleted, another clinic's) is 400
 * INVALID_CURSOR: the client lists again from the first page.
 */
export async function keysetAnchor<E extends TenantRow>(
  rows: TenantRepository<E>,
  clinicId: string,
  id: string,
  column: keyof E & string,
  manager?: EntityManager,
): Promise<KeysetAfter> {
  const row = await rows.find(clinicId, id, manager);
  if (!row) throw staleCursor();
  return [String(row[column]), row.id];
}
