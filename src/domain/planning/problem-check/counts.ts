/** Series counts with format 1.1 linked counts (`count: { sameAs }`) resolved. */
import type { CountRange, Protocol, Series } from '../format';
import { isLinkedCount } from '../format';

/**
 * The count range of a series: its own, or (linked count) that of the series
 * it names; undefined when the link is broken (reported by checkProtocol).
 */
export function countRangeOf(protocol: Protocol, series: Series): CountRange | undefined {
  if (!isLinkedCount(series.count)) return series.count;
  const target = protocol.series.find((s) => s.id === (series.count as { sameAs: string }).sameAs);
  return target && !isLinkedCount(target.count) ? target.count : undefined;
}

/** The sessions `patientCounts` gives a series (linked counts resolved); undefined when broken. */
export function patientCountOf(
  protocol: Protocol,
  series: Series,
  patientCounts: Record<string, number> | undefined,
): number | undefined {
  const own = isLinkedCount(series.count)
    ? protocol.series.find((s) => s.id === (series.count as { sameAs: string }).sameAs)
    : series;
  const range = own && countRangeOf(protocol, own);
  if (!own || !range) return undefined;
  return patientCounts?.[own.id] ?? range.default ?? range.min;
}
