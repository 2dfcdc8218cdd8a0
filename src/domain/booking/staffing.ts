/**
 * Which staff requirement of the session type each requested person fills, and the interval
 * and sharing capacity of that assignment. A pick fills the first open requirement of its
 * role (and of its `mode`, when given) that the same person does not already fill, in the
 * type's order; picks are read in the order given (as the planning format reads existing
 * bookings). One person fills at most one `occupied` requirement of a session; a `present`
 * requirement (format 1.1 cover) may be held besides any other, as the planning format and
 * the solution validator allow. Pure.
 */
import type { FieldIssue } from '../errors';
import type { SessionType } from '../planning/format';

export type StaffMode = 'occupied' | 'present';

export interface StaffPick {
  staffId: string;
  role: string;
  /** Which kind of requirement the pick fills; absent: the first open one of its role. */
  mode?: StaffMode;
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
  mode: StaffMode;
  /** Index of the pick (in the request's staff list) that fills it. */
  pick: number;
}

const MINUTE_MS = 60_000;

/** The mode of a staff requirement (format 1.1; default `occupied`). */
export const requirementMode = (r: SessionType['staff'][number]): StaffMode =>
  r.mode === 'present' ? 'present' : 'occupied';

export function assignStaff(
  type: SessionType,
  picks: readonly StaffPick[],
  start: number,
  people: ReadonlyMap<string, KnownStaff>,
): { ok: true; slots: StaffSlot[] } | { ok: false; issues: FieldIssue[] } {
  const byPick: FieldIssue[][] = picks.map(() => []);
  const open = type.staff.map((r) => ({ r, mode: requirementMode(r), left: r.count ?? 1 }));
  const slots: StaffSlot[] = [];
  /** Per person: the requirements they fill, and whether one of them is occupied. */
  const filled = new Map<string, { reqs: Set<(typeof open)[number]>; occupied: boolean }>();
  // Picks that name their mode go first, so that one without cannot take their requirement.
  const order = [
    ...picks.flatMap((p, i) => (p.mode !== undefined ? [i] : [])),
    ...picks.flatMap((p, i) => (p.mode === undefined ? [i] : [])),
  ];
  for (const i of order) {
    const pick = picks[i];
    const issues = byPick[i];
    const pointer = `/staff/${i}`;
    const person = people.get(pick.staffId);
    if (!person) {
      issues.push({
        pointer: `${pointer}/staffId`,
        code: 'UNKNOWN_REFERENCE',
        message: `the clinic has no staff member ${pick.staffId}`,
      });
      continue;
    }
    const firstMention = picks.findIndex((p) => p.staffId === pick.staffId) === i;
    const mine = filled.get(pick.staffId) ?? { reqs: new Set(), occupied: false };
    filled.set(pick.staffId, mine);
    if (person.archived && firstMention) {
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
    const fits = (o: (typeof open)[number]) =>
      o.r.role === pick.role && (pick.mode === undefined || o.mode === pick.mode);
    const slot = open.find((o) => fits(o) && o.left > 0 && !mine.reqs.has(o));
    if (!slot) {
      const again = [...mine.reqs].some(fits);
      const kind = pick.mode === undefined ? '' : ` ${pick.mode}`;
      const needed = type.staff.filter(
        (r) =>
          r.role === pick.role && (pick.mode === undefined || requirementMode(r) === pick.mode),
      );
      issues.push(
        again
          ? {
              pointer: `${pointer}/staffId`,
              code: 'STAFF_ONE_REQUIREMENT',
              message: `${person.name} is listed twice for one ${pick.role} requirement; its people must be distinct`,
            }
          : {
              pointer: `${pointer}/role`,
              code: 'STAFF_NOT_NEEDED',
              message:
                needed.length === 0
                  ? `${type.id} needs no${kind} ${pick.role}`
                  : `${type.id} needs ${needed.reduce((n, r) => n + (r.count ?? 1), 0)}${kind} ${pick.role}; ${person.name} would be one more`,
            },
      );
      continue;
    }
    slot.left--;
    mine.reqs.add(slot);
    if (slot.mode === 'occupied') {
      if (mine.occupied) {
        issues.push({
          pointer: `${pointer}/staffId`,
          code: 'STAFF_ONE_REQUIREMENT',
          message: `${person.name} already fills an occupied requirement of this session; one person fills at most one (a present requirement may be held besides it)`,
        });
      }
      mine.occupied = true;
    }
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
      mode: slot.mode,
      pick: i,
    });
  }
  const issues = byPick.flat();
  for (const o of open.filter((o) => o.left > 0)) {
    const kind = o.mode === 'present' ? ' present' : '';
    issues.push({
      pointer: '/staff',
      code: 'STAFF_MISSING',
      message: `${type.id} needs ${o.r.count ?? 1}${kind} ${o.r.role}; ${o.left} more to name`,
    });
  }
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, slots: slots.sort((a, b) => a.pick - b.pick) };
}
