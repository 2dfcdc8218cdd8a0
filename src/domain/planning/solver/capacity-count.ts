/**
 * Capacity counting: an upper bound on how many patients any solution can
 * schedule, and the shortages that prove it.
 *
 * Soundness. Fix a resource kind K (a staff role R, or a room feature set F)
 * and a window of local days [a, b]. Take any valid solution S.
 *
 * 1. Each session of a scheduled patient starts at a slot of its static
 *    domain (domains only drop starts no valid schedule uses), so a session
 *    whose whole domain lies in [a, b] starts on a day in [a, b].
 * 2. Staff: a person holds at any instant one exclusive assignment, or j
 *    shared ones with j ≤ the smallest maxConcurrent m among them, so the sum
 *    over the assignments a covering that instant of 1 / mc(a) is ≤ 1.
 *    Integrating, the sum over the person's assignments of len(a) / mc(a) is
 *    ≤ the length of the union of their intervals, which lies inside the
 *    person's free time and, per local day of the sessions' starts, is at
 *    most maxMinutesPerDay. The assignments of sessions starting on day d
 *    lie in [midnight(d) + min(0, offsets), midnight(d + 1) + EXT), EXT the
 *    longest occupation. So the consumption of the sessions starting on day
 *    d is ≤ min(free minutes in that stretch, maxMinutesPerDay), and the
 *    pinned bookings (part of every solution) use their share of it.
 *    Rooms: at any instant a room holds ≤ capacity sessions, each occupying
 *    it for duration + turnover, so the same holds with capacity × free
 *    minutes.
 * 3. Summing over the people holding R (or the rooms having F) and over the
 *    days of [a, b]: the non-pinned sessions of S whose domains lie in
 *    [a, b] consume at most SUPPLY(K, a, b). Each consumes at least its
 *    demand (count × duration / maxConcurrent for each requirement of role R;
 *    duration + turnover for a room with F). Presence requirements
 *    (format 1.1) occupy nobody: they have no demand and use no supply.
 * So the patients of S among the group G (patients with a positive demand
 * D_i) satisfy sum D_i ≤ SUPPLY; at most `fit` of them can, `fit` being the
 * largest k with the k smallest demands summing to ≤ SUPPLY. Every scheduled
 * patient is among the patients not proven unschedulable, so
 *   scheduled ≤ (patients not excluded) − (|G| − fit)
 * for every (K, window); the bound takes the largest such drop. Demands and
 * supplies are integers (scaled by the lcm of the maxConcurrent values) so no
 * rounding can overstate a demand or understate a supply.
 *
 * Group session types (format 1.1) are left out of both sides: an
 * occurrence's room and staff are shared by up to `group.max` patients, so
 * their demand counts as zero (a lower bound) and pinned group bookings use
 * no supply (an upper bound): the bound stays sound.
 */
import { lowerBound } from './slots';
import type { Model } from '../model/types';
import type { PatientDomains } from './domains';
import { kindKey, kindLabel, type ResourceKind } from './model-edits';

/** A proof that not every patient of a group can get the kind's time in a window. */
export interface Shortage {
  kind: ResourceKind;
  label: string;
  /** Day indices, inclusive. */
  firstDay: number;
  lastDay: number;
  /** Free time in the window after pinned bookings, in minutes (people or room places). */
  supplyMinutes: number;
  /** The group: patient and demand in minutes, ascending by demand. */
  demands: Array<{ patient: number; minutes: number }>;
  /** How many of the group fit at most. */
  fit: number;
}

export interface CapacityCount {
  /** Upper bound on the scheduled patients among those not excluded. */
  bound: number;
  /** Per patient, the shortage with the most patients left out that it belongs to. */
  byPatient: Map<number, Shortage>;
  /** Patients whose own demand exceeds the supply of their window: unschedulable alone. */
  alone: Map<number, Shortage>;
}

interface Entry {
  patient: number;
  lo: number;
  hi: number;
  amount: number;
}

interface KindData {
  kind: ResourceKind;
  /** Integer units per minute (lcm of maxConcurrent for roles, 1 for rooms). */
  scale: number;
  entries: Entry[];
  /** prefix[d] = supply of days 0..d-1, in units. */
  prefix: Float64Array;
}

/** Visits of demand entries at most: keeps the count bounded in work on huge problems. */
const MAX_VISITS = 4_000_000;
/** Largest scale (lcm of maxConcurrent values) used exactly; above it demands are floored. */
const MAX_SCALE = 10_000;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** Length of `free` (sorted flat intervals) inside [a, b). */
function lengthIn(free: number[], a: number, b: number): number {
  let i = 0;
  let hi = free.length / 2;
  while (i < hi) {
    const mid = (i + hi) >> 1;
    if (free[2 * mid + 1] <= a) i = mid + 1;
    else hi = mid;
  }
  let sum = 0;
  for (let k = 2 * i; k < free.length && free[k] < b; k += 2)
    sum += Math.min(b, free[k + 1]) - Math.max(a, free[k]);
  return sum;
}

