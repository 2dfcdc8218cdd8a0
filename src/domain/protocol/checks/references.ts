/** Reference and range helpers shared by the rule and continuity checks. */
import type { HourRange } from '../../planning/format';
import { type CheckContext, isWellFormedHours, type SeriesEntry } from './context';

/** Looks a series up by id, reporting UNKNOWN_SERIES at `ptr` when it is missing. */
export function knownSeries(
  ctx: CheckContext,
  id: string,
  ptr: string,
  where: string,
): SeriesEntry | undefined {
  const entry = ctx.seriesById.get(id);
  if (!entry) {
    const ids = [...ctx.seriesById.keys()];
    ctx.findings.push({
      severity: 'error',
      code: 'UNKNOWN_SERIES',
      pointer: ptr,
      message: `${where} names series "${id}", which this protocol does not have.`,
      suggestion: ids.length > 0 ? `Use one of: ${ids.join(', ')}.` : 'Add the series first.',
    });
  }
  return entry;
}

export function hoursInvalid(
  ctx: CheckContext,
  hours: HourRange | undefined,
  ptr: string,
  what: string,
): boolean {
  if (isWellFormedHours(hours)) return false;
  ctx.findings.push({
    severity: 'error',
    code: 'HOUR_RANGE_INVALID',
    pointer: ptr,
    message: `${what}: hours.min ${hours?.min} is above hours.max ${hours?.max}.`,
    suggestion: 'Swap the bounds or correct one of them.',
  });
  return true;
}
