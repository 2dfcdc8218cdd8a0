import type { ValidationOptions } from 'class-validator';
import {
  type RequirementMinutes,
  staffOutsideSession,
  staffOutsideSessionMessage,
} from '../../domain/planning/staff-in-session';
import { defineConstraint } from './define-constraint';

interface RequirementLike {
  role?: unknown;
  offsetMinutes?: unknown;
  durationMinutes?: unknown;
}

/** The first requirement not inside the session (src/domain/planning/staff-in-session.ts). */
function firstOverrun(
  staff: unknown,
  session: unknown,
): { index: number; role: string; minutes: RequirementMinutes } | undefined {
  if (!Array.isArray(staff) || typeof session !== 'number' || !(session > 0)) return undefined;
  for (let i = 0; i < staff.length; i++) {
    const req = staff[i] as RequirementLike | null;
    if (!req || typeof req !== 'object') continue;
    // Fields of the wrong type are reported by their own validators; judge the rest.
    const minutes = staffOutsideSession(
      {
        offsetMinutes: typeof req.offsetMinutes === 'number' ? req.offsetMinutes : undefined,
        durationMinutes: typeof req.durationMinutes === 'number' ? req.durationMinutes : undefined,
      },
      session,
    );
    const role = typeof req.role === 'string' ? req.role : 'staff';
    if (minutes) return { index: i, role, minutes };
  }
  return undefined;
}

/**
 * On a session type's `staff` array: each requirement's `offsetMinutes +
 * durationMinutes` fits within the sibling `durationMinutes` (the session).
 */
export const StaffFitsInSession = (sessionField = 'durationMinutes', options?: ValidationOptions) =>
  defineConstraint(
    'staffFitsSession',
    (args) => {
      const session = (args.object as Record<string, unknown>)[sessionField];
      const over = firstOverrun(args.value, session);
      return over
        ? `staff/${over.index}: ${staffOutsideSessionMessage(over.role, over.minutes, session as number)}`
        : '$property must fit within the session';
    },
    (v, args) =>
      firstOverrun(v, (args.object as Record<string, unknown>)[sessionField]) === undefined,
    options,
    [sessionField],
  );