function buildKinds(model: Model, domains: PatientDomains[], excluded: Set<number>): KindData[] {
  const kinds = new Map<string, KindData>();
  const kindFor = (kind: ResourceKind): KindData => {
    const key = kindKey(kind);
    let k = kinds.get(key);
    if (!k) kinds.set(key, (k = { kind, scale: 1, entries: [], prefix: new Float64Array(0) }));
    return k;
  };
  // Scale per role: lcm of the maxConcurrent values of its requirements.
  const roleScale = new Map<string, number>();
  for (const st of model.sessionTypes)
    for (const n of st.needs) {
      if (n.present) continue;
      const s = roleScale.get(n.role) ?? 1;
      if (s <= MAX_SCALE) roleScale.set(n.role, (s * n.maxConcurrent) / gcd(s, n.maxConcurrent));
    }
  const scaleOf = (role: string) => {
    const s = roleScale.get(role) ?? 1;
    return s <= MAX_SCALE ? s : 1;
  };
  for (const patient of model.patients) {
    if (excluded.has(patient.index) || domains[patient.index].failure) continue;
    const proto = model.protocols[patient.protocol];
    const pinned = new Set(
      patient.existing.filter((e) => e.pinned).map((e) => e.series * 1000 + e.index),
    );
    for (const s of proto.series) {
      const st = model.sessionTypes[s.sessionType];
      // A group occurrence's room and staff are shared: no demand of its own is counted.
      if (st.group) continue;
      for (let k = 0; k < patient.counts[s.index]; k++) {
        if (pinned.has(s.index * 1000 + k + 1)) continue;
        const dom = domains[patient.index].domains[s.index][k];
        if (dom.length === 0) continue;
        const lo = model.slotDay[dom[0]];
        const hi = model.slotDay[dom[dom.length - 1]];
        if (st.room) {
          const data = kindFor({ type: 'room', features: [...st.room.features] });
          data.entries.push({
            patient: patient.index,
            lo,
            hi,
            amount: st.duration + st.room.turnover,
          });
        }
        const perRole = new Map<string, number>();
        for (const n of st.needs) {
          if (n.present) continue;
          const scale = scaleOf(n.role);
          const units = Math.floor((n.count * n.duration * scale) / n.maxConcurrent);
          perRole.set(n.role, (perRole.get(n.role) ?? 0) + units);
        }
        for (const [role, amount] of perRole) {
          const data = kindFor({ type: 'role', role });
          data.scale = scaleOf(role);
          data.entries.push({ patient: patient.index, lo, hi, amount });
        }
      }
    }
  }
  for (const data of kinds.values()) {
    data.entries.sort((x, y) => x.lo - y.lo || x.hi - y.hi);
    data.prefix = supplyPrefix(model, data);
  }
  return [...kinds.values()];
}

/** Per-day supply of a kind (see the soundness note), as prefix sums in units. */
function supplyPrefix(model: Model, data: KindData): Float64Array {
  let ext = 0;
  let neg = 0;
  for (const st of model.sessionTypes) {
    ext = Math.max(ext, st.duration + (st.room?.turnover ?? 0));
    for (const n of st.needs) {
      ext = Math.max(ext, n.offset + n.duration);
      neg = Math.min(neg, n.offset);
    }
  }
  const perDay = new Float64Array(model.numDays);
  const from = (d: number) => model.dayStartAt[d] + neg;
  const to = (d: number) => model.dayStartAt[d + 1] + ext;
  const pinnedUse = new Map<number, number>();
  const kind = data.kind;
  if (kind.type === 'role') {
    const holders = model.staff.filter((x) => x.roles.has(kind.role));
    const holderSet = new Set(holders.map((x) => x.index));
    // Pinned assignments of the holders, per person and start day, in units.
    for (const p of model.patients) {
      const proto = model.protocols[p.protocol];
      for (const e of p.existing) {
        if (!e.pinned) continue;
        const st = model.sessionTypes[proto.series[e.series].sessionType];
        if (st.group) continue; // shared by its participants: not counted (supply only grows)
        const day = lowerBound(model.dayStartAt, e.start + 1) - 1;
        st.needs.forEach((n, ni) => {
          if (n.present) return;
          for (const x of e.staff[ni] ?? []) {
            if (!holderSet.has(x)) continue;
            const key = x * model.numDays + day;
            const use = Math.floor((n.duration * data.scale) / n.maxConcurrent);
            pinnedUse.set(key, (pinnedUse.get(key) ?? 0) + use);
          }
        });
      }
    }
    for (const x of holders)
      for (let d = 0; d < model.numDays; d++) {
        const avail = Math.min(lengthIn(x.free, from(d), to(d)), x.maxMinutesPerDay);
        const left = avail * data.scale - (pinnedUse.get(x.index * model.numDays + d) ?? 0);
        perDay[d] += Math.max(0, left);
      }
  } else {
    const rooms = model.rooms.filter((r) => kind.features.every((f) => r.features.has(f)));
    const roomSet = new Set(rooms.map((r) => r.index));
    for (const p of model.patients) {
      const proto = model.protocols[p.protocol];
      for (const e of p.existing) {
        const st = model.sessionTypes[proto.series[e.series].sessionType];
        if (!e.pinned || !st.room || st.group || !roomSet.has(e.room)) continue;
        const day = lowerBound(model.dayStartAt, e.start + 1) - 1;
        const key = e.room * model.numDays + day;
        pinnedUse.set(key, (pinnedUse.get(key) ?? 0) + st.duration + st.room.turnover);
      }
    }
    for (const r of rooms)
      for (let d = 0; d < model.numDays; d++) {
        const left =
          r.capacity * lengthIn(r.free, from(d), to(d)) -
          (pinnedUse.get(r.index * model.numDays + d) ?? 0);
        perDay[d] += Math.max(0, left);
      }
  }
  const prefix = new Float64Array(model.numDays + 1);
  for (let d = 0; d < model.numDays; d++) prefix[d + 1] = prefix[d] + perDay[d];
  return prefix;
}

