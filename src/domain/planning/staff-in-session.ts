/**
 * "A staff requirement lies inside its session": the one copy of the rule, used by the
 * session-type DTO, the session-type service, the protocol check and the planner's problem
 * check, all answering one code. Pure.
 */
import type { ErrorCode } from '../errors/error-codes';
import type { StaffRequirement } from './format';

export const STAFF_OUTSIDE_SESSION = 'STAFF_REQUIREMENT_EXCEEDS_SESSION' satisfies ErrorCode;

export type RequirementTiming = Pick<StaffRequirement, 'offsetMinutes' | 'durationMinutes'>;

/** Minutes of the session, `[start, end)` from its start, during which staff are needed. */
export interface RequirementMinutes {
  start: number;
  end: number;
}

/**
 * The minutes a requirement needs its staff: from `offsetMinutes` (default 0) for
 * `durationMinutes` (default: until the session ends).
 */
export function requirementMinutes(
  req: RequirementTiming,
  sessionMinutes: number,
): RequirementMinutes {
  const start = req.offsetMinutes ?? 0;
  return { start, end: start + (req.durationMinutes ?? sessionMinutes - start) };
}

/**
 * The requirement's minutes when they do not lie inside the session `[0, sessionMinutes)`
 * (starting before it, at or after its end, or ending after it); undefined when they do.
 */
export function staffOutsideSession(
  req: RequirementTiming,
  sessionMinutes: number,
): RequirementMinutes | undefined {
  const m = requirementMinutes(req, sessionMinutes);
  const inside = m.start >= 0 && m.start < sessionMinutes && m.end <= sessionMinutes;
  return inside ? undefined : m;
}

/** The message every caller gives, e.g. "the rn requirement runs from minute 100 to minute 130, outside the 120-minute session". */
export function staffOutsideSessionMessage(
  role: string,
  minutes: RequirementMinutes,
  sessionMinutes: number,
): string {
  return `the ${role} requirement runs from minute ${minutes.start} to minute ${minutes.end}, outside the ${sessionMinutes}-minute session`;
}
