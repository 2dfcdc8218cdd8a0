/**
 * Every error code the API answers, in one typed list: a problem's top-level `code` (with its
 * HTTP status), a per-field `errors[].code`, a protocol-check finding's `code`, or several of
 * these. `ErrorCode` and its narrower unions are derived from it, so a code that is not listed
 * here does not compile. The same mistake has the same code on every route (the catalog, the
 * planner's problem check, the protocol check, the DTOs). docs/architecture.md's code list is
 * generated from this file (`npm run docs:errors`; a spec fails when they differ). Pure.
 */

import { BOOKING_ERROR_CODES } from '../booking/booking-codes';
import { PLAN_RUN_ERROR_CODES } from '../plan-runs/plan-run-codes';

export interface ErrorCodeInfo {
  /** HTTP status when it is a problem's top-level `code`; '4xx' for framework errors as raised. */
  readonly status?: number | '4xx';
  /** Appears as `errors[].code`, one issue of one field (by JSON pointer). */
  readonly field?: true;
  /** Reported by the static protocol check (`GET .../versions/{v}/check`) as a finding. */
  readonly finding?: true;
  /** One line: what the client did or what happened. */
  readonly meaning: string;
}

const BASE_CODES = {
  // Top-level: the request as a whole.
  INVALID_REQUEST: { status: 400, meaning: 'The request does not match its shape; see errors[]' },
  MALFORMED_JSON: { status: 400, meaning: 'The body is not valid JSON' },
  BAD_REQUEST: { status: 400, meaning: 'The body could not be read' },
  INVALID_API_KEY: { status: 401, meaning: 'The API key is unknown or revoked' },
  UNAUTHENTICATED: { status: 401, meaning: 'No API key was given' },
  FORBIDDEN: { status: 403, meaning: "The key's role does not allow this action" },
  NOT_FOUND: {
    status: 404,
    meaning: "No such record (or another clinic's, or a malformed or out-of-range id)",
  },
  ROUTE_NOT_FOUND: { status: 404, meaning: 'No such route' },
  FEED_NOT_FOUND: {
    status: 404,
    meaning: 'No calendar feed has this token (or its grace period after revocation is over)',
  },
  METHOD_NOT_ALLOWED: {
    status: 405,
    meaning: 'The route does not take this method; the Allow header lists those it takes',
  },
  CONFLICT: { status: 409, meaning: 'The request clashes with the current state' },
  DUPLICATE: {
    status: 409,
    field: true,
    meaning: 'A record with the same values exists; as a field issue, a list repeats an item',
  },
  OVERLAP: {
    status: 409,
    field: true,
    meaning: 'The change overlaps an existing record (as a field issue: which resource, when)',
  },
  IN_USE: { status: 409, meaning: 'Other records still use it; nothing was changed' },
  CONCURRENT_UPDATE: { status: 409, meaning: 'A concurrent transaction got in the way; retry' },
  ARCHIVED: { status: 409, meaning: 'The record is archived; restore it before changing it' },
  ALREADY_ARCHIVED: { status: 409, meaning: 'The record is already archived' },
  NOT_ARCHIVED: { status: 409, meaning: 'The record is not archived (nothing to restore)' },
  ALREADY_REVOKED: { status: 409, meaning: 'The API key is already revoked' },
  LAST_DIRECTOR_KEY: {
    status: 409,
    meaning:
      "The clinic's last active director key cannot be revoked; create another director key first",
  },
  FEED_REVOKED: { status: 409, meaning: 'The calendar feed is revoked; create a new one' },
  NAME_TAKEN: { status: 409, meaning: 'Another record of the clinic has this name or code' },
  DRAFT_EXISTS: { status: 409, meaning: 'The protocol already has a draft version' },
  ONLY_VERSION: { status: 409, meaning: 'The only version of a protocol cannot be deleted' },
  PROTOCOL_VERSION_FROZEN: { status: 409, meaning: 'A published version cannot be changed' },
  IN_OTHER_COHORT: { status: 409, meaning: 'The enrollment is already in another cohort' },
  COHORT_DATES_MISMATCH: {
    status: 409,
    field: true,
    meaning:
      "A member enrollment's earliestStart-latestEnd would share no day with its cohort's startDate-endDate",
  },
  SESSION_TYPE_BOOKED: {
    status: 409,
    field: true,
    meaning:
      'The session type has booked (or, in active enrollments, completed) sessions; its duration, staff, room and group are fixed',
  },
  SLOT_GRID_BOOKED: {
    status: 409,
    field: true,
    meaning:
      'Booked sessions to come start off the new slot grid; move or cancel them first (slotMinutes unchanged)',
  },
  TIME_ZONE_BOOKED: {
    status: 409,
    field: true,
    meaning:
      'Booked sessions to come would move to another local time in the new time zone; move or cancel them first (timeZone unchanged)',
  },
  SESSION_TYPE_ARCHIVED: {
    status: 409,
    meaning: 'A session type a template needs exists but is archived',
  },
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'The body is larger than the limit' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'The body is not application/json' },
  UNSUPPORTED_ENCODING: { status: 415, meaning: 'The body has an unsupported charset or encoding' },
  VALIDATION_FAILED: { status: 422, meaning: 'Valid shape, invalid meaning; see errors[]' },
  REPIN_REFUSED: {
    status: 422,
    meaning: 'A cohort re-pin was refused; errors[] and enrollments[] name each enrollment',
  },
  INVALID_PROBLEM: { status: 422, meaning: 'The planning problem failed its check; see errors[]' },
  PLAN_LIMIT_EXCEEDED: { status: 422, meaning: 'The planning problem is larger than allowed' },
  PROTOCOL_CHECK_FAILED: {
    status: 422,
    meaning: 'The protocol check found errors; the version was not published',
  },
  REFERENCE_NOT_FOUND: { status: 422, meaning: 'A referenced record does not exist' },
  HTTP_ERROR: { status: '4xx', meaning: 'Another client error raised by the framework' },
  INTERNAL_ERROR: { status: 500, meaning: 'Unexpected; no detail, quote the requestId' },
  PLANNER_INVALID_SOLUTION: {
    status: 500,
    meaning: "The planner's solution failed the independent validator (a bug; logged)",
  },
  SELF_CHECK_FAILED: { status: 500, meaning: 'The service caught its own result breaking a rule' },
  PLANNER_BUSY: { status: 503, meaning: "The planner's queue is full; retry after Retry-After" },
  SERVICE_BUSY: { status: 503, meaning: 'The service is busy; retry after Retry-After' },

  // Per field: the shape of a value.
  UNKNOWN_FIELD: {
    field: true,
    meaning: 'Not a field or query parameter here (also `__proto__` and friends)',
  },
  REQUIRED: { field: true, meaning: 'A required field is missing' },
  INVALID_TYPE: { field: true, meaning: 'Wrong JSON type (a string where a number belongs, ...)' },
  INVALID_BODY: { field: true, meaning: 'The body is JSON but not an object' },
  INVALID_CHARACTER: {
    field: true,
    meaning: 'A NUL, control character, DEL or lone surrogate; or a line break in a one-line text',
  },
  NESTING_TOO_DEEP: { field: true, meaning: 'Objects and arrays nest more than 32 levels' },
  OUT_OF_RANGE: { field: true, meaning: 'A number, length or item count outside its bounds' },
  NOT_ALLOWED: { field: true, meaning: 'Not one of the allowed values' },
  INVALID_FORMAT: { field: true, meaning: 'The text does not have the required format' },
  INVALID_UUID: { field: true, meaning: 'Not a UUID' },
  INVALID_VALUE: { field: true, meaning: 'A value the field cannot take' },
  INVALID_CURSOR: { field: true, meaning: 'The cursor is not one this API issued' },
  INVALID_HOST: {
    field: true,
    meaning:
      'The Host header is not host[:port] (feed URLs are built from it without FEED_BASE_URL)',
  },
  INVALID_TIME_ZONE: { field: true, meaning: 'Not an IANA time zone' },
  INVALID_RRULE: { field: true, meaning: 'Not an RFC 5545 recurrence rule the API accepts' },
  INVALID_DATE: { field: true, meaning: 'Not a YYYY-MM-DD date, or a date that does not exist' },
  INVALID_TIME: { field: true, meaning: 'Not a 24-hour HH:MM time' },
  INVALID_DATE_TIME: {
    field: true,
    meaning: 'Not a local YYYY-MM-DDTHH:MM date-time, or one whose date does not exist',
  },
  INVALID_WEEKDAY: { field: true, meaning: 'Not a weekday (MO, TU, ...)' },
  INVALID_OCCURRENCE: { field: true, meaning: 'Not "first", "last" or an index from 1' },
  INVALID_COUNTS: { field: true, meaning: 'Not a map of series ids to whole numbers 0-500' },
  END_NOT_AFTER_START: { field: true, meaning: 'An end that is not after its start' },
  RANGE_REVERSED: { field: true, meaning: 'A range whose upper end is below its lower end' },
  EXACTLY_ONE_REQUIRED: { field: true, meaning: 'Exactly one of these fields must be given' },
  FIELD_NOT_ALLOWED: { field: true, meaning: 'The field cannot be given together with another' },

  // Per field: the meaning of a value (catalog and planning problem alike).
  UNKNOWN_REFERENCE: { field: true, meaning: 'Refers to a record or id that does not exist' },
  DUPLICATE_ID: { field: true, meaning: 'An id is used twice in the same list' },
  COUNT_OUT_OF_RANGE: { field: true, meaning: "A session count outside the series' range" },
  STAFF_REQUIREMENT_EXCEEDS_SESSION: {
    field: true,
    finding: true,
    meaning: 'A staff requirement does not lie inside its session',
  },
  STAFF_ONLY_FOR_CLINICIAN: { field: true, meaning: 'Only clinician keys carry a staffId' },
  UNKNOWN_STAFF: { field: true, meaning: 'No staff member of the clinic has this id' },
  COHORT_PROTOCOL_MISMATCH: {
    field: true,
    meaning: "The enrollment's protocol version differs from the cohort's",
  },
  PATIENT_ARCHIVED: { field: true, meaning: 'The patient is archived' },
  PROTOCOL_ARCHIVED: { field: true, meaning: 'The protocol is archived' },
  PROTOCOL_VERSION_NOT_PUBLISHED: { field: true, meaning: 'The version is a draft' },
  REPIN_OTHER_PROTOCOL: {
    field: true,
    meaning: 'A cohort re-pin names a version of another protocol than the enrollment follows',
  },

  // Per field: the planning problem only (POST /v1/plans, npm run plan).
  UNSUPPORTED_FORMAT_VERSION: { field: true, meaning: 'Not a planning format version we read' },
  RULE_NEEDS_FORMAT_VERSION: {
    field: true,
    meaning: 'The rule type needs a later formatVersion',
  },
  INVALID_SLOT_MINUTES: { field: true, meaning: 'slotMinutes does not divide a day' },
  INDEX_OUT_OF_RANGE: { field: true, meaning: 'A session index beyond the series' },
  DUPLICATE_BOOKING: { field: true, meaning: 'The same session is booked twice' },
  PINNED_BOOKING_INVALID: {
    field: true,
    meaning: 'A pinned booking breaks a rule of the problem',
  },
  FIELD_NEEDS_FORMAT_VERSION: {
    field: true,
    meaning: 'The field is a format 1.1 addition; the document says formatVersion 1',
  },
  NOT_SUPPORTED_BY_PLANNER: {
    status: 422,
    field: true,
    meaning: 'A valid format 1.1 feature the planner cannot plan yet (named by pointer)',
  },
  DONE_SESSION_INVALID: {
    field: true,
    meaning: 'A done session breaks a rule that links it to the patient’s other sessions',
  },
  OCCURRENCE_NOT_GROUP: {
    field: true,
    meaning: 'An existing booking has an occurrence but its session type is not a group',
  },
  OCCURRENCE_MISMATCH: {
    field: true,
    meaning: 'Bookings of one group occurrence differ in start, room or staff',
  },
  LINKED_COUNT_CHAIN: {
    field: true,
    meaning: 'count.sameAs names a series whose count is itself linked (or a cycle)',
  },
  COUNT_OF_LINKED_SERIES: {
    field: true,
    meaning: 'A patient’s counts name a series whose count is linked (sameAs)',
  },
  HORIZON_TOO_LONG: { field: true, meaning: 'The horizon is longer than the limit' },
  TOO_MANY_PATIENTS: { field: true, meaning: 'More patients than the limit' },
  TIME_LIMIT_TOO_LARGE: { field: true, meaning: 'timeLimitMs above the limit' },

  // Protocol check findings (also errors[] when they stop a save or a publish).
  NO_SERIES: { field: true, finding: true, meaning: 'The protocol has no series' },
  DUPLICATE_SERIES_ID: { field: true, finding: true, meaning: 'Two series share an id' },
  UNKNOWN_SERIES: { field: true, finding: true, meaning: 'Names a series the protocol lacks' },
  UNKNOWN_SESSION_TYPE: {
    field: true,
    finding: true,
    meaning: 'Names a session type the clinic lacks',
  },
  UNKNOWN_RULE_TYPE: { field: true, finding: true, meaning: 'A rule type that does not exist' },
  COUNT_RANGE_INVALID: {
    field: true,
    finding: true,
    meaning: "A count range's min is above its max or its default outside it",
  },
  HOUR_RANGE_INVALID: { field: true, finding: true, meaning: 'An hour range that is empty' },
  COUNT_LINK_INVALID: {
    field: true,
    finding: true,
    meaning: 'count.sameAs names no series of the protocol, a linked one, or itself',
  },
  SPAN_RANGE_INVALID: { field: true, finding: true, meaning: 'A day-span range that is empty' },
  PATIENT_DAY_INVALID: {
    field: true,
    finding: true,
    meaning: "The patient day's limits contradict each other",
  },
  OCCURRENCE_OUT_OF_RANGE: {
    field: true,
    finding: true,
    meaning: 'Names an occurrence beyond the series count',
  },
  REST_DAYS_BLOCK_SERIES: {
    field: true,
    finding: true,
    meaning: 'Rest days leave a series no day',
  },
  DAYS_INCLUDE_REST_DAYS: { field: true, finding: true, meaning: "A series' days are rest days" },
  GAP_RANGE_IMPOSSIBLE: { field: true, finding: true, meaning: 'No gap in the range is possible' },
  WEEKDAYS_BLOCK_GAP: {
    field: true,
    finding: true,
    meaning: "The allowed weekdays rule out every gap in the series' range",
  },
  SPAN_TOO_SHORT_FOR_GAPS: {
    field: true,
    finding: true,
    meaning: 'The span cannot hold the series with its gaps',
  },
  SPAN_TOO_SHORT_FOR_SESSIONS: {
    field: true,
    finding: true,
    meaning: 'The span cannot hold all sessions',
  },
  PATIENT_DAY_TOO_SHORT: {
    field: true,
    finding: true,
    meaning: "A session is longer than the patient's day",
  },
  OFFSET_EXCEEDS_SPAN: {
    field: true,
    finding: true,
    meaning: 'An offset rule needs a longer span',
  },
  OFFSET_RULE_IMPOSSIBLE: { field: true, finding: true, meaning: 'An offset rule cannot be met' },
  FOLLOWUP_TARGETS_TOO_FEW: {
    field: true,
    finding: true,
    meaning: 'A follow-up rule has fewer targets than it needs',
  },
  FOLLOWUP_UNREACHABLE: { field: true, finding: true, meaning: 'A follow-up cannot be reached' },
  FOLLOWUP_CONFLICTS_NOT_SAME_DAY: {
    field: true,
    finding: true,
    meaning: 'A follow-up rule and a notSameDay rule contradict',
  },
  NOT_SAME_DAY_TOO_FEW_SERIES: {
    field: true,
    finding: true,
    meaning: 'A notSameDay rule names fewer than two series',
  },
  NOT_SAME_DAY_EXCEEDS_DAYS: {
    field: true,
    finding: true,
    meaning: 'A notSameDay rule needs more days than the span has',
  },
  SEPARATION_CONFLICTS_GAP: {
    field: true,
    finding: true,
    meaning: "A separation rule contradicts a series' gap",
  },
  SEPARATION_CONFLICTS_FOLLOWUP: {
    field: true,
    finding: true,
    meaning: 'A separation rule contradicts a follow-up rule',
  },
  SEPARATION_EXCEEDS_SPAN: {
    field: true,
    finding: true,
    meaning: 'A separation rule needs more days than the span has',
  },
  CONTINUITY_ROLE_NOT_IN_SERIES: {
    field: true,
    finding: true,
    meaning: "A continuity role is not among the series' staff requirements",
  },
  NO_STAFF_FOR_ROLE: {
    field: true,
    finding: true,
    meaning: 'Too few staff members hold a role the protocol needs',
  },
  NOT_ENOUGH_DISTINCT_STAFF: {
    field: true,
    finding: true,
    meaning: "A session's requirements need more different people than the clinic has",
  },
  NO_ROOM_WITH_FEATURES: {
    field: true,
    finding: true,
    meaning: 'No room has all the features a session type needs',
  },
} as const satisfies Record<string, ErrorCodeInfo>;

