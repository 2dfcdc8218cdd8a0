/**
 * Static domains of one patient's sessions: for each series and index the
 * slots a session could start at, from the patient's own rules and the
 * resources' availability (ignoring other patients), narrowed by propagation
 * of gaps, offsets, followUps and span until a fixpoint. An empty domain is a
 * proof that the patient cannot be scheduled at all.
 */
import { overlapsAny } from '../model/intervals';
import type { Model, OccurrenceRef, PatientModel, ProtocolModel } from '../model/types';
import { placeLocal } from '../../time/zone';
import { courseFilter, doneDayRange, doneFollowUps, patientOffsets } from './course';
import { pairFollowUps } from './follow-up-pairs';
import { filter, keepWithin, unionOf } from './slot-filters';

export type DomainFailure =
  | { kind: 'window'; series: number }
  | { kind: 'count'; series: number; anchors: number; targets: number }
  | { kind: 'chain'; series: number; index: number }
  | { kind: 'offset'; rule: number }
  | { kind: 'followUp'; rule: number }
  | { kind: 'span' }
  /**
   * Format 1.1: the done sessions leave a new session of the series no start:
   * `gap` when the gap from the last done session (`resumed`: resumeGapHours)
   * does alone, else overlaps, notSameDay, separation or offsets with them.
   */
  | { kind: 'course'; series: number; gap: boolean; resumed: boolean };

export interface PatientDomains {
  /** domains[series][index - 1]: ascending slot indices. */
  domains: Int32Array[][];
  failure: DomainFailure | null;
}

const windowCache = new WeakMap<number[], Map<string, Int32Array>>();

/** Per day of the horizon: instants bounding the protocol's patient day, as [lo0, hi0, lo1, hi1, …]. */
export function patientDayBounds(model: Model, proto: ProtocolModel): Int32Array {
  let perModel = windowCache.get(model.dayStartAt);
  if (!perModel) windowCache.set(model.dayStartAt, (perModel = new Map()));
  const key = `${proto.dayStart}-${proto.dayEnd}`;
  let bounds = perModel.get(key);
  if (!bounds) {
    bounds = new Int32Array(model.numDays * 2);
    for (let d = 0; d < model.numDays; d++) {
      bounds[2 * d] = placeLocal(model.zone, model.firstDayNumber + d, proto.dayStart);
      bounds[2 * d + 1] = placeLocal(model.zone, model.firstDayNumber + d, proto.dayEnd);
    }
    perModel.set(key, bounds);
  }
  return bounds;
}

/** Slots where a session of `series` may start for the patient, before propagation. */
export function baseSlots(model: Model, patient: PatientModel, series: number): Int32Array {
  const proto = model.protocols[patient.protocol];
  const s = proto.series[series];
  const st = model.sessionTypes[s.sessionType];
  const bounds = patientDayBounds(model, proto);
  // Format 1.1 `now`: nothing new starts before it (pinned indices are fixed by the caller).
  const now = model.now ?? -Infinity;
  const out: number[] = [];
  for (let d = patient.firstDay; d <= patient.lastDay; d++) {
    const wd = model.weekday[d];
    if (model.closed[d] || (proto.restMask >> wd) & 1 || !((s.dayMask >> wd) & 1)) continue;
    if (model.dayStartAt[d + 1] <= now) continue;
    const lo = Math.max(bounds[2 * d], now);
    const hi = bounds[2 * d + 1];
    for (let i = model.daySlot[d]; i < model.daySlot[d + 1]; i++) {
      const t = model.slotStart[i];
      if (t < lo || t + st.duration > hi || !st.staticOk[i]) continue;
      if (patient.unavailable.length > 0 && overlapsAny(patient.unavailable, t, t + st.duration))
        continue;
      out.push(i);
    }
  }
  return Int32Array.from(out);
}

export function occurrenceIndex(occ: OccurrenceRef, count: number): number {
  if (occ === 'first') return 1;
  if (occ === 'last') return count;
  return occ;
}

/** Whether some slot of ascending `slots` starts in [lo, hi]. */
function anySlotIn(T: Int32Array, slots: Int32Array, lo: number, hi: number): boolean {
  let a = 0;
  let b = slots.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (T[slots[m]] < lo) a = m + 1;
    else b = m;
  }
  return a < slots.length && T[slots[a]] <= hi;
}

/**
 * Bounds of a series' chain under a per-day cap: the earliest start of each
 * session, placing every earlier one as early as its domain, the minimum step
 * and at most `cap` sessions a local date allow (a feasible k-th session is
 * never earlier: if it were, the cap+1 sessions before and at it would share
 * one date), and symmetrically the latest. Narrows each domain to its bounds
 * through `update`; returns the 0-based index of a session left without
 * starts, or -1.
 */
