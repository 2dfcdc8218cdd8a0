/** Series counts for test factories, with format 1.1 linked counts (`{ sameAs }`) resolved. */
import type { CountRange, Protocol, Series } from '../../../src/domain/planning/format';
import { isLinkedCount } from '../../../src/domain/planning/format';

/** The series' own range, or that of the series its linked count names. */
export function countRange(protocol: Protocol, series: Series): CountRange {
  if (!isLinkedCount(series.count)) return series.count;
  const { sameAs } = series.count;
  const target = protocol.series.find((s) => s.id === sameAs);
  if (!target || isLinkedCount(target.count))
    throw new Error(`series ${series.id}: broken count link to ${sameAs}`);
  return target.count;
}

/** Sessions a patient with `counts` gets of the series (linked counts resolved). */
export function sessionsOf(
  protocol: Protocol,
  series: Series,
  counts: Record<string, number> | undefined,
): number {
  const owner = isLinkedCount(series.count)
    ? protocol.series.find((s) => s.id === (series.count as { sameAs: string }).sameAs)!
    : series;
  const range = countRange(protocol, owner);
  return counts?.[owner.id] ?? range.default ?? range.min;
}
