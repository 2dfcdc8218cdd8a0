/**
 * Local periods that the spring-forward gap empties. The planning format reads a wall-clock
 * time that does not exist (the clocks jump over it) as moved forward by the gap
 * (docs/planning-format.md, "Time"), so a period starting in the gap can end up not before
 * its end: `2027-03-14T02:59`–`03:00` in New York is read as 03:59–03:00 EDT and blocks
 * nothing. Where people type periods (time off, unavailable), that is refused like any other
 * end not after its start (END_NOT_AFTER_START), saying which time does not exist. Pure.
 */
import type { FieldIssue } from '../errors';
import type { LocalPeriod } from '../planning/format';
import { parseLocalDateTime } from './local-date';
import { minutesToLocalTime } from './local-values';
import { localOf, placeLocal } from './zone';

/** The epoch minute the format reads a local date-time as, and whether it exists. */
function placed(value: string, zone: string): { at: number; exists: boolean; read: string } {
  const { day, minute } = parseLocalDateTime(value);
  const at = placeLocal(zone, day, minute);
  const back = localOf(zone, at);
  return {
    at,
    exists: back.day === day && back.minute === minute,
    read:
      back.day === day
        ? minutesToLocalTime(back.minute)
        : `${minutesToLocalTime(back.minute)} the next day`,
  };
}

/**
 * END_NOT_AFTER_START at `<pointer>/<i>/end` for each period whose start and end are in order
 * as written but not once a time in the spring-forward gap is moved forward. Periods already
 * out of order as written are left to the ordinary check.
 */
export function gapEmptiedPeriods(
  periods: readonly LocalPeriod[] | null | undefined,
  zone: string,
  pointer: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  (periods ?? []).forEach((p, i) => {
    if (!(p.start < p.end)) return;
    const [start, end] = [placed(p.start, zone), placed(p.end, zone)];
    if (end.at > start.at) return;
    const missing = [
      !start.exists &&
        `${p.start} does not exist in ${zone} (the clocks jump past it that day; it would be read as ${start.read})`,
      !end.exists &&
        `${p.end} does not exist in ${zone} (the clocks jump past it that day; it would be read as ${end.read})`,
    ].filter(Boolean);
    issues.push({
      pointer: `${pointer}/${i}/end`,
      code: 'END_NOT_AFTER_START',
      message: `end (${p.end}) must be after start (${p.start}): ${missing.join('; ')}, so the period holds no time; give times that exist on that day`,
    });
  });
  return issues;
}
