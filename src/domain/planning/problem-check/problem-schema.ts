/** The shape of a planning problem document (format versions 1 and 1.1). */
import { isValidTimeZone } from '../../time/local-values';
import { FORMAT_VERSIONS, type FormatVersion } from '../format';
import { isRuleType, RULE_TYPES, type RuleType } from '../rule-types';
import { child } from './errors';
import { opt, req, type Field, type Spec, walk } from './schema-walker';
import {
  hourRange,
  id,
  ids,
  localDate,
  localDateTime,
  localTime,
  nonNegativeInt,
  ordered,
  periods,
  positiveInt,
  weekdays,
  windows,
} from './schema-values';

const clinic: Spec = {
  kind: 'object',
  fields: {
    timeZone: req({
      kind: 'string',
      check: (v) =>
        isValidTimeZone(v)
          ? null
          : { code: 'INVALID_TIME_ZONE', message: `"${v}" is not an IANA time zone` },
    }),
    slotMinutes: opt({
      kind: 'custom',
      check: (v, at, errors) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || 1440 % v !== 0) {
          errors.add(
            at,
            'INVALID_SLOT_MINUTES',
            `slotMinutes must be a positive whole number of minutes dividing a day (1440), not ${JSON.stringify(v)}`,
          );
        }
      },
    }),
    closures: opt({ kind: 'array', items: localDate }),
  },
};

const staffMember: Spec = {
  kind: 'object',
  fields: {
    id: req(id),
    roles: req(ids),
    availability: opt(windows),
    timeOff: opt(periods),
    limits: opt({
      kind: 'object',
      fields: { maxSessionsPerDay: opt(positiveInt), maxMinutesPerDay: opt(positiveInt) },
    }),
  },
};

const room: Spec = {
  kind: 'object',
  fields: {
    id: req(id),
    features: opt(ids),
    capacity: opt(positiveInt),
    availability: opt(windows),
    timeOff: opt(periods),
  },
};

const sessionType: Spec = {
  kind: 'object',
  fields: {
    id: req(id),
    durationMinutes: req(positiveInt),
    room: req({
      kind: 'nullable',
      spec: {
        kind: 'object',
        fields: { features: req(ids), turnoverMinutes: opt(nonNegativeInt) },
      },
    }),
    staff: req({
      kind: 'array',
      items: {
        kind: 'object',
        fields: {
          role: req(id),
          count: opt(positiveInt),
          offsetMinutes: opt(nonNegativeInt),
          durationMinutes: opt(positiveInt),
          maxConcurrent: opt(positiveInt),
          mode: opt({ kind: 'enum', values: ['occupied', 'present'] }),
        },
      },
    }),
    group: opt({
      kind: 'object',
      fields: { min: req(positiveInt), max: req(positiveInt) },
      after: ordered('min', 'max', 'RANGE_REVERSED', true),
    }),
  },
};

const countRange: Spec = {
  kind: 'object',
  fields: { min: req(nonNegativeInt), max: req(nonNegativeInt), default: opt(nonNegativeInt) },
  after: (v, at, errors) => {
    const { min, max } = v as { min: number; max: number; default?: number };
    if (min > max)
      errors.add(
        child(at, 'max'),
        'COUNT_OUT_OF_RANGE',
        `max (${max}) must be at least min (${min})`,
      );
    else if (
      v.default !== undefined &&
      ((v.default as number) < min || (v.default as number) > max)
    ) {
      errors.add(
        child(at, 'default'),
        'COUNT_OUT_OF_RANGE',
        `default (${v.default}) must lie within [${min}, ${max}]`,
      );
    }
  },
};

/** Format 1.1: `{ "sameAs": "<series>" }`; otherwise a count range. */
const seriesCount: Spec = {
  kind: 'custom',
  check: (value, at, errors) =>
    walk(
      value,
      typeof value === 'object' && value !== null && 'sameAs' in value
        ? { kind: 'object', fields: { sameAs: req(id) } }
        : countRange,
      at,
      errors,
    ),
};

/** `max` is required; `min` (default: the series' gapHours.min) may not exceed it. */
const resumeGapHours: Spec = {
  kind: 'object',
  fields: { min: opt({ kind: 'number', min: 0 }), max: req({ kind: 'number', min: 0 }) },
  after: ordered('min', 'max', 'RANGE_REVERSED', true),
};

const rulePoint: Spec = {
  kind: 'object',
  fields: {
    series: req(id),
    occurrence: req({
      kind: 'custom',
      check: (v, at, errors) => {
        if (
          v !== 'first' &&
          v !== 'last' &&
          !(typeof v === 'number' && Number.isInteger(v) && v >= 1)
        ) {
          errors.add(
            at,
            'INVALID_OCCURRENCE',
            'occurrence must be "first", "last" or an index from 1',
          );
        }
      },
    }),
    point: req({ kind: 'enum', values: ['start', 'end'] }),
  },
};

