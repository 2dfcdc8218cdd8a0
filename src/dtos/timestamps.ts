/** The instants every clinic-scoped resource reports, as ISO strings (UTC). */
export function timestampsOf(row: { createdAt: Date; updatedAt: Date }) {
  return { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

/** `archivedAt` (null while active), then `createdAt` and `updatedAt`. */
export function archivableTimestampsOf(row: {
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}) {
  return { archivedAt: row.archivedAt ? row.archivedAt.toISOString() : null, ...timestampsOf(row) };
}
