/** Value shapes of planning documents: local dates and times, RRULEs, ids, windows, ranges. */
import {
  isLocalDate,
  isLocalDateTime,
  isLocalTime,
  parseRruleValue,
} from '../../time/local-values';
import type { FieldCode } from '../../errors/error-codes';
import { WEEKDAYS } from '../format';
import { child, type ErrorList } from './errors';
import { req, opt, type Spec, walk } from './schema-walker';

export const localDate: Spec = {
  kind: 'string',
  check: (v) =>
    isLocalDate(v) ? null : { code: 'INVALID_DATE', message: `"${v}" is not a YYYY-MM-DD date` },
};
export const localTime: Spec = {
  kind: 'string',
  check: (v) =>
    isLocalTime(v) ? null : { code: 'INVALID_TIME', message: `"${v}" is not a 24-hour HH:MM time` },
};
export const localDateTime: Spec = {
  kind: 'string',
  check: (v) =>
    isLocalDateTime(v)
      ? null
      : {
          code: 'INVALID_DATE_TIME',
          message: `"${v}" is not a YYYY-MM-DDTHH:MM local date-time`,
        },
};
export const rrule: Spec = {
  kind: 'string',
  check: (v) => {
    const parsed = parseRruleValue(v);
    return parsed.ok ? null : { code: 'INVALID_RRULE', message: `RRULE "${v}" ${parsed.message}` };
  },
};
export const id: Spec = { kind: 'string' };
export const ids: Spec = { kind: 'array', items: id };
export const positiveInt: Spec = { kind: 'integer', min: 1 };
export const nonNegativeInt: Spec = { kind: 'integer', min: 0 };
export const weekdays: Spec = {
  kind: 'array',
  items: { kind: 'enum', values: WEEKDAYS, code: 'INVALID_WEEKDAY' },
};

/** `later` must be after `earlier` (both present and already valid). */
export function ordered(
  earlierKey: string,
  laterKey: string,
  code: FieldCode,
  allowEqual = false,
): (v: Record<string, unknown>, at: string, errors: ErrorList) => void {
  return (v, at, errors) => {
    const [a, b] = [v[earlierKey], v[laterKey]];
    if (a === undefined || b === undefined) return;
    const bad = allowEqual
      ? (a as string | number) > (b as string | number)
      : (a as string | number) >= (b as string | number);
    if (bad) {
      errors.add(
        child(at, laterKey),
        code,
        `${laterKey} (${b}) must be ${allowEqual ? 'on or after' : 'later than'} ${earlierKey} (${a})`,
      );
    }
  };
}

export const period: Spec = {
  kind: 'object',
  fields: { start: req(localDateTime), end: req(localDateTime) },
  after: ordered('start', 'end', 'END_NOT_AFTER_START'),
};

export const recurringWindow: Spec = {
  kind: 'object',
  fields: {
    rrule: req(rrule),
    start: req(localTime),
    end: req(localTime),
    from: opt(localDate),
    until: opt(localDate),
  },
  after: (v, at, errors) => {
    ordered('start', 'end', 'END_NOT_AFTER_START')(v, at, errors);
    ordered('from', 'until', 'RANGE_REVERSED', true)(v, at, errors);
  },
};
export const oneOffWindow: Spec = {
  kind: 'object',
  fields: { date: req(localDate), start: req(localTime), end: req(localTime) },
  after: ordered('start', 'end', 'END_NOT_AFTER_START'),
};
export const window: Spec = {
  kind: 'custom',
  check: (value, at, errors) => {
    if (
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !('rrule' in value) &&
      !('date' in value)
    ) {
      errors.add(at, 'REQUIRED', 'a window needs either "rrule" or "date"');
      return;
    }
    walk(
      value,
      typeof value === 'object' && value !== null && 'rrule' in value
        ? recurringWindow
        : oneOffWindow,
      at,
      errors,
    );
  },
};
export const windows: Spec = { kind: 'array', items: window };
export const periods: Spec = { kind: 'array', items: period };

export const hourRange = (min?: number): Spec => ({
  kind: 'object',
  fields: { min: opt({ kind: 'number', min }), max: opt({ kind: 'number', min }) },
  after: ordered('min', 'max', 'RANGE_REVERSED', true),
});
