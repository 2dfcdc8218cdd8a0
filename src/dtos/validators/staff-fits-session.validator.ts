import type { ValidationOptions } from 'class-validator';
import { defineConstraint } from './define-constraint';

interface RequirementLike {
  offsetMinutes?: unknown;
  durationMinutes?: unknown;
}

/** Index and interval of the first requirement reaching past the session's end. */
function firstOverrun(
  staff: unknown,
  session: unknown,
): { index: number; end: number } | undefined {
  if (!Array.isArray(staff) || typeof session !== 'number' || !(session > 0)) return undefined;
  for (let i = 0; i < staff.length; i++) {
    const req = staff[i] as RequirementLike | null;
    if (!req || typeof req !== 'object') continue;
    const offset = typeof req.offsetMinutes === 'number' ? req.offsetMinutes : 0;
    const duration =
      typeof req.durationMinutes === 'number' ? req.durationMinutes : session - offset;
    if (offset >= session || offset + duration > session)
      return { index: i, end: offset + Math.max(duration, 0) };
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
        ? `staff/${over.index} is needed until minute ${over.end}, but the session lasts ${String(session)} minutes`
        : '$property must fit within the session';
    },
    (v, args) =>
      firstOverrun(v, (args.object as Record<string, unknown>)[sessionField]) === undefined,
    options,
    [sessionField],
  );