/** The registry: the codes above and the appointments' codes (src/domain/booking/booking-codes.ts). */
export const ERROR_CODES = {
  ...BOOKING_ERROR_CODES,
  ...PLAN_RUN_ERROR_CODES,
  ...BASE_CODES,
} as const satisfies Record<string, ErrorCodeInfo>;

type Registry = typeof ERROR_CODES;

/** Every code the API answers. */
export type ErrorCode = keyof Registry;

/** Codes that are a problem's top-level `code`. */
export type ProblemCode = {
  [K in ErrorCode]: Registry[K] extends { status: number | '4xx' } ? K : never;
}[ErrorCode];

/** Codes of one field's issue (`errors[].code`). */
export type FieldCode = {
  [K in ErrorCode]: Registry[K] extends { field: true } ? K : never;
}[ErrorCode];

/** Codes the protocol check reports as findings. */
export type FindingCode = {
  [K in ErrorCode]: Registry[K] extends { finding: true } ? K : never;
}[ErrorCode];

/** Whether `code` is in the registry (for codes read from elsewhere, e.g. a constraint name). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}

/** Whether `code` is a field issue's code. */
export function isFieldCode(code: string): code is FieldCode {
  return isErrorCode(code) && (ERROR_CODES[code] as ErrorCodeInfo).field === true;
}
