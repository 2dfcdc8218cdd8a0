/**
 * Counting check of the joint search (joint-search.ts): the sessions its
 * patients still need, in minutes per pool of interchangeable resources (the
 * people holding a staff role; the rooms a session type may use), against the
 * free time left in that pool within the patients' days. A free stretch
 * counts only as much as sessions of that pool's durations can fill it (a
 * 45-minute gap holds no 60-minute session), so a placement that leaves
 * unusable gaps in a clinic without slack is cut at once.
 *
 * A relaxation, so every cut is sound: a person with several roles counts in
 * each, a room of capacity c counts c times, daily limits, the slot grid and
 * the patients' own rules are ignored. Pools the count cannot bound (shared
 * staff, people only present, group sessions) are not checked.
 */
import type { IntervalList } from '../model/intervals';
import type { Model } from '../model/types';
import type { PlacedSession } from './patient-plan';
import type { ResourceState } from './resource-state';

/** Stretches at least this long count in full (the knapsack table stops here). */
const KNAPSACK_MINUTES = 1440;

interface Pool {
  staff: boolean;
  members: number[];
  /** Per member: how many sessions it holds at once (room capacity; 1 for staff). */
  mult: number[];
  durations: Set<number>;
  /** Per length below KNAPSACK_MINUTES: the most minutes sessions of `durations` fill. */
  fill: Int32Array | null;
  /** Minutes still needed. */
  demand: number;
  checked: boolean;
}

export class JointCapacity {
  private readonly pools: Pool[] = [];
  private readonly byKey = new Map<string, Pool>();
  /** Per session type: the pool of each staff need (null: not counted) and of its room. */
  private readonly uses = new Map<number, { pool: Pool; minutes: number }[]>();
  private readonly lo: number;
  private readonly hi: number;

  /**
   * `patients` are the ones searched together; `sessionsToPlace(p)` lists, per
   * series, how many sessions of it p still needs placed.
   */
  constructor(
    private readonly model: Model,
    private readonly state: ResourceState,
    patients: readonly number[],
    sessionsToPlace: (p: number) => number[],
  ) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const q of patients) {
      const patient = model.patients[q];
      lo = Math.min(lo, model.dayStartAt[patient.firstDay]);
      hi = Math.max(hi, model.dayStartAt[patient.lastDay + 1]);
      const proto = model.protocols[patient.protocol];
      const counts = sessionsToPlace(q);
      proto.series.forEach((series, si) => {
        for (const use of this.usesOf(series.sessionType))
          use.pool.demand += use.minutes * (counts[si] ?? 0);
      });
    }
    this.lo = lo;
    this.hi = hi;
    for (const pool of this.pools) {
      if (!pool.checked) continue;
      pool.fill = fillTable([...pool.durations]);
    }
  }

  private usesOf(stIndex: number): { pool: Pool; minutes: number }[] {
    let list = this.uses.get(stIndex);
    if (list) return list;
    list = [];
    const st = this.model.sessionTypes[stIndex];
    const grouped = st.group !== null;
    for (const need of st.needs) {
      const pool = this.pool(`s:${need.role}`, true, need.candidates, () => 1);
      if (need.present || need.maxConcurrent !== 1 || grouped) pool.checked = false;
      pool.durations.add(need.duration);
      list.push({ pool, minutes: need.duration * need.count });
    }
    if (st.room) {
      const minutes = st.duration + st.room.turnover;
      const pool = this.pool(
        `r:${st.room.candidates.join(',')}`,
        false,
        st.room.candidates,
        (r) => this.model.rooms[r].capacity,
      );
      if (grouped) pool.checked = false;
      pool.durations.add(minutes);
      list.push({ pool, minutes });
    }
    this.uses.set(stIndex, list);
    return list;
  }

  private pool(key: string, staff: boolean, members: number[], mult: (m: number) => number): Pool {
    let pool = this.byKey.get(key);
    if (!pool) {
      pool = {
        staff,
        members,
        mult: members.map(mult),
        durations: new Set(),
        fill: null,
        demand: 0,
        checked: true,
      };
      this.byKey.set(key, pool);
      this.pools.push(pool);
    }
    return pool;
  }

  /** One session of patient p placed (sign 1) or taken back (-1). */
  placed(p: number, session: PlacedSession, sign: 1 | -1): void {
    const proto = this.model.protocols[this.model.patients[p].protocol];
    for (const use of this.usesOf(proto.series[session.series].sessionType))
      use.pool.demand -= sign * use.minutes;
  }

  /** Whether every checked pool's free time can still hold what is needed of it. */
  ok(): boolean {
    for (const pool of this.pools) {
      if (!pool.checked || pool.demand <= 0) continue;
      if (!this.enough(pool)) return false;
    }
    return true;
  }

  private enough(pool: Pool): boolean {
    let supply = 0;
    for (let i = 0; i < pool.members.length; i++) {
      const m = pool.members[i];
      const free = pool.staff ? this.model.staff[m].free : this.model.rooms[m].free;
      const busy = pool.staff ? this.state.staffBusy(m) : this.state.roomBusy(m);
      supply +=
        pool.mult[i] === 1
          ? usable(free, busy, this.lo, this.hi, pool.fill!)
          : sharedMinutes(free, busy, this.lo, this.hi, pool.mult[i]);
      if (supply >= pool.demand) return true;
    }
    return false;
  }
}

