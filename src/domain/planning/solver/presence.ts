/**
 * Presence requirements (format 1.1 `mode: "present"`, "a physician on site
 * through recovery"): `count` distinct people holding the role are on duty for
 * the requirement's interval (their free time covers it: availability minus
 * time off, busy and closures), without being occupied by it. A present person
 * may hold any other assignment at the same time, including another
 * requirement of the same session, and presence counts toward no staff limit
 * nor continuity. Whether someone is on duty never depends on other bookings,
 * so presence is a static matter: it never enters the resource state, and
 * which on-duty person is named makes no difference to any other session.
 *
 * Presence requirements of a session with the same role and interval are
 * filled together with distinct people (the validator counts them as one
 * requirement of their summed count); others are independent.
 */
import { covers } from '../model/intervals';
import type { Model, SessionTypeModel } from '../model/types';

interface PresenceGroup {
  /** Requirement indices (all `present`, same role, offset and duration). */
  needs: number[];
  offset: number;
  duration: number;
  /** Summed count of the requirements. */
  total: number;
  candidates: readonly number[];
}

const cache = new WeakMap<SessionTypeModel, PresenceGroup[]>();

function groupsOf(st: SessionTypeModel): PresenceGroup[] {
  let groups = cache.get(st);
  if (!groups) {
    const byKey = new Map<string, PresenceGroup>();
    st.needs.forEach((n, ni) => {
      if (!n.present) return;
      const key = `${n.role}@${n.offset}+${n.duration}`;
      const g = byKey.get(key);
      if (g) {
        g.needs.push(ni);
        g.total += n.count;
      } else
        byKey.set(key, {
          needs: [ni],
          offset: n.offset,
          duration: n.duration,
          total: n.count,
          candidates: n.candidates,
        });
    });
    cache.set(st, (groups = [...byKey.values()]));
  }
  return groups;
}

/** Whether the session type has presence requirements. */
export function hasPresence(st: SessionTypeModel): boolean {
  return groupsOf(st).length > 0;
}

/** Whether `person` is on duty for [s, e). */
export function onDuty(model: Model, person: number, s: number, e: number): boolean {
  return covers(model.staff[person].free, s, e);
}

/** Whether enough people are on duty for every presence requirement of a session at `start`. */
export function presenceOk(model: Model, st: SessionTypeModel, start: number): boolean {
  for (const g of groupsOf(st)) {
    const s = start + g.offset;
    let found = 0;
    for (const p of g.candidates)
      if (onDuty(model, p, s, s + g.duration) && ++found === g.total) break;
    if (found < g.total) return false;
  }
  return true;
}

/**
 * Fills the presence requirements of a session at `start` into `staff` (per
 * requirement index, replacing what is there): on-duty people, those who
 * already hold an occupied requirement of the session first (the infusion's
 * prescriber also covers it), then in staff order. False when a requirement
 * cannot be filled (`staff` is then partly written).
 */
export function fillPresence(
  model: Model,
  st: SessionTypeModel,
  start: number,
  staff: number[][],
): boolean {
  const groups = groupsOf(st);
  if (groups.length === 0) return true;
  const inSession = new Set<number>();
  st.needs.forEach((n, ni) => {
    if (!n.present) for (const p of staff[ni] ?? []) inSession.add(p);
  });
  for (const g of groups) {
    const s = start + g.offset;
    const free = g.candidates.filter((p) => onDuty(model, p, s, s + g.duration));
    if (free.length < g.total) return false;
    const order = [
      ...free.filter((p) => inSession.has(p)),
      ...free.filter((p) => !inSession.has(p)),
    ];
    let at = 0;
    for (const ni of g.needs) {
      const count = st.needs[ni].count;
      staff[ni] = order.slice(at, at + count);
      at += count;
    }
  }
  return true;
}

/**
 * Whether `staff` (a kept booking's people) meets the session's presence
 * requirements at `start`: each requirement has `count` people holding the
 * role, on duty, distinct within their group.
 */
export function presenceValid(
  model: Model,
  st: SessionTypeModel,
  start: number,
  staff: ReadonlyArray<readonly number[] | undefined>,
): boolean {
  for (const g of groupsOf(st)) {
    const s = start + g.offset;
    const seen = new Set<number>();
    for (const ni of g.needs) {
      const people = staff[ni] ?? [];
      if (people.length !== st.needs[ni].count) return false;
      for (const p of people) {
        if (seen.has(p) || !g.candidates.includes(p)) return false;
        if (!onDuty(model, p, s, s + g.duration)) return false;
        seen.add(p);
      }
    }
  }
  return true;
}
