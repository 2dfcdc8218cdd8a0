/**
 * Occupancy of staff and rooms by placed sessions, with the checks of the
 * format: availability, exclusive vs shared (`maxConcurrent`) staff time, room
 * capacity with turnover, and staff per-day limits. Pure numbers.
 */
import { covers } from '../model/intervals';
import type { Model } from '../model/types';
import { OccurrenceTable } from './group-occurrences';

interface Occupation {
  s: number;
  e: number;
  /** maxConcurrent of the staff requirement (1: exclusive); room entries use 1. */
  mc: number;
  booking: number;
}

export class ResourceState {
  private readonly staffOcc: Occupation[][];
  private readonly roomOcc: Occupation[][];
  /** key staff * numDays + day → occupied intervals of sessions starting that day, by start. */
  private readonly staffDay = new Map<number, Array<[number, number]>>();
  /** Longest occupation so far: bounds the backward scan for overlaps. */
  private maxLen: number;
  /** Booked minutes per staff member (to spread new patients). */
  readonly load: number[];
  /** Number of occupations held (staff and room). */
  size = 0;
  /** Format 1.1 group occurrences held in this state (see group-occurrences). */
  readonly groups = new OccurrenceTable();

  constructor(private readonly model: Model) {
    this.staffOcc = model.staff.map(() => []);
    this.roomOcc = model.rooms.map(() => []);
    let maxLen = 1;
    for (const st of model.sessionTypes)
      maxLen = Math.max(maxLen, st.duration + (st.room?.turnover ?? 0));
    this.maxLen = maxLen;
    this.load = model.staff.map(() => 0);
  }

  private overlapping(list: Occupation[], s: number, e: number): Occupation[] {
    const out: Occupation[] = [];
    for (let i = this.firstAtOrAfter(list, e) - 1; i >= 0 && list[i].s > s - this.maxLen; i--)
      if (list[i].e > s) out.push(list[i]);
    return out;
  }

  private firstAtOrAfter(list: Occupation[], e: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].s < e) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Whether one more occupation [s, e) keeps every instant within its limit:
   * checked at s and at each overlapping start (the covering set only grows
   * there). `limit` is the new occupation's own limit; `useOwnLimits` also
   * applies each covering occupation's mc (shared staff).
   */
  private static fits(
    others: Occupation[],
    s: number,
    limit: number,
    useOwnLimits: boolean,
  ): boolean {
    for (let k = -1; k < others.length; k++) {
      const p = k < 0 ? s : others[k].s;
      if (k >= 0 && p <= s) continue;
      let count = 1;
      let m = limit;
      for (const o of others) {
        if (o.s <= p && o.e > p) {
          count++;
          if (useOwnLimits && o.mc < m) m = o.mc;
        }
      }
      if (count > m) return false;
    }
    return true;
  }

  staffFree(person: number, s: number, e: number, mc: number, day: number): boolean {
    const p = this.model.staff[person];
    if (!covers(p.free, s, e)) return false;
    const list = this.staffOcc[person];
    const end = this.firstAtOrAfter(list, e);
    let shared: Occupation[] | null = null;
    for (let i = end - 1; i >= 0 && list[i].s > s - this.maxLen; i--) {
      const o = list[i];
      if (o.e <= s) continue;
      if (mc <= 1 || o.mc <= 1) return false;
      (shared ??= []).push(o);
    }
    if (shared && !ResourceState.fits(shared, s, mc, true)) return false;
    if (p.maxSessionsPerDay !== Infinity || p.maxMinutesPerDay !== Infinity) {
      const list = this.staffDay.get(person * this.model.numDays + day) ?? [];
      if (list.length + 1 > p.maxSessionsPerDay) return false;
      if (p.maxMinutesPerDay !== Infinity && unionLengthWith(list, s, e) > p.maxMinutesPerDay)
        return false;
    }
    return true;
  }

  roomFree(room: number, s: number, e: number): boolean {
    const r = this.model.rooms[room];
    if (!covers(r.free, s, e)) return false;
    const others = this.overlapping(this.roomOcc[room], s, e);
    if (others.length === 0) return true;
    return ResourceState.fits(others, s, r.capacity, false);
  }

  addStaff(person: number, s: number, e: number, mc: number, day: number, booking: number): void {
    insertSorted(this.staffOcc[person], { s, e, mc, booking });
    this.size++;
    if (e - s > this.maxLen) this.maxLen = e - s;
    this.load[person] += e - s;
    const key = person * this.model.numDays + day;
    const list = this.staffDay.get(key);
    if (!list) this.staffDay.set(key, [[s, e]]);
    else {
      let i = list.length;
      while (i > 0 && list[i - 1][0] > s) i--;
      list.splice(i, 0, [s, e]);
    }
  }

  removeStaff(person: number, s: number, e: number, day: number, booking: number): void {
    removeEntry(this.staffOcc[person], s, booking);
    this.size--;
    this.load[person] -= e - s;
    const list = this.staffDay.get(person * this.model.numDays + day);
    if (list) {
      const i = list.findIndex(([a, b]) => a === s && b === e);
      if (i >= 0) list.splice(i, 1);
    }
  }

  addRoom(room: number, s: number, e: number, booking: number): void {
    insertSorted(this.roomOcc[room], { s, e, mc: 1, booking });
    this.size++;
    if (e - s > this.maxLen) this.maxLen = e - s;
  }

  removeRoom(room: number, s: number, booking: number): void {
    removeEntry(this.roomOcc[room], s, booking);
    this.size--;
  }
}

function insertSorted(list: Occupation[], o: Occupation): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].s <= o.s) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, o);
}

function removeEntry(list: Occupation[], s: number, booking: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].s < s) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < list.length && list[i].s === s; i++) {
    if (list[i].booking === booking) {
      list.splice(i, 1);
      return;
    }
  }
  throw new Error(`occupation not found: booking ${booking} at ${s}`);
}

/**
 * Total length of the union of `sorted` (by start) and [s, e), without
 * copying: the per-day limit check runs for every candidate start.
 */
export function unionLengthWith(
  sorted: ReadonlyArray<[number, number]>,
  s: number,
  e: number,
): number {
  let total = 0;
  let curS = 0;
  let curE = -Infinity;
  let extraLeft = true;
  let i = 0;
  while (i < sorted.length || extraLeft) {
    let a: number;
    let b: number;
    if (extraLeft && (i === sorted.length || s < sorted[i][0])) {
      a = s;
      b = e;
      extraLeft = false;
    } else {
      a = sorted[i][0];
      b = sorted[i][1];
      i++;
    }
    if (a > curE) {
      if (curE > curS) total += curE - curS;
      curS = a;
      curE = b;
    } else if (b > curE) curE = b;
  }
  if (curE > curS) total += curE - curS;
  return total;
}

/** Total length of the union of intervals. */
export function unionLength(list: Array<[number, number]>): number {
  const sorted = [...list].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let curS = 0;
  let curE = -Infinity;
  for (const [s, e] of sorted) {
    if (s > curE) {
      if (curE > curS) total += curE - curS;
      curS = s;
      curE = e;
    } else curE = Math.max(curE, e);
  }
  if (curE > curS) total += curE - curS;
  return total;
}
