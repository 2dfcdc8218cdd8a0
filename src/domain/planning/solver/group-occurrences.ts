/**
 * Format 1.1 group sessions in the solver: the occurrences held in a
 * resource state. An occurrence has one start, one room and one set of staff;
 * it holds its resources once (under the booking of the session that opened
 * it) however many patients take part, and releases them when its last
 * participant leaves. A patient's session of a group series either opens an
 * occurrence (a normal assignment: room and staff must be free) or joins one
 * (no room or staff capacity used: only a free seat, `group.max`, and the
 * patient's own rules at its start).
 *
 * `group.min` is not checked here: while plans are built, an occurrence may
 * be below it (others join later). The planner counts a patient in an
 * occurrence below `min` as not scheduled and settles such occurrences at
 * the end (see planner-groups); from then on the state is `joinOnly`: a
 * search may not open an occurrence that would stay below `min`.
 */
import type { ExistingModel, Model, ProtocolModel, SessionTypeModel } from '../model/types';
import type { Assignment } from './assign';
import type { ResourceState } from './resource-state';

export interface Occurrence {
  key: string;
  /** Session type index. */
  st: number;
  slot: number;
  start: number;
  day: number;
  room: number;
  staff: number[][];
  /** The booking its room and staff are held under. */
  booking: number;
  /** Patient indices taking part. */
  participants: Set<number>;
  /** Nobody may join it any more (it is being dissolved: below min at the end). */
  closed: boolean;
  /** Participants whose session in it is a pinned booking (they cannot leave it). */
  pinned: Set<number>;
}

export type OccurrenceInit = Omit<Occurrence, 'key' | 'participants' | 'closed' | 'pinned'>;

export class OccurrenceTable {
  /**
   * When set, no new occurrence of a session type with `group.min` > 1 may be
   * opened (it would stay below min: plans are final).
   */
  joinOnly = false;
  private readonly byKey = new Map<string, Occurrence>();
  private readonly byDay = new Map<string, Occurrence[]>();

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): Occurrence | undefined {
    return this.byKey.get(key);
  }

  all(): IterableIterator<Occurrence> {
    return this.byKey.values();
  }

  /** Occurrences of session type st starting on day `day`. */
  onDay(st: number, day: number): readonly Occurrence[] {
    return this.byDay.get(`${st}:${day}`) ?? [];
  }

  /**
   * When set (while group-consolidate re-plans a cohort): the most
   * occurrences of group type `st` day `day` may hold; a search may open one
   * there only below it.
   */
  dayLimit: ((st: number, day: number) => number) | null = null;

  /** Whether a search may open a new occurrence of `st` on `day` (always for a non-group type). */
  mayOpen(st: SessionTypeModel, day: number): boolean {
    if (!st.group) return true;
    if (this.dayLimit && this.onDay(st.index, day).length >= this.dayLimit(st.index, day))
      return false;
    return !this.joinOnly || st.group.min <= 1;
  }

  /** Adds patient to occurrence `key`, creating it from `init`; true when it was created. */
  enter(key: string, patient: number, init: OccurrenceInit, pinned = false): boolean {
    const occ = this.byKey.get(key);
    if (occ) {
      if (occ.participants.has(patient))
        throw new Error(`patient ${patient} joins occurrence ${key} twice`);
      if (occ.start !== init.start || occ.st !== init.st)
        throw new Error(`occurrence ${key} joined at another start or session type`);
      occ.participants.add(patient);
      if (pinned) occ.pinned.add(patient);
      return false;
    }
    const created: Occurrence = {
      ...init,
      key,
      participants: new Set([patient]),
      closed: false,
      pinned: new Set(pinned ? [patient] : []),
    };
    this.byKey.set(key, created);
    const dayKey = `${init.st}:${init.day}`;
    const list = this.byDay.get(dayKey);
    if (list) list.push(created);
    else this.byDay.set(dayKey, [created]);
    return true;
  }

  /** Nobody may join occurrence `key` any more. */
  close(key: string): void {
    const occ = this.byKey.get(key);
    if (occ) occ.closed = true;
  }

  /** Removes patient from occurrence `key`; returns the occurrence when it is left empty (and gone). */
  leave(key: string, patient: number): Occurrence | null {
    const occ = this.byKey.get(key);
    if (!occ || !occ.participants.delete(patient))
      throw new Error(`patient ${patient} is not in occurrence ${key}`);
    occ.pinned.delete(patient);
    if (occ.participants.size > 0) return null;
    this.byKey.delete(key);
    const dayKey = `${occ.st}:${occ.day}`;
    const list = this.byDay.get(dayKey)!;
    list.splice(list.indexOf(occ), 1);
    if (list.length === 0) this.byDay.delete(dayKey);
    return occ;
  }
}

let nextOccurrence = 1;
/** A key for a new occurrence (solver-internal; the output names occurrences itself). */
export function newOccurrenceKey(): string {
  return `n:${nextOccurrence++}`;
}

/** The key of an existing booking's occurrence. */
export function existingOccurrenceKey(e: ExistingModel): string | undefined {
  return e.occurrence === null ? undefined : `x:${e.occurrence}`;
}

/** The problem's occurrence id behind a key of an existing occurrence; null for a new one. */
export function existingOccurrenceId(key: string): string | null {
  return key.startsWith('x:') ? key.slice(2) : null;
}

/**
 * Whether patient may take a seat in occ: free seat, not in it already, and
 * the people a continuity "require" group forces (per need, -1: none) are
 * the occurrence's.
 */
export function hasSeat(
  model: Model,
  occ: Occurrence,
  patient: number,
  forced: readonly number[] = [],
): boolean {
  const group = model.sessionTypes[occ.st].group;
  if (!group || occ.closed || occ.participants.size >= group.max || occ.participants.has(patient))
    return false;
  return forced.every((f, ni) => f < 0 || occ.staff[ni].includes(f));
}

/** The occurrences of st at `slot` patient may join. */
export function seatsAt(
  model: Model,
  table: OccurrenceTable,
  st: number,
  slot: number,
  patient: number,
  forced: readonly number[] = [],
): Occurrence[] {
  const start = model.slotStart[slot];
  return table
    .onDay(st, model.slotDay[slot])
    .filter((o) => o.start === start && hasSeat(model, o, patient, forced));
}

/** The assignment of joining occ. */
export function joinAssignment(occ: Occurrence): Assignment {
  return { room: occ.room, staff: occ.staff.map((x) => [...x]), occurrence: occ.key };
}

/** The occurrence key of a session of series si placed with `asg`: the joined one, else a new one (group types only). */
export function occurrenceOf(
  model: Model,
  proto: ProtocolModel,
  si: number,
  asg: Assignment,
): string | undefined {
  if (asg.occurrence !== undefined) return asg.occurrence;
  return model.sessionTypes[proto.series[si].sessionType].group ? newOccurrenceKey() : undefined;
}

/** `slots` with those where patient may join an occurrence of st first (each part in its order). */
export function joinsFirst(
  model: Model,
  state: ResourceState,
  patient: number,
  st: number,
  slots: number[],
): number[] {
  if (state.groups.size === 0) return slots;
  const seat = (slot: number) => seatsAt(model, state.groups, st, slot, patient).length > 0;
  return [...slots.filter(seat), ...slots.filter((slot) => !seat(slot))];
}
