/**
 * Validators for the wall-clock values of the planning format: local dates
 * (`YYYY-MM-DD`), local times (`HH:MM`, 24 h), local date-times
 * (`YYYY-MM-DDTHH:MM`), IANA zone names and RRULE values (RFC 5545, without
 * DTSTART). Pure functions, shared by the planning input checker and the
 * catalog API's DTO validation.
 */
import { DateTime, IANAZone } from 'luxon';
import { RRule, type Options as RRuleOptions } from 'rrule';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  return DateTime.fromObject({ year, month, day }, { zone: 'UTC' }).isValid;
}

/** `YYYY-MM-DD` naming a real calendar date. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** `HH:MM`, 24-hour clock, 00:00 to 23:59. */
export function isLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/** `YYYY-MM-DDTHH:MM` with a real calendar date and a 24-hour time. */
export function isLocalDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = LOCAL_DATE_TIME.exec(value);
  return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Minutes since 00:00 of an `HH:MM` value (assumed valid). */
export function localTimeToMinutes(value: string): number {
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

/** An IANA zone name luxon knows (`America/New_York`, `Asia/Kolkata`, `UTC`). */
export function isValidTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && IANAZone.isValidZone(value);
}

const WEEKDAY = '(MO|TU|WE|TH|FR|SA|SU)';
const SIGNED = (max: number) => (v: string) => {
  const m = /^[+-]?(\d{1,3})$/.exec(v);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= max;
};
const POSITIVE_INT = (v: string) => /^\d{1,6}$/.test(v) && Number(v) >= 1;
const list = (item: (v: string) => boolean) => (v: string) => v.split(',').every(item);

/** RRULE parts accepted in a window rule, with a check of each value. */
const PART_CHECKS: Record<string, (value: string) => boolean> = {
  FREQ: (v) => /^(DAILY|WEEKLY|MONTHLY|YEARLY)$/.test(v),
  INTERVAL: POSITIVE_INT,
  COUNT: POSITIVE_INT,
  UNTIL: (v) => {
    const m = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(v);
    return m !== null && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
  },
  BYDAY: list((v) => {
    const m = new RegExp(`^([+-]?\\d{1,2})?${WEEKDAY}$`).exec(v);
    return m !== null && (m[1] === undefined || SIGNED(53)(m[1]));
  }),
  BYMONTHDAY: list(SIGNED(31)),
  BYYEARDAY: list(SIGNED(366)),
  BYWEEKNO: list(SIGNED(53)),
  BYMONTH: list((v) => /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= 12),
  BYSETPOS: list(SIGNED(366)),
  WKST: (v) => new RegExp(`^${WEEKDAY}$`).test(v),
};

export type RruleParseResult =
  { ok: true; options: Partial<RRuleOptions> } | { ok: false; message: string };

/**
 * Parses an RRULE value such as `FREQ=WEEKLY;BYDAY=MO,WE,FR`. Occurrences of a
 * window rule are whole local dates, so the frequency must be DAILY or coarser
 * and BYHOUR/BYMINUTE/BYSECOND are refused; DTSTART and TZID are refused because
 * the start comes from the document and the zone from the clinic.
 */
export function parseRruleValue(value: unknown): RruleParseResult {
  if (typeof value !== 'string' || value.trim() === '') {
    return { ok: false, message: 'must be a non-empty RRULE value' };
  }
  if (/[\r\n]/.test(value)) return { ok: false, message: 'must be a single RRULE value line' };
  if (/DTSTART/i.test(value)) return { ok: false, message: 'must not contain DTSTART' };
  if (/TZID/i.test(value)) return { ok: false, message: 'must not contain TZID' };
  if (/^RRULE:/i.test(value)) return { ok: false, message: 'must be the value without "RRULE:"' };
  const seen = new Set<string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const partValue = eq < 0 ? '' : part.slice(eq + 1);
    const check = PART_CHECKS[name];
    if (check === undefined) {
      return { ok: false, message: `has an unsupported or unknown part "${name}"` };
    }
    if (seen.has(name)) return { ok: false, message: `repeats the part ${name}` };
    seen.add(name);
    if (!check(partValue))
      return { ok: false, message: `has an invalid ${name} value "${partValue}"` };
  }
  if (!seen.has('FREQ')) return { ok: false, message: 'must have a FREQ part' };
  if (seen.has('COUNT') && seen.has('UNTIL')) {
    return { ok: false, message: 'must not have both COUNT and UNTIL' };
  }
  try {
    const options = RRule.parseString(value);
    // Constructing the rule runs rrule's own option checks.
    new RRule(options);
    return { ok: true, options };
  } catch (error) {
    return { ok: false, message: `is not a valid RRULE: ${(error as Error).message}` };
  }
}
