/**
 * Which staff requirement of the session type each requested person fills, and the interval
 * and sharing capacity of that assignment. People fill the requirements of their role in
 * the order given (as the planning format reads existing bookings). Pure.
 */
import type { FieldIssue } from '../errors';
import type { SessionType } from '../planning/format';

export interface StaffPick {
  staffId: string;
  role: string;
}

export interface KnownStaff {
  name: string;
  roles: string[];
  archived: boolean;
}

export interface StaffSlot {
  staffId: string;
  role: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** The requirement's maxConcurrent (1: not shared). */
  cap: number;
  mode: 'occupied' | 'present';
}

const MINUTE_MS = 60_000;

export function assignStaff(
  type: SessionType,
  picks: readonly StaffPick[],
  start: number,
  people: ReadonlyMap<string, KnownStaff>,
): { ok: true; slots: StaffSlot[] } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const open = type.staff.map((r) => ({ r, left: r.count ?? 1 }));
  const slots: StaffSlot[] = [];
  const seen = new Set<string>();
  picks.forEach((pick, i) => {
    const pointer = `/staff/${i}`;
    const person = people.get(pick.staffId);
    if (!person) {
      issues.push({
        pointer: `${pointer}/staffId`,
        code: 'UNKNOWN_REFERENCE',
        message: `the clinic has no staff member ${pick.staffId}`,
      });
      return;
    }
    if (seen.has(pick.staffId)) {
      issues.push({
        pointer: `${pointer}/staffId`,
        code: 'STAFF_ONE_REQUIREMENT',
        message: `${person.name} is listed twice; one person fills at most one requirement of a session`,
      });
      return;
    }
    seen.add(pick.staffId);
    if (person.archived) {
      issues.push({
        pointer: `${pointer}/staffId`,
        code: 'STAFF_ARCHIVED',
        message: `${person.name} is archived; restore them before booking`,
      });
    }
    if (!person.roles.includes(pick.role)) {
      issues.push({
        pointer: `${pointer}/role`,
        code: 'STAFF_ROLE',
        message: `${person.name} does not hold the role ${pick.role} (holds: ${person.roles.join(', ')})`,
      });
    }
    const slot = open.find((o) => o.r.role === pick.role && o.left > 0);
    if (!slot) {
      const needed = type.staff.filter((r) => r.role === pick.role);
      issues.push({
        pointer: `${pointer}/role`,
        code: 'STAFF_NOT_NEEDED',
        message:
          needed.length === 0
            ? `${type.id} needs no ${pick.role}`
            : `${type.id} needs ${needed.reduce((n, r) => n + (r.count ?? 1), 0)} ${pick.role}; ${person.name} would be one more`,
      });
      return;
    }
    slot.left--;
    const offset = slot.r.offsetMinutes ?? 0;
    const from = start + offset * MINUTE_MS;
    const minutes = slot.r.durationMinutes ?? type.durationMinutes - offset;
    slots.push({
      staffId: pick.staffId,
      role: pick.role,
      start: from,
      end: from + minutes * MINUTE_MS,
      cap: slot.r.maxConcurrent ?? 1,
      // Format 1.1 cover: a `present` requirement keeps the person on duty, not occupied.
      mode: (slot.r as { mode?: string }).mode === 'present' ? 'present' : 'occupied',
    });
  });
  for (const o of open.filter((o) => o.left > 0)) {
    issues.push({
      pointer: '/staff',
      code: 'STAFF_MISSING',
      message: `${type.id} needs ${o.r.count ?? 1} ${o.r.role}; ${o.left} more to name`,
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, slots };
}
