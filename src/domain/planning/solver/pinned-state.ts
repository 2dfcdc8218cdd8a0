import type { Model } from '../model/types';
import { existingOccurrenceKey } from './group-occurrences';
import { occupySession } from './patient-plan';
import { lowerBound } from './slots';
import { ResourceState } from './resource-state';

/** A resource state holding every patient's pinned bookings and nothing else. */
export function pinnedState(model: Model): ResourceState {
  const state = new ResourceState(model);
  for (const p of model.patients) {
    for (const e of p.existing) {
      if (!e.pinned) continue;
      const proto = model.protocols[p.protocol];
      const slot = lowerBound(model.slotStart, e.start);
      occupySession(model, state, p.index, {
        series: e.series,
        index: e.index,
        slot,
        start: e.start,
        day: model.slotDay[Math.min(slot, model.slotDay.length - 1)],
        room: model.sessionTypes[proto.series[e.series].sessionType].room ? e.room : -1,
        staff: e.staff,
        existing: e,
        moved: false,
        booking: -(p.index + 1) * 1000 - e.series * 100 - e.index,
        occurrence: existingOccurrenceKey(e),
      });
    }
  }
  return state;
}