/** Minutes of `free` ∩ [lo, hi) outside `busy` that sessions can fill, stretch by stretch. */
export function usable(
  free: IntervalList,
  busy: ReadonlyArray<{ readonly s: number; readonly e: number }>,
  lo: number,
  hi: number,
  fill: Int32Array,
): number {
  const fits = (len: number): number => (len >= fill.length ? len : fill[len]);
  let total = 0;
  let j = 0;
  for (let i = 0; i < free.length; i += 2) {
    if (free[i] >= hi) break;
    const a = Math.max(free[i], lo);
    const b = Math.min(free[i + 1], hi);
    if (a >= b) continue;
    while (j < busy.length && busy[j].e <= a) j++;
    let cur = a;
    for (let k = j; k < busy.length && busy[k].s < b; k++) {
      const { s, e } = busy[k];
      if (e <= cur) continue;
      if (s > cur) total += fits(s - cur);
      cur = e;
    }
    if (cur < b) total += fits(b - cur);
  }
  return total;
}

/**
 * Free place-minutes of a room holding `capacity` sessions at once within
 * [lo, hi): capacity times its open minutes less the minutes booked (stretches
 * are not judged: a shared room's gaps are not the sessions' gaps).
 */
export function sharedMinutes(
  free: IntervalList,
  busy: ReadonlyArray<{ readonly s: number; readonly e: number }>,
  lo: number,
  hi: number,
  capacity: number,
): number {
  let total = 0;
  for (let i = 0; i < free.length; i += 2)
    total += Math.max(0, Math.min(free[i + 1], hi) - Math.max(free[i], lo));
  total *= capacity;
  for (const { s, e } of busy) total -= Math.max(0, Math.min(e, hi) - Math.max(s, lo));
  return total;
}

/** fill[len]: the largest sum of `durations` (each any number of times) not above len. */
export function fillTable(durations: number[]): Int32Array {
  const key = [...durations].sort((a, b) => a - b).join(',');
  let fill = fillTables.get(key);
  if (!fill) fillTables.set(key, (fill = computeFill(durations)));
  return fill;
}

/** fillTable's results by durations (a handful per clinic). */
const fillTables = new Map<string, Int32Array>();

function computeFill(durations: number[]): Int32Array {
  const reach = new Uint8Array(KNAPSACK_MINUTES);
  reach[0] = 1;
  const ds = durations.filter((d) => d > 0);
  for (let len = 1; len < KNAPSACK_MINUTES; len++)
    for (const d of ds)
      if (d <= len && reach[len - d]) {
        reach[len] = 1;
        break;
      }
  const fill = new Int32Array(KNAPSACK_MINUTES);
  for (let len = 1; len < KNAPSACK_MINUTES; len++) fill[len] = reach[len] ? len : fill[len - 1];
  return fill;
}