export function capChainBounds(
  model: Model,
  list: Int32Array[],
  step: number,
  cap: number,
  update: (k: number, next: Int32Array) => boolean,
): number {
  const T = model.slotStart;
  const D = model.slotDay;
  const n = list.length;
  const days = new Int32Array(n);
  let prev = -Infinity;
  for (let k = 0; k < n; k++) {
    const dom = list[k];
    let a = 0;
    while (a < dom.length && T[dom[a]] < prev + step) a++;
    while (a < dom.length && k >= cap && days[k - cap] === D[dom[a]]) a++;
    if (a === dom.length) return k;
    days[k] = D[dom[a]];
    prev = T[dom[a]];
    if (a > 0 && !update(k, dom.subarray(a))) return k;
  }
  let next = Infinity;
  for (let k = n - 1; k >= 0; k--) {
    const dom = list[k];
    let b = dom.length - 1;
    while (b >= 0 && T[dom[b]] > next - step) b--;
    while (b >= 0 && k + cap < n && days[k + cap] === D[dom[b]]) b--;
    if (b < 0) return k;
    days[k] = D[dom[b]];
    next = T[dom[b]];
    if (b < dom.length - 1 && !update(k, dom.subarray(0, b + 1))) return k;
  }
  return -1;
}

/** Effective minimum start-to-start distance of consecutive sessions of a series. */
export function minStep(model: Model, proto: ProtocolModel, series: number): number {
  const s = proto.series[series];
  let step = Math.max(s.gapMin, model.sessionTypes[s.sessionType].duration + proto.minBreak);
  // A separation naming the series spaces its own (time-ordered) sessions too.
  for (const r of proto.separations)
    if (r.series.includes(series)) step = Math.max(step, r.minMinutes);
  return step;
}

/**
 * Computes the patient's domains. `fixed` maps `series * 1000 + index` to a
 * slot that index must take (pinned bookings).
 */
export function computeDomains(
  model: Model,
  patient: PatientModel,
  fixed: Map<number, number>,
): PatientDomains {
  const proto = model.protocols[patient.protocol];
  const domains: Int32Array[][] = proto.series.map((s, si) => {
    const base = baseSlots(model, patient, si);
    return Array.from({ length: patient.counts[si] }, (_, k) => {
      const f = fixed.get(si * 1000 + k + 1);
      return f === undefined ? base : Int32Array.from([f]);
    });
  });
  for (const [si, list] of domains.entries()) {
    if (list.length > 0 && list.every((d) => d.length === 0))
      return { domains, failure: { kind: 'window', series: si } };
  }
  // Follow-ups count done sessions too (all of them; none outside the course view).
  const total = (si: number) => patient.counts[si] + (patient.course?.doneCount[si] ?? 0);
  for (const f of proto.followUps) {
    const targets = f.targets.reduce((sum, t) => sum + total(t), 0);
    if (targets < total(f.anchor))
      return {
        domains,
        failure: { kind: 'count', series: f.anchor, anchors: total(f.anchor), targets },
      };
  }
  if (patient.course) {
    const failure = applyCourse(model, patient, domains);
    if (failure) return { domains, failure };
  }
  const failure = propagate(model, patient, domains);
  return { domains, failure };
}

/** Narrows the domains by what the done sessions fix (see course.ts); the failure when one empties. */
function applyCourse(
  model: Model,
  patient: PatientModel,
  domains: Int32Array[][],
): DomainFailure | null {
  const broken = patientOffsets(model, patient).broken;
  if (broken >= 0) return { kind: 'offset', rule: broken };
  for (const [si, list] of domains.entries()) {
    for (let k = 0; k < list.length; k++) {
      const keep = courseFilter(model, patient, si, k);
      if (!keep) continue;
      const before = list[k];
      list[k] = filter(before, keep);
      if (list[k].length > 0) continue;
      const gapOnly = courseFilter(model, patient, si, k, true);
      const gap = gapOnly !== null && filter(before, gapOnly).length === 0;
      const s = model.protocols[patient.protocol].series[si];
      const resumed = gap && s.resumeGap !== null && patient.course!.missedAfter[si] !== null;
      return { kind: 'course', series: si, gap, resumed };
    }
  }
  return null;
}

/**
 * Narrows `domains` in place to a fixpoint of the chain (gaps, order), offset,
 * followUp and span rules. Returns the failure when a domain empties.
 */
