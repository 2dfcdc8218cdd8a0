/**
 * What an enrollment must satisfy against the protocol version it pins: counts name series of
 * that version and lie within each series' count range. Pure.
 */
import type { FieldIssue } from '../errors';
import { jsonPointer } from '../text/json-pointer';
import type { ProtocolDefinition } from './protocol-definition';

/**
 * Issues of `counts` (series id -> sessions) for the definition, pointing at
 * `/counts/<series id>`: UNKNOWN_REFERENCE for a series the version does not have,
 * COUNT_OUT_OF_RANGE for a number outside the series' [min, max].
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

/** The sessions per series the enrollment gets: its counts, else each series' default, else min. */
export function effectiveCounts(
  counts: Readonly<Record<string, number>>,
  definition: ProtocolDefinition,
): Record<string, number> {
  return Object.fromEntries(
    definition.series.map((s) => [s.id, counts[s.id] ?? s.count.default ?? s.count.min]),
  );
}
