/**
 * The exclusive rooms' and people's free time for the frontier search
 * (frontier-search.ts). A room of capacity 1 or a person in no shared
 * (`maxConcurrent` > 1) or presence requirement is exclusive: its minutes
 * are used by one session at a time. The patients' sessions take at least
 * `demand` minutes of them (the requirements all of whose candidates are
 * exclusive), they have `supply` free minutes, so a complete schedule leaves
 * at most `slack` = supply - demand of them unused. Minutes left unused on
 * purpose, or in a free piece too short for any session that could use the
 * resource, are `waste`, which may not exceed the slack.
 */
import type { Model, SessionTypeModel, StaffNeed } from '../model/types';
import { covers, subtract, totalLength, type IntervalList } from '../model/intervals';

export interface Exclusive {
  kind: 'room' | 'person';
  index: number;
  /** Its free minutes not yet taken, as pieces. */
  free: IntervalList;
  /** Shortest use any session could make of it (a shorter free piece stays unused). */
  minUse: number;
  /** Its pool (see `ExclusiveTime.poolSlack`). */
  pool: number;
}

/** A use a session must make of exclusive time (see `ExclusiveTime.exclusiveUses`). */
export interface ExclusiveUse {
  candidates: Exclusive[];
  /** Minutes from the session's start to the use's. */
  offset: number;
  length: number;
  /** How many of the candidates it takes at once. */
  count: number;
}

export class ExclusiveTime {
  readonly list: Exclusive[] = [];
  private readonly rooms = new Map<number, Exclusive>();
  private readonly people = new Map<number, Exclusive>();
  readonly supply: number;
  readonly slack: number;
  waste = 0;
  /**
   * Slack per pool: exclusive resources joined when some requirement (a room
   * list or a staff need) whose candidates are all exclusive names both, so
   * every minute counted in `demand` falls in one pool; each pool leaves at
   * most its free minutes less its demand unused (the sum is `slack`).
   */
  readonly poolSlack: number[];
  /** Free minutes per pool. */
  readonly poolSupply: number[] = [];
  /** Unused minutes per pool so far (see `poolSlack`). */
  readonly poolWaste: number[] = [];
  /** Pools whose waste exceeds their slack. */
  private over = 0;
  private readonly usesByType = new Map<SessionTypeModel, ExclusiveUse[]>();

  /**
   * The exclusive time of the patients' clinic, with the pools whose slack is more than
   * `share` of their free minutes left out (their rooms and people counted as not
   * exclusive): the frontier search then follows only the time that must nearly all be used.
   */
  static tightPools(model: Model, patients: readonly number[], share: number): ExclusiveTime {
    const all = new ExclusiveTime(model, patients);
    const loose = new Set<string>();
    for (const ex of all.list)
      if (all.poolSlack[ex.pool] > share * all.poolSupply[ex.pool])
        loose.add(keyOf(ex.kind, ex.index));
    return loose.size ? new ExclusiveTime(model, patients, loose) : all;
  }

