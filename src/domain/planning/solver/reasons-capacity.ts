/**
 * Capacity reasons, given only when counting proves the shortage (see
 * capacity-count): the role's or rooms' free time in a window is less than
 * what the patients whose sessions must fall in it need.
 */
import type { Reason } from '../format';
import type { Model } from '../model/types';
import type { Shortage } from './capacity-count';
import { dayName } from './reasons-rules';

export function capacityCode(s: Shortage): string {
  if (s.kind.type === 'room') return 'NO_ROOM_CAPACITY';
  return `NO_${s.kind.role.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_CAPACITY`;
}

function hours(minutes: number): string {
  return `${+(minutes / 60).toFixed(1)} h`;
}

function what(s: Shortage): string {
  return s.kind.type === 'role' ? `${s.kind.role} time` : `time in ${s.label}`;
}

/** The patient alone needs more of the kind in a window than is free there. */
export function aloneCapacityReason(model: Model, p: number, s: Shortage): Reason {
  const own = s.demands.find((d) => d.patient === p)?.minutes ?? 0;
  return {
    code: capacityCode(s),
    message: `counting proves the patient cannot be scheduled even alone: between ${dayName(model, s.firstDay)} and ${dayName(model, s.lastDay)} its sessions need ${hours(own)} of ${what(s)}, and only ${hours(s.supplyMinutes)} is free there (after pinned bookings, time off and busy times)`,
  };
}

/** Not every patient of the group fits: at most `fit` of them, whatever the plan. */
export function groupCapacityReason(model: Model, p: number, s: Shortage): Reason {
  const own = s.demands.find((d) => d.patient === p)?.minutes ?? 0;
  const total = s.demands.reduce((sum, d) => sum + d.minutes, 0);
  const ids = s.demands.map((d) => model.patients[d.patient].id);
  const names = ids.length > 8 ? `${ids.slice(0, 8).join(', ')}, …` : ids.join(', ');
  return {
    code: capacityCode(s),
    message: `counting proves that at most ${s.fit} of these ${s.demands.length} patients can be scheduled, whatever the plan: between ${dayName(model, s.firstDay)} and ${dayName(model, s.lastDay)} they need ${hours(total)} of ${what(s)} (this patient ${hours(own)}), and ${hours(s.supplyMinutes)} is free there (${names})`,
  };
}