/** One shape per rule type; a missing or extra type fails to compile. */
const ruleSpecs = {
  offset: {
    kind: 'object',
    fields: { type: req(id), from: req(rulePoint), to: req(rulePoint), hours: req(hourRange()) },
  },
  followUp: {
    kind: 'object',
    fields: {
      type: req(id),
      anchor: req(id),
      targets: req({ kind: 'array', items: id, minItems: 1 }),
      hours: req(hourRange(0)),
      sameDay: opt({ kind: 'boolean' }),
    },
  },
  notSameDay: {
    kind: 'object',
    fields: { type: req(id), series: req({ kind: 'array', items: id, minItems: 2 }) },
  },
  separation: {
    kind: 'object',
    fields: {
      type: req(id),
      series: req({ kind: 'array', items: id, minItems: 1 }),
      minHours: req({ kind: 'number', min: 0 }),
    },
  },
} satisfies Record<RuleType, Spec>;

/** A rule: its own type's shape; an unknown type is an error at `type`, never another type's shape. */
const rule: Spec = {
  kind: 'custom',
  check: (value, at, errors) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return walk(value, { kind: 'object', fields: {} }, at, errors);
    const type = (value as { type?: unknown }).type;
    if (type === undefined) return errors.add(child(at, 'type'), 'REQUIRED', '"type" is required');
    if (!isRuleType(type))
      return errors.add(
        child(at, 'type'),
        'NOT_ALLOWED',
        `unknown rule type ${JSON.stringify(type)}; type must be one of ${RULE_TYPES.map((t) => `"${t}"`).join(', ')}`,
      );
    walk(value, ruleSpecs[type], at, errors);
  },
};

const protocol: Spec = {
  kind: 'object',
  fields: {
    id: req(id),
    spanDays: opt({
      kind: 'object',
      fields: { min: opt(positiveInt), max: opt(positiveInt) },
      after: ordered('min', 'max', 'RANGE_REVERSED', true),
    }),
    series: req({
      kind: 'array',
      minItems: 1,
      items: {
        kind: 'object',
        fields: {
          id: req(id),
          sessionType: req(id),
          count: req(seriesCount),
          gapHours: opt(hourRange(0)),
          resumeGapHours: opt(resumeGapHours),
          days: opt(weekdays),
        },
      },
    }),
    rules: opt({ kind: 'array', items: rule }),
    patientDay: opt({
      kind: 'object',
      fields: {
        start: opt(localTime),
        end: opt(localTime),
        maxSessions: opt(positiveInt),
        maxMinutes: opt(positiveInt),
        minBreakMinutes: opt(nonNegativeInt),
      },
      after: ordered('start', 'end', 'END_NOT_AFTER_START'),
    }),
    restDays: opt(weekdays),
    continuity: opt({
      kind: 'array',
      items: {
        kind: 'object',
        fields: {
          series: req({ kind: 'array', items: id, minItems: 1 }),
          role: req(id),
          mode: req({ kind: 'enum', values: ['require', 'prefer'] }),
        },
      },
    }),
  },
};

const patient: Spec = {
  kind: 'object',
  fields: {
    id: req(id),
    protocol: req(id),
    counts: opt({ kind: 'record', values: nonNegativeInt }),
    earliestStart: opt(localDate),
    latestEnd: opt(localDate),
    unavailable: opt(periods),
  },
  after: ordered('earliestStart', 'latestEnd', 'RANGE_REVERSED', true),
};

const existing: Spec = {
  kind: 'object',
  fields: {
    id: req(id),
    patient: req(id),
    series: req(id),
    index: req(positiveInt),
    start: req(localDateTime),
    room: opt({ kind: 'nullable', spec: id }),
    staff: req({
      kind: 'array',
      items: { kind: 'object', fields: { id: req(id), role: req(id) } },
    }),
    mode: req({ kind: 'enum', values: ['pinned', 'keepIfPossible', 'done', 'missed'] }),
    occurrence: opt(id),
  },
};

const busy: Spec = {
  kind: 'object',
  fields: { resource: req(id), start: req(localDateTime), end: req(localDateTime) },
  after: ordered('start', 'end', 'END_NOT_AFTER_START'),
};

const root: Record<string, Field> = {
  formatVersion: req({
    kind: 'custom',
    check: (v, at, errors) => {
      if (!FORMAT_VERSIONS.includes(v as FormatVersion))
        errors.add(
          at,
          'UNSUPPORTED_FORMAT_VERSION',
          `formatVersion must be ${FORMAT_VERSIONS.join(' or ')}, not ${JSON.stringify(v)}`,
        );
    },
  }),
  clinic: req(clinic),
  horizon: req({
    kind: 'object',
    fields: { start: req(localDate), end: req(localDate) },
    after: ordered('start', 'end', 'RANGE_REVERSED', true),
  }),
  now: opt(localDateTime),
  staff: req({ kind: 'array', items: staffMember }),
  rooms: req({ kind: 'array', items: room }),
  sessionTypes: req({ kind: 'array', items: sessionType }),
  protocols: req({ kind: 'array', items: protocol }),
  patients: req({ kind: 'array', items: patient }),
  existing: opt({ kind: 'array', items: existing }),
  busy: opt({ kind: 'array', items: busy }),
  options: opt({
    kind: 'object',
    fields: {
      timeLimitMs: opt(positiveInt),
      seed: opt({ kind: 'integer', min: Number.MIN_SAFE_INTEGER }),
    },
  }),
};

export const PROBLEM_SPEC: Spec = { kind: 'object', fields: root };