/** Day windows counted: single days (short horizons), weeks, 2 and 4 weeks, each patient's window, the horizon. */
function windowsOf(model: Model): Array<[number, number]> {
  const n = model.numDays;
  const seen = new Set<string>();
  const out: Array<[number, number]> = [];
  const add = (a: number, b: number) => {
    a = Math.max(0, a);
    b = Math.min(n - 1, b);
    const key = `${a}:${b}`;
    if (a > b || seen.has(key)) return;
    seen.add(key);
    out.push([a, b]);
  };
  add(0, n - 1);
  for (const p of model.patients) add(p.firstDay, p.lastDay);
  const monday = -model.weekday[0];
  for (const weeks of [1, 2, 4]) for (let a = monday; a < n; a += 7) add(a, a + 7 * weeks - 1);
  if (n <= 92) for (let d = 0; d < n; d++) add(d, d);
  return out;
}

/**
 * Counts every kind over every window; `excluded` patients (proven
 * unschedulable) take no part. See the soundness note above.
 */
export function countCapacity(
  model: Model,
  domains: PatientDomains[],
  excluded: Set<number>,
): CapacityCount {
  const kinds = buildKinds(model, domains, excluded);
  const open = model.patients.filter(
    (p) => !excluded.has(p.index) && !domains[p.index].failure,
  ).length;
  const byPatient = new Map<number, Shortage>();
  const alone = new Map<number, Shortage>();
  const demand = new Float64Array(model.patients.length);
  let maxDrop = 0;
  let visits = 0;
  for (const [a, b] of windowsOf(model)) {
    for (const data of kinds) {
      if (visits > MAX_VISITS) break;
      const touched: number[] = [];
      for (let i = firstWithLo(data.entries, a); i < data.entries.length; i++) {
        const e = data.entries[i];
        visits++;
        if (e.lo > b) break;
        if (e.hi > b) continue;
        if (demand[e.patient] === 0) touched.push(e.patient);
        demand[e.patient] += e.amount;
      }
      if (touched.length === 0) continue;
      const supply = data.prefix[b + 1] - data.prefix[a];
      const group = touched
        .map((patient) => ({ patient, units: demand[patient] }))
        .sort((x, y) => x.units - y.units || x.patient - y.patient);
      for (const t of touched) demand[t] = 0;
      let sum = 0;
      let fit = 0;
      while (fit < group.length && sum + group[fit].units <= supply) sum += group[fit++].units;
      const drop = group.length - fit;
      if (drop === 0) continue;
      maxDrop = Math.max(maxDrop, drop);
      const shortage: Shortage = {
        kind: data.kind,
        label: kindLabel(data.kind),
        firstDay: a,
        lastDay: b,
        supplyMinutes: supply / data.scale,
        demands: group.map((g) => ({ patient: g.patient, minutes: g.units / data.scale })),
        fit,
      };
      for (const g of group) {
        const prev = byPatient.get(g.patient);
        if (!prev || prev.demands.length - prev.fit < drop) byPatient.set(g.patient, shortage);
        if (g.units > supply && !alone.has(g.patient)) alone.set(g.patient, shortage);
      }
    }
  }
  return { bound: open - maxDrop, byPatient, alone };
}

function firstWithLo(entries: Entry[], a: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid].lo < a) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
