/** A patient's placed sessions and their committing to the resource state. */
import type { ExistingModel, Model } from '../model/types';
import type { ResourceState } from './resource-state';

export interface PlacedSession {
  series: number;
  index: number;
  slot: number;
  start: number;
  day: number;
  room: number;
  /** Staff indices per requirement of the session type. */
  staff: number[][];
  existing: ExistingModel | null;
  /** A keepIfPossible booking that changed time, room or staff. */
  moved: boolean;
  /** Unique booking id in the resource state. */
  booking: number;
  /**
   * Group session types: the key of the occurrence the session is part of
   * (see group-occurrences); it holds the room and staff once for all its
   * participants. Absent for other session types.
   */
  occurrence?: string;
}

export interface PatientPlan {
  patient: number;
  sessions: PlacedSession[];
  moved: number;
  breaks: number;
  lastDay: number;
}

/** Lexicographic objective of one patient: moves, continuity breaks, last day. */
export function planKey(
  plan: Pick<PatientPlan, 'moved' | 'breaks' | 'lastDay'>,
): [number, number, number] {
  return [plan.moved, plan.breaks, plan.lastDay];
}

export function keyLess(a: [number, number, number], b: [number, number, number]): boolean {
  if (a[0] !== b[0]) return a[0] < b[0];
  if (a[1] !== b[1]) return a[1] < b[1];
  return a[2] < b[2];
}

export function occupySession(
  model: Model,
  state: ResourceState,
  p: number,
  s: PlacedSession,
): void {
  const proto = model.protocols[model.patients[p].protocol];
  const st = model.sessionTypes[proto.series[s.series].sessionType];
  if (s.occurrence !== undefined) {
    const init = { st: st.index, slot: s.slot, start: s.start, day: s.day, room: s.room };
    // Joining: the occurrence already holds its room and staff.
    const pinned = s.existing?.pinned === true;
    if (
      !state.groups.enter(s.occurrence, p, { ...init, staff: s.staff, booking: s.booking }, pinned)
    )
      return;
  }
  if (s.room >= 0 && st.room)
    state.addRoom(s.room, s.start, s.start + st.duration + st.room.turnover, s.booking);
  st.needs.forEach((need, ni) => {
    if (need.present) return; // on duty, not occupied
    for (const person of s.staff[ni])
      state.addStaff(
        person,
        s.start + need.offset,
        s.start + need.offset + need.duration,
        need.maxConcurrent,
        s.day,
        s.booking,
      );
  });
}

export function releaseSession(
  model: Model,
  state: ResourceState,
  p: number,
  s: PlacedSession,
): void {
  const proto = model.protocols[model.patients[p].protocol];
  const st = model.sessionTypes[proto.series[s.series].sessionType];
  let booking = s.booking;
  if (s.occurrence !== undefined) {
    const emptied = state.groups.leave(s.occurrence, p);
    // Others still take part: the occurrence keeps its room and staff.
    if (!emptied) return;
    booking = emptied.booking;
  }
  if (s.room >= 0 && st.room) state.removeRoom(s.room, s.start, booking);
  st.needs.forEach((need, ni) => {
    if (need.present) return;
    for (const person of s.staff[ni])
      state.removeStaff(
        person,
        s.start + need.offset,
        s.start + need.offset + need.duration,
        s.day,
        booking,
      );
  });
}

let nextBooking = 1;
export function newBookingId(): number {
  return nextBooking++;
}