export function propagate(
  model: Model,
  patient: PatientModel,
  domains: Int32Array[][],
): DomainFailure | null {
  const proto = model.protocols[patient.protocol];
  const T = model.slotStart;
  const dur = (series: number) => model.sessionTypes[proto.series[series].sessionType].duration;
  const doneFU = patient.course ? doneFollowUps(model, patient) : null;
  const doneDays = doneDayRange(patient);
  for (let round = 0; round < 20; round++) {
    let changed = false;
    const update = (si: number, k: number, next: Int32Array): boolean => {
      if (next !== domains[si][k]) {
        domains[si][k] = next;
        changed = true;
      }
      return next.length > 0;
    };
    // Chains: gaps and time order within each series.
    for (const s of proto.series) {
      const list = domains[s.index];
      const step = minStep(model, proto, s.index);
      for (let k = 1; k < list.length; k++) {
        if (!update(s.index, k, keepWithin(T, list[k], list[k - 1], 0, -s.gapMax, -step)))
          return { kind: 'chain', series: s.index, index: k + 1 };
      }
      for (let k = list.length - 2; k >= 0; k--) {
        if (!update(s.index, k, keepWithin(T, list[k], list[k + 1], 0, step, s.gapMax)))
          return { kind: 'chain', series: s.index, index: k + 1 };
      }
      const cap = Math.min(
        proto.maxSessionsPerDay,
        Math.floor(proto.maxMinutesPerDay / dur(s.index)),
      );
      if (cap < list.length) {
        const failed = capChainBounds(model, list, step, cap, (k, next) =>
          update(s.index, k, next),
        );
        if (failed >= 0) return { kind: 'chain', series: s.index, index: failed + 1 };
      }
    }
    // Offsets between two points (new sessions; those naming a done one are unary, see course.ts).
    for (const r of patientOffsets(model, patient).links) {
      const { fShift, tShift } = r;
      const [fs, fk] = [r.from.series, r.from.k];
      const [ts, tk] = [r.to.series, r.to.k];
      if (fk >= domains[fs].length || tk >= domains[ts].length) continue;
      if (
        !update(
          ts,
          tk,
          keepWithin(T, domains[ts][tk], domains[fs][fk], fShift, tShift - r.max, tShift - r.min),
        )
      )
        return { kind: 'offset', rule: r.rule };
      if (
        !update(
          fs,
          fk,
          keepWithin(T, domains[fs][fk], domains[ts][tk], tShift, fShift + r.min, fShift + r.max),
        )
      )
        return { kind: 'offset', rule: r.rule };
    }
    // FollowUps: every anchor needs a target start in its window (a done target counts).
    for (const [ri, f] of proto.followUps.entries()) {
      const all = unionOf(
        f.targets.flatMap((t) => domains[t]),
        T.length,
      );
      const doneTargets = doneFU?.[ri].targets ?? [];
      const ad = dur(f.anchor);
      for (let k = 0; k < domains[f.anchor].length; k++) {
        const ok = filter(domains[f.anchor][k], (i) => {
          const lo = T[i] + ad + f.min;
          let hi = T[i] + ad + f.max;
          if (f.sameDay) hi = Math.min(hi, model.dayStartAt[model.slotDay[i] + 1] - 1);
          if (doneTargets.some((d) => d.start >= lo && d.start <= hi)) return true;
          return anySlotIn(T, all, lo, hi);
        });
        if (!update(f.anchor, k, ok)) return { kind: 'followUp', rule: ri };
      }
      if (!patient.course && !pairFollowUps(T, domains, f, ad, update))
        return { kind: 'followUp', rule: ri };
    }
    // Span: the last session is no earlier than the latest "earliest last",
    // the first no later than the earliest "latest first".
    if (proto.spanMax !== Infinity) {
      let lastLB = doneDays ? doneDays[1] : -Infinity;
      let firstUB = doneDays ? doneDays[0] : Infinity;
      for (const list of domains) {
        if (list.length === 0) continue;
        const last = list[list.length - 1];
        const first = list[0];
        lastLB = Math.max(lastLB, model.slotDay[last[0]]);
        firstUB = Math.min(firstUB, model.slotDay[first[first.length - 1]]);
      }
      for (const [si, list] of domains.entries()) {
        for (let k = 0; k < list.length; k++) {
          const ok = filter(list[k], (i) => {
            const d = model.slotDay[i];
            return d >= lastLB - proto.spanMax + 1 && d <= firstUB + proto.spanMax - 1;
          });
          if (!update(si, k, ok)) return { kind: 'span' };
        }
      }
    }
    if (!changed) break;
  }
  return null;
}

/**
 * The patient's domains narrowed to slots where `resourcesFree(sessionType,
 * slot)` holds now (other patients' bookings taken into account), then
 * propagated again. Pinned indices (`fixed`) are kept as they are.
 */
export function dynamicDomains(
  model: Model,
  patient: PatientModel,
  base: Int32Array[][],
  fixed: Set<number>,
  resourcesFree: (sessionType: number, slot: number) => boolean,
): PatientDomains {
  const proto = model.protocols[patient.protocol];
  const memo = new Map<number, boolean>();
  const ok = (st: number, slot: number): boolean => {
    const key = st * model.slotStart.length + slot;
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = resourcesFree(st, slot)));
    return v;
  };
  const domains = base.map((list, si) => {
    const st = proto.series[si].sessionType;
    return list.map((dom, k) =>
      fixed.has(si * 1000 + k + 1) ? dom : filter(dom, (slot) => ok(st, slot)),
    );
  });
  for (const [si, list] of domains.entries()) {
    if (list.length > 0 && list.every((d) => d.length === 0))
      return { domains, failure: { kind: 'window', series: si } };
  }
  return { domains, failure: propagate(model, patient, domains) };
}
