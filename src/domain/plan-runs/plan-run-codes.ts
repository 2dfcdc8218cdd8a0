/**
 * The error codes plan runs answer, in the shape of an error-code registry entry (merged into
 * src/domain/errors/error-codes.ts). Pure.
 */
export interface PlanRunCodeInfo {
  readonly status?: number;
  readonly field?: true;
  readonly meaning: string;
}

export const PLAN_RUN_ERROR_CODES = {
  PLAN_RUN_STALE: {
    status: 409,
    field: true,
    meaning: 'What the plan run was made from changed since (named in errors[]); start a new run',
  },
  PLAN_RUN_NOT_READY: {
    status: 409,
    meaning: 'Only a succeeded plan run can be committed',
  },
  APPOINTMENT_NOT_RESOLVED: {
    field: true,
    meaning: 'A booked appointment of the run has started; mark it completed or no-show first',
  },
  APPOINTMENT_NEEDS_REPAIR: {
    field: true,
    meaning:
      'A booked appointment of the run no longer has its session type (or its length); plan with repair: true',
  },
  APPOINTMENT_OUTSIDE_PROTOCOL: {
    field: true,
    meaning:
      'A booked appointment of the run has no place in its pinned protocol version (its series was removed or its index is beyond the count); plan with repair: true, which proposes cancelling it',
  },
  APPOINTMENT_IN_REPEATED_HOUR: {
    field: true,
    meaning:
      'An appointment of the run starts in the second occurrence of the hour the clocks repeat (fall-back), which a plan cannot name; move it, or plan that course by hand',
  },
  OVERRIDE_NOT_PLANNABLE: {
    field: true,
    meaning:
      "A session of the run has a director's override of a rule a plan run cannot keep (only GAP_HOURS, SPAN_DAYS, SERIES_DAYS, REST_DAY); plan that course by hand, or move the session within the rules and plan again",
  },
  PLAN_RUN_FAILED: {
    field: true,
    meaning: 'The plan run failed (its error names why)',
  },
} as const satisfies Record<string, PlanRunCodeInfo>;