  /** `loose`: rooms and people (`keyOf`) to count as not exclusive. */
  constructor(model: Model, patients: readonly number[], loose?: ReadonlySet<string>) {
    const shared = new Set<number>();
    for (const st of model.sessionTypes)
      for (const need of st.needs)
        if (need.maxConcurrent > 1 || need.present) for (const q of need.candidates) shared.add(q);
    const minUse = new Map<string, number>();
    const note = (key: string, minutes: number) =>
      minUse.set(key, Math.min(minUse.get(key) ?? Infinity, minutes));
    for (const st of model.sessionTypes) {
      for (const r of st.room?.candidates ?? []) note(`r${r}`, st.duration + st.room!.turnover);
      for (const need of st.needs) for (const q of need.candidates) note(`s${q}`, need.duration);
    }
    let supply = 0;
    const add = (kind: 'room' | 'person', index: number, free: IntervalList) => {
      const use = minUse.get(keyOf(kind, index));
      if (use === undefined) return;
      const ex: Exclusive = { kind, index, free, minUse: use, pool: -1 };
      (kind === 'room' ? this.rooms : this.people).set(index, ex);
      this.list.push(ex);
      supply += totalLength(free);
    };
    model.rooms.forEach((room, r) => {
      if (room.capacity <= 1 && !loose?.has(keyOf('room', r))) add('room', r, room.free);
    });
    model.staff.forEach((person, q) => {
      if (!shared.has(q) && !loose?.has(keyOf('person', q))) add('person', q, person.free);
    });
    const pools = new Pools(this.list.length);
    const at = new Map(this.list.map((ex, i) => [ex, i]));
    const join = (list: Exclusive[]) => {
      for (const ex of list.slice(1)) pools.join(at.get(list[0])!, at.get(ex)!);
    };
    for (const st of model.sessionTypes) {
      const rooms = this.roomsOf(st);
      if (rooms) join(rooms);
      for (const need of st.needs) {
        const people = this.peopleOf(need);
        if (people) join(people);
      }
    }
    const poolOf = new Map<number, number>();
    for (const [i, ex] of this.list.entries()) {
      const root = pools.find(i);
      if (!poolOf.has(root)) {
        poolOf.set(root, this.poolSupply.length);
        this.poolSupply.push(0);
        this.poolWaste.push(0);
      }
      ex.pool = poolOf.get(root)!;
      this.poolSupply[ex.pool] += totalLength(ex.free);
    }
    this.poolSlack = this.poolSupply.slice();
    let demand = 0;
    const need = (ex: Exclusive, minutes: number) => {
      demand += minutes;
      this.poolSlack[ex.pool] -= minutes;
    };
    for (const p of patients) {
      const patient = model.patients[p];
      for (const series of model.protocols[patient.protocol].series) {
        const st = model.sessionTypes[series.sessionType];
        const count = patient.counts[series.index];
        for (const use of this.exclusiveUses(st))
          need(use.candidates[0], count * use.count * use.length);
      }
    }
    this.supply = supply;
    this.slack = supply - demand;
    this.over = this.poolSlack.filter((s) => s < 0).length;
  }

  /** Whether some pool has left more minutes unused than its slack (no complete schedule). */
  overspent(): boolean {
    return this.over > 0;
  }

  /** Whether leaving `minutes` more of ex unused keeps its pool within its slack. */
  canLeave(ex: Exclusive, minutes: number): boolean {
    return this.poolWaste[ex.pool] + minutes <= this.poolSlack[ex.pool];
  }

  private charge(ex: Exclusive, minutes: number): void {
    const p = ex.pool;
    const was = this.poolWaste[p] > this.poolSlack[p];
    this.poolWaste[p] += minutes;
    this.waste += minutes;
    const is = this.poolWaste[p] > this.poolSlack[p];
    if (is !== was) this.over += is ? 1 : -1;
  }

  /** The candidate rooms of st when it needs one and all of them are exclusive, else null. */
  private roomsOf(st: SessionTypeModel): Exclusive[] | null {
    return st.room ? this.allExclusive(st.room.candidates, this.rooms) : null;
  }

  /** The need's candidates when all of them are exclusive, else null. */
  private peopleOf(need: StaffNeed): Exclusive[] | null {
    return this.allExclusive(need.candidates, this.people);
  }

  private allExclusive(candidates: number[], map: Map<number, Exclusive>): Exclusive[] | null {
    const out: Exclusive[] = [];
    for (const c of candidates) {
      const ex = map.get(c);
      if (!ex) return null;
      out.push(ex);
    }
    return out.length ? out : null;
  }

  room(r: number): Exclusive | undefined {
    return this.rooms.get(r);
  }

  person(q: number): Exclusive | undefined {
    return this.people.get(q);
  }

  /** The resources whose first free minute is the earliest (none: all taken). */
  frontier(): Exclusive[] {
    let t = Infinity;
    let out: Exclusive[] = [];
    for (const ex of this.list) {
      if (!ex.free.length || ex.free[0] > t) continue;
      if (ex.free[0] < t) {
        t = ex.free[0];
        out = [];
      }
      out.push(ex);
    }
    return out;
  }

