/**
 * What a plan run was made from, recorded when the run is created and compared again at
 * commit: the clinic's settings, every staff member, room and session type (their last
 * change), the run's enrollments, and every appointment the problem read (the run's own and
 * every other one holding a resource in the horizon) with its status and version. Any
 * difference makes the run stale: its proposal may no longer fit. Pure.
 */
import type { FieldIssue } from '../errors';

export interface RunFingerprint {
  clinic: string;
  staff: Record<string, string>;
  rooms: Record<string, string>;
  sessionTypes: Record<string, string>;
  enrollments: Record<string, string>;
  /** id -> `status:version`. */
  appointments: Record<string, string>;
}

const PARTS: { key: Exclude<keyof RunFingerprint, 'clinic'>; what: string }[] = [
  { key: 'appointments', what: 'appointment' },
  { key: 'enrollments', what: 'enrollment' },
  { key: 'staff', what: 'staff member' },
  { key: 'rooms', what: 'room' },
  { key: 'sessionTypes', what: 'session type' },
];

/** One PLAN_RUN_STALE issue per change, e.g. `/appointments/<id>`: "appointment ... was added". */
export function fingerprintChanges(
  before: RunFingerprint,
  after: RunFingerprint,
  label: (kind: string, id: string) => string = (_k, id) => id,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (before.clinic !== after.clinic) {
    issues.push({
      pointer: '/clinic',
      code: 'PLAN_RUN_STALE',
      message: 'the clinic’s settings (time zone, slot grid or closures) changed',
    });
  }
  for (const { key, what } of PARTS) {
    const a = before[key];
    const b = after[key];
    for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (a[id] === b[id]) continue;
      const how =
        a[id] === undefined
          ? key === 'appointments'
            ? 'was booked'
            : 'was added'
          : b[id] === undefined
            ? 'was removed'
            : key === 'appointments'
              ? `changed (${a[id]} -> ${b[id]})`
              : 'changed';
      issues.push({
        pointer: `/${key}/${id}`,
        code: 'PLAN_RUN_STALE',
        message: `${what} ${label(key, id)} ${how} since the run was made`,
      });
    }
  }
  return issues;
}
