import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, invalidCursor } from '../dtos/page.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Sort key of the last row of the previous page: [sort value, id]. */
export type KeysetAfter = [string, string];

/** Decodes a `[sort value, uuid]` cursor issued by a list of this API (400 otherwise). */
export function keysetAfter(cursor: string | undefined): KeysetAfter | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  if (key.length !== 2 || typeof key[0] !== 'string' || typeof key[1] !== 'string') {
    throw invalidCursor();
  }
  if (!UUID.test(key[1])) throw invalidCursor();
  return [key[0], key[1]];
}

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
