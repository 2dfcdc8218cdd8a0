/**
 * Clinic checks: can the clinic's staff and rooms serve each session type the
 * protocol uses, and does each continuity role appear in its series?
 */
import type { SessionType, StaffRequirement } from '../../planning/format';
import {
  STAFF_OUTSIDE_SESSION,
  staffOutsideSession,
  staffOutsideSessionMessage,
} from '../../planning/staff-in-session';
import type { ProtocolCatalog } from '../protocol-finding';
import { pointer } from '../protocol-finding';
import { type CheckContext, plural, type SeriesEntry } from './context';
import { knownSeries } from './references';

export function checkResources(ctx: CheckContext): void {
  const firstUse = new Map<string, SeriesEntry[]>();
  for (const entry of ctx.series) {
    if (!entry.sessionType) continue;
    const list = firstUse.get(entry.sessionType.id) ?? [];
    list.push(entry);
    firstUse.set(entry.sessionType.id, list);
  }
  for (const users of firstUse.values()) checkSessionType(ctx, users[0].sessionType!, users);
  checkContinuity(ctx);
}

function usedBy(users: SeriesEntry[]): string {
  return users.length === 1
    ? `series "${users[0].series.id}"`
    : `series ${users.map((u) => `"${u.series.id}"`).join(', ')}`;
}

function checkSessionType(ctx: CheckContext, st: SessionType, users: SeriesEntry[]): void {
  const ptr = pointer('series', users[0].index, 'sessionType');
  const label = `Session type "${st.id}" (used by ${usedBy(users)})`;
  const staff = ctx.catalog.staff ?? [];
  const requirements = st.staff ?? [];
  let rolesOk = true;
  requirements.forEach((req) => {
    const count = req.count ?? 1;
    const holders = staff.filter((s) => (s.roles ?? []).includes(req.role)).length;
    if (holders < count) {
      rolesOk = false;
      ctx.findings.push({
        severity: 'error',
        code: 'NO_STAFF_FOR_ROLE',
        pointer: ptr,
        message:
          holders === 0
            ? `${label} needs ${plural(count, 'person', 'people')} with the role "${req.role}", and no staff member in the clinic has it.`
            : `${label} needs ${count} different people with the role "${req.role}", but only ${holders} staff ${holders === 1 ? 'member has' : 'members have'} it.`,
        suggestion: `Give the role "${req.role}" to ${count - holders} more staff ${count - holders === 1 ? 'member' : 'members'}, or change the session type.`,
      });
    }
    const outside = staffOutsideSession(req, st.durationMinutes);
    if (outside) {
      ctx.findings.push({
        severity: 'error',
        code: STAFF_OUTSIDE_SESSION,
        pointer: ptr,
        message: `${label}: ${staffOutsideSessionMessage(req.role, outside, st.durationMinutes)}.`,
        suggestion: 'Shorten the staff requirement or its offset, or lengthen the session.',
      });
    }
  });
  // Presence (format 1.1) occupies nobody: a present person may also fill another requirement.
  const occupied = requirements.filter((r) => r.mode !== 'present');
  if (rolesOk && !canStaff(occupied, ctx.catalog.staff ?? [])) {
    const total = occupied.reduce((s, r) => s + (r.count ?? 1), 0);
    ctx.findings.push({
      severity: 'error',
      code: 'NOT_ENOUGH_DISTINCT_STAFF',
      pointer: ptr,
      message: `${label} needs ${total} different people (${occupied.map((r) => `${r.count ?? 1} ${r.role}`).join(', ')}); one person fills at most one requirement of a session, and the clinic's staff cannot cover them all at once.`,
      suggestion:
        'Add staff for the roles that the same people are covering, or reduce the requirements.',
    });
  }
  if (st.room) {
    const features = st.room.features ?? [];
    const rooms = ctx.catalog.rooms ?? [];
    if (!rooms.some((room) => features.every((f) => (room.features ?? []).includes(f)))) {
      const partial = rooms
        .map((room) => ({
          room,
          missing: features.filter((f) => !(room.features ?? []).includes(f)),
        }))
        .sort((a, b) => a.missing.length - b.missing.length)[0];
      ctx.findings.push({
        severity: 'error',
        code: 'NO_ROOM_WITH_FEATURES',
        pointer: ptr,
        message:
          `${label} needs a room with ${features.map((f) => `"${f}"`).join(' and ')}, and no room in the clinic has ${features.length > 1 ? 'all of them' : 'it'}` +
          (partial
            ? ` (closest: "${partial.room.id}", missing ${partial.missing.join(', ')}).`
            : ' (the clinic has no rooms).'),
        suggestion: partial
          ? `Add ${partial.missing.map((f) => `"${f}"`).join(', ')} to room "${partial.room.id}" if it has it, or change the session type's room features.`
          : 'Add a room with those features.',
      });
    }
  }
}

/**
 * Whether distinct people can fill every slot of the requirements at once
 * (bipartite matching of requirement slots to staff by role; augmenting paths).
 */
export function canStaff(
  requirements: StaffRequirement[],
  staff: ProtocolCatalog['staff'],
): boolean {
  const slots = requirements.flatMap((r) => Array.from({ length: r.count ?? 1 }, () => r.role));
  if (slots.length > staff.length) return false;
  const personOf = new Array<number>(slots.length).fill(-1);
  const slotOf = new Array<number>(staff.length).fill(-1);
  const tryAssign = (slot: number, seen: boolean[]): boolean => {
    for (let p = 0; p < staff.length; p++) {
      if (seen[p] || !(staff[p].roles ?? []).includes(slots[slot])) continue;
      seen[p] = true;
      if (slotOf[p] === -1 || tryAssign(slotOf[p], seen)) {
        slotOf[p] = slot;
        personOf[slot] = p;
        return true;
      }
    }
    return false;
  };
  return slots.every((_, slot) => tryAssign(slot, new Array<boolean>(staff.length).fill(false)));
}

function checkContinuity(ctx: CheckContext): void {
  (ctx.protocol.continuity ?? []).forEach((group, g) => {
    const label = `Continuity group ${g + 1}`;
    const entries = (group.series ?? [])
      .map((id, j) => knownSeries(ctx, id, pointer('continuity', g, 'series', j), label))
      .filter((e): e is SeriesEntry => e !== undefined && e.sessionType !== undefined);
    if (entries.length === 0) return;
    // Presence (format 1.1) counts toward no continuity.
    const without = entries.filter(
      (e) =>
        !(e.sessionType!.staff ?? []).some(
          (req) => req.role === group.role && req.mode !== 'present',
        ),
    );
    if (without.length === 0) return;
    const none = without.length === entries.length;
    ctx.findings.push({
      severity: none ? 'error' : 'warning',
      code: 'CONTINUITY_ROLE_NOT_IN_SERIES',
      pointer: pointer('continuity', g, 'role'),
      message: none
        ? `${label} keeps the same "${group.role}" across ${usedBy(entries)}, but none of their session types needs a "${group.role}".`
        : `${label} keeps the same "${group.role}", but the session types of ${usedBy(without)} need no "${group.role}", so those sessions take no part in it.`,
      suggestion: none
        ? `Pick a role the session types need (${[...new Set(entries.flatMap((e) => (e.sessionType!.staff ?? []).map((r) => r.role)))].join(', ')}).`
        : `Remove ${usedBy(without)} from the group.`,
    });
  });
}
