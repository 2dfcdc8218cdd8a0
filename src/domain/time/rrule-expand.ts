/**
 * Expansion of an availability RRULE into local dates, in rrule's floating
 * mode (no tzid: DTSTART and bounds are wall-clock values whose UTC fields
 * are read back as the local date). With a tzid, rrule would shift occurrences
 * by the host's own zone; floating values are the same on every host.
 */
import { RRule, datetime } from 'rrule';
import { dateParts } from './local-date';

/**
 * Local dates (day numbers, ascending) on which `rule` occurs, starting
 * from `firstDay` (the DTSTART date) up to and including `lastDay`.
 */
export function expandRruleDays(rule: string, firstDay: number, lastDay: number): number[] {
  if (lastDay < firstDay) return [];
  const parsed = RRule.parseString(rule.replace(/^RRULE:/i, ''));
  const start = dateParts(firstDay);
  const end = dateParts(lastDay);
  const dtstart = datetime(start.year, start.month, start.day, 0, 0);
  const rr = new RRule({ ...parsed, dtstart, tzid: undefined });
  const until = datetime(end.year, end.month, end.day, 23, 59);
  const days = new Set<number>();
  for (const d of rr.between(dtstart, until, true)) days.add(Math.floor(d.getTime() / 86_400_000));
  return [...days].sort((a, b) => a - b);
}
