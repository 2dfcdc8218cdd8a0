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
const LEADING_DATE = /^((\d{4})-(\d{2})-(\d{2}))/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  return missingDateReason(year, month, day) === undefined;
}

/** `YYYY-MM-DD` naming a real calendar date. */
export function isLocalDate(value: unknown): value is string {
  return localDateProblem(value) === undefined;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * Why a `YYYY-MM-DD` that has the right shape names no calendar date ("February 2027 has 28
 * days"), or undefined when it exists. Values of the wrong shape are not judged here.
 */
function missingDateReason(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `there is no month ${month}`;
  const days = DateTime.fromObject({ year, month }, { zone: 'UTC' }).daysInMonth ?? 31;
  if (day >= 1 && day <= days) return undefined;
  return `${MONTHS[month - 1]} ${year} has ${days} days`;
}

/**
 * Why `value` is not a local date, for a message after the field name: "must be a local date
 * YYYY-MM-DD" or "2027-02-30 does not exist: February 2027 has 28 days"; undefined when valid.
 */
export function localDateProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) {
    return 'must be a local date YYYY-MM-DD';
  }
  return missingDateProblem(value);
}

/** As localDateProblem, for `YYYY-MM-DDTHH:MM`. */
export function localDateTimeProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !LOCAL_DATE_TIME.test(value)) {
    return 'must be a local date-time YYYY-MM-DDTHH:MM';
  }
  return missingDateProblem(value);
}

/**
 * "2027-02-30 does not exist: February 2027 has 28 days" when `text` starts with a
 * `YYYY-MM-DD` that names no calendar date (a date, a local date-time, an instant); undefined
 * when the date exists or `text` does not start with one. What follows the date is not judged.
 */
export function missingDateProblem(text: string): string | undefined {
  const m = LEADING_DATE.exec(text);
  if (!m) return undefined;
  const reason = missingDateReason(Number(m[2]), Number(m[3]), Number(m[4]));
  return reason && `${m[1]} does not exist: ${reason}`;
}

/** `HH:MM`, 24-hour clock, 00:00 to 23:59. */
export function isLocalTime(value: unknown): value is string {
  return typeof value === 'string' && LOCAL_TIME.test(value);
}

/** `YYYY-MM-DDTHH:MM` with a real calendar date and a 24-hour time. */
export function isLocalDateTime(value: unknown): value is string {
  return localDateTimeProblem(value) === undefined;
}

/** Minutes since 00:00 of an `HH:MM` value (assumed valid). */
export function localTimeToMinutes(value: string): number {
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}

/** `HH:MM` of minutes since 00:00 (`localTimeToMinutes`' inverse; 1440 is `24:00`). */
export function minutesToLocalTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** An IANA zone name luxon knows (`America/New_York`, `Asia/Kolkata`, `UTC`). */
export function isValidTimeZone(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && IANAZone.isValidZone(value);
}

let zonesByLowerCase: Map<string, string> | undefined;

/** A word of a zone name as IANA writes them: `Kolkata`, `McMurdo`, `US`, `EST5EDT`, `au`. */
const IANA_WORD = /^(?:[A-Z][a-z][A-Za-z]*|[A-Z]{1,3}|[A-Z0-9+]*\d[A-Z0-9+]*|[a-z]{1,3})$/;

function hasIanaCapitalisation(zone: string): boolean {
  return zone
    .split('/')
    .every((segment) =>
      segment.split(/[_-]/).every((w, i) => IANA_WORD.test(w) && (i > 0 || /^[A-Z]/.test(w))),
    );
}

/**
 * The zone's name as IANA spells it (`america/new_york` -> `America/New_York`), or undefined
 * for an unknown zone. luxon and Intl accept zone names in any case, so a clinic's zone is
 * stored in this form:
 * 1. a name of the runtime's list (`Intl.supportedValuesOf`), in any case: as listed;
 * 2. a name Intl resolves to itself (`utc` -> `UTC`, `etc/gmt+5` -> `Etc/GMT+5`);
 * 3. a link the runtime lists under its target (`Asia/Kolkata`, which ICU lists as
 *    `Asia/Calcutta`): kept as written when written in IANA's capitalisation (`Asia/Kolkata`,
 *    `US/Eastern`), otherwise the zone Intl resolves it to (`asia/kolkata` -> `Asia/Calcutta`).
 * Never a different zone: only the spelling changes.
 */
export function canonicalTimeZone(value: unknown): string | undefined {
  if (!isValidTimeZone(value)) return undefined;
  zonesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  const listed = zonesByLowerCase.get(value.toLowerCase());
  if (listed) return listed;
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  if (resolved.toLowerCase() === value.toLowerCase()) return resolved;
  return hasIanaCapitalisation(value) ? value : resolved;
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
