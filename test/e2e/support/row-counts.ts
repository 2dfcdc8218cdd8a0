import type { DataSource } from 'typeorm';

/**
 * Rows per table (migrations excepted): compare before and after a refused request to show
 * that it wrote nothing, not even an audit row.
 */
export async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables
      WHERE schemaname = current_schema() AND tablename <> 'migrations' ORDER BY tablename`,
  );
  if (tables.length === 0) return {};
  const counts: { t: string; n: number }[] = await dataSource.query(
    tables
      .map((t) => `SELECT '${t.tablename}' AS t, count(*)::int AS n FROM "${t.tablename}"`)
      .join(' UNION ALL '),
  );
  return Object.fromEntries(counts.map((c) => [c.t, Number(c.n)]));
}

/** Every table's latest `updated_at` (where it has one): catches a refused in-place update. */
export async function lastUpdates(dataSource: DataSource): Promise<Record<string, string>> {
  const tables: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND column_name = 'updated_at' ORDER BY table_name`,
  );
  if (tables.length === 0) return {};
  const rows: { t: string; u: string | null }[] = await dataSource.query(
    tables
      .map(
        (t) => `SELECT '${t.table_name}' AS t, max(updated_at)::text AS u FROM "${t.table_name}"`,
      )
      .join(' UNION ALL '),
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.u ?? '']));
}
