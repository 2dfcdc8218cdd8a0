/**
 * Occupancy of staff and rooms for the naive booker: who is busy when, with
 * the format's capacity and shared-watch (maxConcurrent) rules, and an undo
 * log so a patient that fails leaves nothing behind.
 */
import type { Span } from './clinic-time';

/** An occupied interval; `share` is the requirement's maxConcurrent (1 = exclusive). */
export interface Busy extends Span {
  share: number;
}

const BUCKET = 1440;

export type Undo = () => void;

/** Intervals of one resource, bucketed by 24 h of epoch minutes for fast overlap queries. */
export class Timeline {
  private readonly buckets = new Map<number, Busy[]>();

  overlapping(s: number, e: number): Busy[] {
    const found: Busy[] = [];
    const first = Math.floor(s / BUCKET);
    const last = Math.floor((e - 1) / BUCKET);
    for (let b = first; b <= last; b++) {
      for (const x of this.buckets.get(b) ?? []) {
        // An interval listed in several buckets is taken in the first of them it shares with [s, e).
        if (x.s < e && x.e > s && (b === first || Math.floor(x.s / BUCKET) === b)) found.push(x);
      }
    }
    return found;
  }

  /** Whether any interval overlaps [s, e) (no list built: the exclusive case). */
  anyOverlapping(s: number, e: number): boolean {
    for (let b = Math.floor(s / BUCKET); b <= Math.floor((e - 1) / BUCKET); b++)
      for (const x of this.buckets.get(b) ?? []) if (x.s < e && x.e > s) return true;
    return false;
  }

  add(x: Busy): Undo {
    const keys: number[] = [];
    for (let b = Math.floor(x.s / BUCKET); b <= Math.floor((x.e - 1) / BUCKET); b++) {
      let list = this.buckets.get(b);
      if (!list) this.buckets.set(b, (list = []));
      list.push(x);
      keys.push(b);
    }
    return () => {
      for (const b of keys) {
        const list = this.buckets.get(b) as Busy[];
        list.splice(list.lastIndexOf(x), 1);
      }
    };
  }
}

/** Elementary segments of [s, e) cut at every start/end of `others`, each with the intervals active in it. */
function segments(s: number, e: number, others: Busy[]): Busy[][] {
  const cuts = new Set<number>([s, e]);
  for (const o of others) {
    if (o.s > s && o.s < e) cuts.add(o.s);
    if (o.e > s && o.e < e) cuts.add(o.e);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Busy[][] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    out.push(others.filter((o) => o.s < b && o.e > a));
  }
  return out;
}

/** Whether a person can take [s, e) with the given share (1 = exclusive) on top of what they hold. */
export function personCanTake(t: Timeline, s: number, e: number, share: number): boolean {
  if (share <= 1) return !t.anyOverlapping(s, e);
  const others = t.overlapping(s, e);
  if (others.length === 0) return true;
  if (others.some((o) => o.share <= 1)) return false;
  for (const active of segments(s, e, others)) {
    let limit = share;
    for (const o of active) limit = Math.min(limit, o.share);
    if (active.length + 1 > limit) return false;
  }
  return true;
}

/** Whether a room of `capacity` can hold one more session over [s, e). */
export function roomCanTake(t: Timeline, s: number, e: number, capacity: number): boolean {
  if (capacity <= 1) return !t.anyOverlapping(s, e);
  const others = t.overlapping(s, e);
  if (others.length < capacity) return true;
  for (const active of segments(s, e, others)) if (active.length + 1 > capacity) return false;
  return true;
}

/** Per person and local date: sessions and occupied intervals, for staff limits. */
export class DayLoad {
  private readonly days = new Map<number, { sessions: number; spans: Span[] }>();

  private day(d: number) {
    let v = this.days.get(d);
    if (!v) this.days.set(d, (v = { sessions: 0, spans: [] }));
    return v;
  }

  sessions(d: number): number {
    return this.days.get(d)?.sessions ?? 0;
  }

  /** Occupied minutes of the day (overlaps once) with `extra` added, clipped to [dayStart, dayEnd). */
  minutesWith(d: number, extra: Span[], dayStart: number, dayEnd: number): number {
    const spans = [...(this.days.get(d)?.spans ?? []), ...extra]
      .map((x) => ({ s: Math.max(x.s, dayStart), e: Math.min(x.e, dayEnd) }))
      .filter((x) => x.e > x.s)
      .sort((a, b) => a.s - b.s);
    let total = 0;
    let curS = -Infinity;
    let curE = -Infinity;
    for (const x of spans) {
      if (x.s > curE) {
        if (curE > curS) total += curE - curS;
        curS = x.s;
        curE = x.e;
      } else curE = Math.max(curE, x.e);
    }
    if (curE > curS) total += curE - curS;
    return total;
  }

  add(d: number, spans: Span[], countsAsSession: boolean): Undo {
    const v = this.day(d);
    if (countsAsSession) v.sessions++;
    v.spans.push(...spans);
    return () => {
      if (countsAsSession) v.sessions--;
      for (const x of spans) v.spans.splice(v.spans.lastIndexOf(x), 1);
    };
  }
}