  /** Whether [s, e) is still free on ex (not taken, not left unused on purpose); true if not exclusive. */
  untouched(ex: Exclusive | undefined, s: number, e: number): boolean {
    return !ex || covers(ex.free, s, e);
  }

  /**
   * Takes [s, e) of ex (when exclusive); a piece it leaves too short for any
   * use is unused for good: taken too, and charged to the waste (once: the
   * frontier never reaches it). The undo.
   */
  take(ex: Exclusive | undefined, s: number, e: number): () => void {
    if (!ex) return () => {};
    const before = ex.free;
    const left = subtract(before, [s, e]);
    let [lo, hi] = [s, e];
    for (let i = 0; i < left.length; i += 2) {
      const len = left[i + 1] - left[i];
      if (len >= ex.minUse) continue;
      if (left[i + 1] === s) lo = left[i];
      else if (left[i] === e) hi = left[i + 1];
    }
    const wasted = s - lo + (hi - e);
    if (wasted) this.charge(ex, wasted);
    ex.free = lo === s && hi === e ? left : subtract(before, [lo, hi]);
    return () => {
      ex.free = before;
      if (wasted) this.charge(ex, -wasted);
    };
  }

  /** Leaves [s, e) of ex unused on purpose; the undo. */
  leave(ex: Exclusive, s: number, e: number): () => void {
    const before = ex.free;
    ex.free = subtract(before, [s, e]);
    this.charge(ex, e - s);
    return () => {
      ex.free = before;
      this.charge(ex, s - e);
    };
  }

  /**
   * The uses of st a complete schedule must make of exclusive time: its room and
   * each staff need (not presence) whose every candidate is exclusive.
   */
  exclusiveUses(st: SessionTypeModel): ExclusiveUse[] {
    let out = this.usesByType.get(st);
    if (out) return out;
    out = [];
    const rooms = this.roomsOf(st);
    if (rooms)
      out.push({ candidates: rooms, offset: 0, length: st.duration + st.room!.turnover, count: 1 });
    for (const need of st.needs) {
      const people = need.present ? null : this.peopleOf(need);
      if (people)
        out.push({
          candidates: people,
          offset: need.offset,
          length: need.duration,
          count: need.count,
        });
    }
    this.usesByType.set(st, out);
    return out;
  }

  /** Least offset of a use of st whose every candidate is exclusive (Infinity: none). */
  earliestOffset(st: SessionTypeModel): number {
    let off = Infinity;
    for (const use of this.exclusiveUses(st)) off = Math.min(off, use.offset);
    return off;
  }

  /**
   * How far the session's exclusive uses are from filling their free pieces
   * from the left: 3 per use leaving free time before it, 1 per use that
   * starts its piece but does not fill it (fewest first: on a clinic booked
   * to the minute the windows were made by sessions).
   */
  misfit(st: SessionTypeModel, start: number, room: number, staff: number[][]): number {
    let score = 0;
    const check = (ex: Exclusive | undefined, s: number, e: number) => {
      if (!ex) return;
      for (let i = 0; i < ex.free.length; i += 2)
        if (ex.free[i] <= s && s < ex.free[i + 1]) {
          if (ex.free[i] !== s) score += 3;
          else if (ex.free[i + 1] !== e) score += 1;
          return;
        }
    };
    if (st.room && room >= 0)
      check(this.rooms.get(room), start, start + st.duration + st.room.turnover);
    st.needs.forEach((need, ni) => {
      const s = start + need.offset;
      for (const q of staff[ni]) check(this.people.get(q), s, s + need.duration);
    });
    return score;
  }
}

function keyOf(kind: 'room' | 'person', index: number): string {
  return `${kind === 'room' ? 'r' : 's'}${index}`;
}

/** Union-find over resource positions (the pools). */
class Pools {
  private readonly parent: number[];

  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }

  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }

  join(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}
