/**
 * The error codes appointments answer, in the shape of an error-code registry entry
 * (`status` when it is a problem's top-level code, `field` when it appears in errors[]).
 * Rule codes of the planner's validator that a booking can surface are listed too, so that
 * every `errors[].code` of a booking is a known one. Pure.
 */
export interface BookingCodeInfo {
  readonly status?: number;
  readonly field?: true;
  readonly meaning: string;
}

export const BOOKING_ERROR_CODES = {
  // Top level
  OVERLAP: { status: 409, meaning: 'The change overlaps an existing record' },
  RULE_VIOLATED: {
    status: 422,
    field: true,
    meaning: 'The booking would break a protocol, patient-day, calendar or staff-day rule',
  },
  ALREADY_BOOKED: {
    status: 409,
    field: true,
    meaning: 'This series index of the enrollment is already booked or done',
  },
  INVALID_STATUS_TRANSITION: {
    status: 409,
    meaning: 'Only a booked appointment can be cancelled, completed or marked a no-show',
  },
  APPOINTMENT_NOT_STARTED: {
    status: 409,
    meaning: 'Completed and no-show are for appointments that have started',
  },
  PRECONDITION_FAILED: {
    status: 412,
    meaning: 'If-Match names an older version; read the appointment again and retry',
  },
  PRECONDITION_REQUIRED: {
    status: 428,
    meaning: 'A change of an appointment needs If-Match with its ETag ("<version>")',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    field: true,
    meaning: 'The Idempotency-Key was used for a different request',
  },
  // The request's fields
  INVALID_INSTANT: {
    field: true,
    meaning: 'Not an ISO 8601 instant with an offset, or one whose date does not exist',
  },
  INVALID_IDEMPOTENCY_KEY: {
    field: true,
    meaning: 'The Idempotency-Key header is not 1–255 visible ASCII characters',
  },
  ENROLLMENT_NOT_ACTIVE: { field: true, meaning: 'Only active enrollments are booked' },
  INDEX_OUT_OF_RANGE: { field: true, meaning: 'The enrollment has fewer sessions in the series' },
  ROOM_REQUIRED: { field: true, meaning: 'The session type needs a room' },
  ROOM_NOT_NEEDED: { field: true, meaning: 'The session type takes no room' },
  ROOM_FEATURES: { field: true, meaning: 'The room lacks a feature the session type needs' },
  ROOM_ARCHIVED: { field: true, meaning: 'The room is archived' },
  STAFF_ROLE: { field: true, meaning: 'The person does not hold the role' },
  STAFF_MISSING: { field: true, meaning: 'A staff requirement is not filled' },
  STAFF_NOT_NEEDED: { field: true, meaning: 'No open requirement of the session takes this role' },
  STAFF_ONE_REQUIREMENT: {
    field: true,
    meaning:
      'One person fills at most one occupied requirement, and one place in a requirement (a present one may be held besides)',
  },
  STAFF_ARCHIVED: { field: true, meaning: 'The staff member is archived' },
  START_IN_PAST: { field: true, meaning: 'The session would start in the past' },
  // Conflicts (409 OVERLAP)
  PATIENT_BUSY: { field: true, meaning: 'The patient has another session at that time' },
  ROOM_FULL: { field: true, meaning: 'The room is at capacity at that time' },
  STAFF_BUSY: { field: true, meaning: 'The person is busy (or shared to the limit) then' },
  // Rules (422 RULE_VIOLATED): the booking's own, then the validator's
  GAP_HOURS: { field: true, meaning: 'Outside the series gap from the neighbouring session' },
  SERIES_ORDER: { field: true, meaning: "A series' sessions are numbered in time order" },
  OFFSET_RULE: { field: true, meaning: 'Breaks an offset rule of the protocol' },
  SPAN_DAYS: { field: true, meaning: 'The course would span more days than allowed' },
  FOLLOW_UP: {
    field: true,
    meaning: 'An anchor session of a followUp rule could no longer get a follow-up of its own',
  },
  STAFF_DAILY_SESSIONS: { field: true, meaning: "Over the person's sessions per day" },
  STAFF_DAILY_MINUTES: { field: true, meaning: "Over the person's minutes per day" },
  SLOT_GRID: { field: true, meaning: "Not on the clinic's slot grid" },
  OUTSIDE_PATIENT_WINDOW: { field: true, meaning: "Outside the enrollment's dates" },
  REST_DAY: { field: true, meaning: 'On a rest day of the protocol' },
  CLOSURE: { field: true, meaning: 'On a clinic closure' },
  PATIENT_UNAVAILABLE: { field: true, meaning: "Inside the patient's unavailability" },
  SERIES_DAYS: { field: true, meaning: 'On a weekday the series does not allow' },
  PATIENT_DAY_WINDOW: { field: true, meaning: 'Outside the patient day' },
  PATIENT_DAY_MAX_SESSIONS: { field: true, meaning: 'Over the patient day’s sessions' },
  PATIENT_DAY_MAX_MINUTES: { field: true, meaning: 'Over the patient day’s minutes' },
  PATIENT_MIN_BREAK: { field: true, meaning: "Less than the patient's break between sessions" },
  NOT_SAME_DAY: { field: true, meaning: 'Breaks a notSameDay rule' },
  SEPARATION: { field: true, meaning: 'Breaks a separation rule' },
  CONTINUITY: { field: true, meaning: 'Breaks a required continuity' },
  ROOM_UNAVAILABLE: { field: true, meaning: 'The room is not open then' },
  ROOM_TIME_OFF: { field: true, meaning: 'The room is closed then (time off)' },
  ROOM_CLOSURE: { field: true, meaning: 'The room would be used on a clinic closure' },
  STAFF_UNAVAILABLE: { field: true, meaning: 'The person does not work then' },
  STAFF_TIME_OFF: { field: true, meaning: 'The person is on time off then' },
  STAFF_CLOSURE: { field: true, meaning: 'The person would work on a clinic closure' },
} as const satisfies Record<string, BookingCodeInfo>;

export type BookingCode = keyof typeof BOOKING_ERROR_CODES;

export function isBookingCode(code: string): code is BookingCode {
  return Object.prototype.hasOwnProperty.call(BOOKING_ERROR_CODES, code);
}
