/**
 * What an enrollment must satisfy against the protocol version it pins: counts name series of
 * that version and lie within each series' count range. Pure.
 */
import type { FieldIssue } from '../errors';
import type { CountRange, Series } from '../planning/format';
import { isLinkedCount } from '../planning/format';
import { jsonPointer } from '../text/json-pointer';
import type { ProtocolDefinition } from './protocol-definition';

/** The series holding the count range: itself, or the one a linked count (format 1.1) names. */
function rangeOwner(series: Map<string, Series>, s: Series): Series | undefined {
  return isLinkedCount(s.count) ? series.get(s.count.sameAs) : s;
}

/**
 * Issues of `counts` (series id -> sessions) for the definition, pointing at
 * `/counts/<series id>`: UNKNOWN_REFERENCE for a series the version does not have,
 * COUNT_OF_LINKED_SERIES for a series whose count is linked to another's (format 1.1
 * `sameAs`: set that one instead), COUNT_OUT_OF_RANGE for a number outside the series' [min, max].
 */
export function countIssues(
  counts: Readonly<Record<string, number>>,
  definition: ProtocolDefinition,
): FieldIssue[] {
  const series = new Map(definition.series.map((s) => [s.id, s]));
  const issues: FieldIssue[] = [];
  for (const [id, n] of Object.entries(counts)) {
    const pointer = jsonPointer(['counts', id]);
    const s = series.get(id);
    if (!s) {
      const known = [...series.keys()].join(', ');
      issues.push({
        pointer,
        code: 'UNKNOWN_REFERENCE',
        message: `the protocol version has no series "${id}" (it has: ${known})`,
      });
    } else if (isLinkedCount(s.count)) {
      issues.push({
        pointer,
        code: 'COUNT_OF_LINKED_SERIES',
        message: `series "${id}" gets as many sessions as "${s.count.sameAs}"; set the count of "${s.count.sameAs}" instead`,
      });
    } else if (n < s.count.min || n > s.count.max) {
      issues.push({
        pointer,
        code: 'COUNT_OUT_OF_RANGE',
        message: `series "${id}" takes ${s.count.min}–${s.count.max} sessions; ${n} is outside that range`,
      });
    }
  }
  return issues;
}

/**
 * The sessions per series the enrollment gets: its counts, else each series' default, else
 * min; a linked series (format 1.1 `sameAs`) gets what the series it names gets.
 */
export function effectiveCounts(
  counts: Readonly<Record<string, number>>,
  definition: ProtocolDefinition,
): Record<string, number> {
  const series = new Map(definition.series.map((s) => [s.id, s]));
  const own = (s: Series | undefined): number => {
    const range = s && !isLinkedCount(s.count) ? (s.count as CountRange) : undefined;
    return range ? (counts[s!.id] ?? range.default ?? range.min) : NaN;
  };
  return Object.fromEntries(definition.series.map((s) => [s.id, own(rangeOwner(series, s))]));
}
