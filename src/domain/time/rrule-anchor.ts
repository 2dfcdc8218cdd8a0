/**
 * The fixed DTSTART of the clinic's stored recurring windows. The planning format expands a
 * window without `from` from the document's `horizon.start`; the clinic's records have no
 * horizon of their own, and the server builds a different one for every booking check, plan
 * run and move search, so an `INTERVAL=2` rule would fall on different weeks for different
 * patients. A stored window without `from` therefore counts from RULE_EPOCH, Monday
 * 2001-01-01, whatever is being planned: "every other Monday" is the Mondays an even number
 * of weeks after it (2027-05-03, 2027-05-17, ...), a daily INTERVAL=3 rule every third day
 * from it, an INTERVAL=2 monthly rule January, March, ..., and a rule with no BYDAY /
 * BYMONTHDAY / BYMONTH takes Monday, the 1st, January. `from` picks other weeks.
 *
 * Expanding from 2001 every time would be slow, so the anchor handed to the expansion is the
 * last date on or before the expanded range that the rule's own period count puts at the start
 * of a period (a whole number of INTERVAL days, weeks, months or years after RULE_EPOCH): the
 * occurrences from there on are the same as from RULE_EPOCH. A rule with COUNT counts its
 * occurrences from RULE_EPOCH itself.
 */
import { RRule } from 'rrule';
import type { AvailabilityWindow } from '../planning/format';
import { dateParts, dayNumber, formatDay } from './local-date';

/** DTSTART of a stored recurring window without `from`. */
export const RULE_EPOCH = '2001-01-01';
const EPOCH_DAY = dayNumber(RULE_EPOCH);
const EPOCH_YEAR = 2001;

const dayOf = (year: number, month: number) =>
  Math.round(Date.UTC(year, month - 1, 1) / 86_400_000);

/**
 * The DTSTART (day number) to expand `rule` from, for occurrences on or after day `near`: the
 * same occurrences from `near` on as with DTSTART = RULE_EPOCH, and never after `near` unless
 * `near` is before RULE_EPOCH.
 */
export function ruleAnchorDay(rule: string, near: number): number {
  const options = RRule.parseString(rule.replace(/^RRULE:/i, ''));
  if (options.count != null || near <= EPOCH_DAY) return EPOCH_DAY;
  const interval = options.interval ?? 1;
  const whole = (n: number, step: number) => Math.floor(n / step) * step;
  switch (options.freq) {
    case RRule.DAILY:
      return EPOCH_DAY + whole(near - EPOCH_DAY, interval);
    case RRule.WEEKLY:
      return EPOCH_DAY + whole(near - EPOCH_DAY, 7 * interval);
    case RRule.MONTHLY: {
      const { year, month } = dateParts(near);
      const months = whole((year - EPOCH_YEAR) * 12 + month - 1, interval);
      return dayOf(EPOCH_YEAR + Math.floor(months / 12), (months % 12) + 1);
    }
    case RRule.YEARLY:
      return dayOf(EPOCH_YEAR + whole(dateParts(near).year - EPOCH_YEAR, interval), 1);
    default:
      return EPOCH_DAY;
  }
}

/**
 * Stored windows as a planning document over a horizon starting `horizonStart` must carry
 * them: each recurring window without `from` gets the `from` of ruleAnchorDay (on or before
 * the horizon, so its occurrences in the horizon are those counted from RULE_EPOCH); one whose
 * `until` is before that anchor has no occurrence in the horizon and is left out.
 */
export function anchoredWindows(
  windows: readonly AvailabilityWindow[],
  horizonStart: string,
): AvailabilityWindow[] {
  // The same list and horizon give the same (shared, not to be changed) window objects: a
  // booking check builds its problem once per candidate start, and the validator caches
  // expansions per window object (solution-check/clinic-time.ts).
  const perStart = anchoredCache.get(windows) ?? new Map<string, AvailabilityWindow[]>();
  anchoredCache.set(windows, perStart);
  const known = perStart.get(horizonStart);
  if (known) return known;
  const out = anchor(windows, horizonStart);
  perStart.set(horizonStart, out);
  return out;
}

const anchoredCache = new WeakMap<
  readonly AvailabilityWindow[],
  Map<string, AvailabilityWindow[]>
>();

function anchor(
  windows: readonly AvailabilityWindow[],
  horizonStart: string,
): AvailabilityWindow[] {
  const near = dayNumber(horizonStart);
  const out: AvailabilityWindow[] = [];
  for (const w of windows) {
    if ('date' in w || w.from !== undefined) {
      out.push(w);
      continue;
    }
    const from = ruleAnchorDay(w.rrule, near);
    if (w.until !== undefined && dayNumber(w.until) < from) continue;
    out.push({ ...w, from: formatDay(from) });
  }
  return out;
}
