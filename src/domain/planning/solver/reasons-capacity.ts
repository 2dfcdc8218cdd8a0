/**
 * Reasons for a patient whose own rules are consistent but who found no
 * room in the plan: which staff role or room is the bottleneck, in which
 * week, given everyone else's bookings.
 */
import type { Reason } from '../format';
import { formatDay, weekdayIndex } from '../../time/local-date';
import { localOf } from '../../time/zone';
import { pickRoom } from './assign';
import { freeResourceDomains } from './free-domains';
import type { Planner } from './planner';

interface Tally {
  label: string;
  code: string;
  failed: number;
  /** per week (Monday day number) → [possible starts, starts with the resource free] */
  weeks: Map<number, [number, number]>;
}

function codeFor(role: string): string {
  return `NO_${role.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_CAPACITY`;
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

export function explainCapacity(planner: Planner, p: number): Reason[] {
  const model = planner.model;
  const state = planner.state;
  const patient = model.patients[p];
  const proto = model.protocols[patient.protocol];
  const { domains } = planner.domains[p];
  const tallies = new Map<string, Tally>();
  const tally = (key: string, label: string, code: string, week: number, ok: boolean) => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { label, code, failed: 0, weeks: new Map() }));
    const w = t.weeks.get(week) ?? [0, 0];
    w[0]++;
    if (ok) w[1]++;
    else t.failed++;
    t.weeks.set(week, w);
  };
  // The series whose sessions cannot all find free resources any more (if one) is the binding one.
  const dyn = freeResourceDomains(model, state, patient, domains);
  const binding =
    dyn.failure && (dyn.failure.kind === 'chain' || dyn.failure.kind === 'window')
      ? dyn.failure.series
      : -1;
  for (const s of proto.series) {
    if (binding >= 0 && s.index !== binding) continue;
    const st = model.sessionTypes[s.sessionType];
    const seen = new Set<number>();
    for (const dom of domains[s.index]) for (const slot of dom) seen.add(slot);
    const n = patient.counts[s.index];
    for (const slot of seen) {
      const t = model.slotStart[slot];
      const day = model.slotDay[slot];
      const dn = model.firstDayNumber + day;
      const week = dn - weekdayIndex(dn);
      if (st.room) {
        const features = st.room.features.length > 0 ? ` with ${st.room.features.join(', ')}` : '';
        const label = `the ${n} '${s.id}' sessions need a room${features}`;
        tally(
          `room:${s.index}`,
          label,
          'NO_ROOM_CAPACITY',
          week,
          pickRoom(model, state, st, t) >= 0,
        );
      }
      for (const need of st.needs) {
        let free = 0;
        for (const c of need.candidates)
          if (
            state.staffFree(
              c,
              t + need.offset,
              t + need.offset + need.duration,
              need.maxConcurrent,
              day,
            )
          )
            free++;
        const part =
          need.offset === 0 && need.duration === st.duration
            ? 'for the whole session'
            : need.offset === 0
              ? `for their first ${need.duration} min`
              : `for ${need.duration} min from minute ${need.offset}`;
        const label = `the ${n} '${s.id}' sessions need ${need.count > 1 ? `${need.count} people` : 'a person'} with role ${need.role} ${part}`;
        tally(`staff:${s.index}:${need.role}`, label, codeFor(need.role), week, free >= need.count);
      }
    }
  }
  const ranked = [...tallies.values()]
    .filter((t) => t.failed > 0)
    .sort((a, b) => b.failed - a.failed);
  if (ranked.length === 0) {
    return [
      {
        code: 'NO_JOINT_FIT',
        message: `each session of protocol '${proto.id}' has free staff and rooms at some allowed start between ${formatDay(model.firstDayNumber + patient.firstDay)} and ${formatDay(model.firstDayNumber + patient.lastDay)}, but no combination meets the gaps, follow-ups, day caps and continuity around the other bookings`,
        suggestion:
          'widen the patient window (later latestEnd) or add staff availability on the allowed days',
      },
    ];
  }
  return ranked.slice(0, 2).map((t) => {
    let worst = -1;
    let worstRatio = Infinity;
    for (const [week, [possible, free]] of [...t.weeks.entries()].sort((a, b) => a[0] - b[0])) {
      const ratio = free / possible;
      if (ratio < worstRatio) {
        worstRatio = ratio;
        worst = week;
      }
    }
    const [possible, free] = t.weeks.get(worst)!;
    let total = 0;
    let totalFree = 0;
    for (const [a, b] of t.weeks.values()) {
      total += a;
      totalFree += b;
    }
    const firstStart = model.slotStart[domains.flat().find((d) => d.length > 0)?.[0] ?? 0];
    const at = localOf(model.zone, firstStart);
    const message = `week of ${formatDay(worst)}: ${t.label}; it is free at ${free} of the ${possible} possible starts (${totalFree} of ${total} over the patient's window) after other bookings`;
    const what =
      t.code === 'NO_ROOM_CAPACITY'
        ? 'room capacity'
        : `${t.label.split('role ')[1]?.split(' ')[0] ?? 'staff'} availability`;
    return {
      code: t.code,
      message,
      suggestion: `add ${what} in the week of ${formatDay(worst)} (e.g. from ${hhmm(at.minute)} on allowed days)`,
    };
  });
}
