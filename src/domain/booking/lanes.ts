/**
 * Lanes: how one resource's bookings are laid out so that PostgreSQL exclusion constraints
 * alone can refuse an overbooking (see "Bookings and lanes" in docs/architecture.md).
 *
 * A booking of a resource with capacity `cap` (room capacity; a staff requirement's
 * `maxConcurrent`; 1 for a patient) is stored as
 * - cap 1: one `hold` row over lanes [0, ∞): it shares the time with nothing;
 * - cap k > 1: a `hold` row over one lane [l, l+1) with l < k, and a `block` row over
 *   [k, ∞).
 * The constraints refuse two overlapping holds on a common lane, and a hold overlapping a
 * block on a common lane (two blocks may overlap). So at any instant the holds sit on
 * distinct lanes, all below the smallest cap among them: at most min(cap) bookings share
 * the resource, which is exactly the planning format's rule (a person holds one
 * assignment, or only shared ones and no more than the smallest `maxConcurrent`).
 *
 * This module decides the lane of a new booking, and when the free capacity is split across
 * lanes (first-fit fragmentation), new lanes for the existing bookings around it. Pure.
 */

/** Holds connected to a request beyond which no lane re-pack is tried (then: 409). */
export const REPACK_LIMIT = 200;

/** One existing `hold` row of the resource. Times are epoch milliseconds, [start, end). */
export interface LaneHold {
  /** The hold row's id. */
  id: string;
  appointmentId: string;
  start: number;
  end: number;
  /** Lower bound of the held lanes; 0 for a cap-1 hold. */
  lane: number;
  /** Capacity in force when it was booked; 1 means it holds every lane. */
  cap: number;
}

export interface LaneRequest {
  start: number;
  end: number;
  cap: number;
}

/** Part of a hold's time on one lane. Epoch milliseconds, [start, end). */
export interface LaneSegment {
  start: number;
  end: number;
  lane: number;
}

/**
 * An existing hold row laid out again: replaced by `segments` (one covering its time when it
 * only changes lane; several when its lane changes over time, see `segmentPack`).
 */
export interface LaneMove {
  id: string;
  segments: LaneSegment[];
}

export type LanePlan =
  | {
      ok: true;
      /** The new hold's rows: one over the request (lane 0 for cap 1, which holds [0, ∞)), or several. */
      segments: LaneSegment[];
      /** Existing holds to lay out again first (empty unless fragmented). */
      moves: LaneMove[];
    }
  | {
      ok: false;
      /** Existing holds that, with the new booking, exceed the capacity at some instant. */
      conflicts: LaneHold[];
      /** Capacity allowed at the worst instant (the smallest cap among those sharing it). */
      limit: number;
      /** From the first to the last instant over capacity (or the overlap, when fragmented). */
      from: number;
      to: number;
    };

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Where the request breaks the sharing rule: for each elementary segment of the request, the
 * holds active there, when they and the request exceed the smallest cap among them.
 */
export function capacityConflicts(
  holds: readonly LaneHold[],
  request: LaneRequest,
): { conflicts: LaneHold[]; limit: number; from: number; to: number } {
  const touching = holds.filter((h) => overlaps(h, request));
  const points = [
    ...new Set([
      request.start,
      request.end,
      ...touching
        .flatMap((h) => [h.start, h.end])
        .filter((t) => t > request.start && t < request.end),
    ]),
  ].sort((a, b) => a - b);
  const conflicts = new Set<LaneHold>();
  let limit = request.cap;
  let [from, to] = [Infinity, -Infinity];
  for (let i = 0; i + 1 < points.length; i++) {
    const segment = { start: points[i], end: points[i + 1] };
    const active = touching.filter((h) => overlaps(h, segment));
    const allowed = Math.min(request.cap, ...active.map((h) => h.cap));
    if (active.length + 1 > allowed) {
      active.forEach((h) => conflicts.add(h));
      limit = Math.min(limit, allowed);
      from = Math.min(from, segment.start);
      to = Math.max(to, segment.end);
    }
  }
  return { conflicts: [...conflicts], limit, from, to };
}

/** Can `item` take `lane` next to the already-placed holds? */
function laneFits(
  lane: number,
  item: { start: number; end: number; cap: number },
  placed: readonly { start: number; end: number; cap: number; lane: number }[],
): boolean {
  if (lane >= item.cap) return false;
  return placed.every(
    (o) =>
      !overlaps(o, item) || (o.cap > 1 && o.lane !== lane && lane < o.cap && o.lane < item.cap),
  );
}

/**
 * The lane for a new booking given the resource's holds that overlap it, or, when the
 * capacity is exceeded, the holds in the way. `component` must hold every existing hold
 * connected to the request by a chain of overlaps (the caller widens its query until no new
 * hold appears); only holds overlapping the request matter unless a re-pack is needed.
 */
export function planLane(component: readonly LaneHold[], request: LaneRequest): LanePlan {
  const found = capacityConflicts(component, request);
  if (found.conflicts.length > 0) return { ok: false, ...found };
  const whole = (lane: number): LaneSegment[] => [{ start: request.start, end: request.end, lane }];
  if (request.cap === 1) return { ok: true, segments: whole(0), moves: [] };
  const neighbours = component.filter((h) => overlaps(h, request));
  for (let lane = 0; lane < request.cap; lane++) {
    if (laneFits(lane, request, neighbours)) return { ok: true, segments: whole(lane), moves: [] };
  }
  return repack(component, request) ?? segmentPack(component, request);
}

/** The request's id among the holds of a re-pack. */
const NEW = '\u0000new';

/** Copies of the holds and the request (id NEW, lane -1), by start, then end, then id. */
function withRequest(holds: readonly LaneHold[], request: LaneRequest): LaneHold[] {
  return [
    ...holds.map((h) => ({ ...h })),
    {
      id: NEW,
      appointmentId: '',
      start: request.start,
      end: request.end,
      lane: -1,
      cap: request.cap,
    },
  ].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
}

/** Lane choices a re-pack may try before it gives up (refusing the booking, 409). */
const REPACK_STEPS = 20_000;

/**
 * Re-assigns the lanes of the shared holds in the component and the request, in start order,
 * each on the lowest lane that fits (interval-graph colouring: with one capacity for all, as in
 * a room, this never needs more lanes than bookings at once). With different caps on one
 * resource (a nurse shared 2, 3 or 4 at once) the lowest lane can be the wrong one; the
 * re-pack then backtracks (bounded by REPACK_STEPS). Cap-1 holds keep [0, ∞).
 */
function repack(component: readonly LaneHold[], request: LaneRequest): LanePlan | null {
  const items = withRequest(component, request);
  const placed: (LaneHold & { lane: number })[] = [];
  const lanes = new Map<string, number>();
  // Lowest fitting lane first, in start order; when an item finds none (possible with mixed
  // caps on one person), backtrack over the earlier choices, within a step budget.
  let steps = 0;
  const place = (i: number): boolean => {
    if (i === items.length) return true;
    const item = items[i];
    if (item.cap === 1) {
      placed.push({ ...item, lane: 0 });
      if (place(i + 1)) return true;
      placed.pop();
      return false;
    }
    for (let lane = 0; lane < item.cap; lane++) {
      if (++steps > REPACK_STEPS) return false;
      if (!laneFits(lane, item, placed)) continue;
      placed.push({ ...item, lane });
      lanes.set(item.id, lane);
      if (place(i + 1)) return true;
      placed.pop();
    }
    return false;
  };
  if (!place(0)) return null;
  const moves = component
    .filter((h) => h.cap > 1 && lanes.get(h.id) !== h.lane)
    .map((h) => ({ id: h.id, segments: [{ start: h.start, end: h.end, lane: lanes.get(h.id)! }] }));
  const lane = lanes.get(NEW)!;
  return { ok: true, segments: [{ start: request.start, end: request.end, lane }], moves };
}

/**
 * The layout that always exists when the capacity rule holds (with different caps on one
 * person, a hold that keeps one lane for its whole time may find none: a booking blocks the
 * lanes at and above its cap for all of its time, while the format counts instant by
 * instant). Between any two consecutive start or end times of the shared holds and the
 * request, the n holds there share lanes 0..n-1, all below the smallest cap among them; a
 * hold keeps its lane from the stretch before when it can, else its stored lane, else takes
 * the lowest free one. A hold whose lane changes over time is stored as several rows, one per
 * lane (adjacent time ranges never overlap). Cap-1 holds keep [0, ∞): none shares their time.
 */
function segmentPack(component: readonly LaneHold[], request: LaneRequest): LanePlan {
  const items = withRequest(
    component.filter((h) => h.cap > 1),
    request,
  );
  const points = [...new Set(items.flatMap((h) => [h.start, h.end]))].sort((a, b) => a - b);
  const current = new Map<string, number>();
  const segments = new Map<string, LaneSegment[]>(items.map((h) => [h.id, []]));
  for (let i = 0; i + 1 < points.length; i++) {
    const [start, end] = [points[i], points[i + 1]];
    const active = items.filter((h) => h.start < end && start < h.end);
    if (active.length === 0) continue;
    const limit = Math.min(...active.map((h) => h.cap));
    const taken = new Set<number>();
    const lane = new Map<string, number>();
    const keep = (h: LaneHold, wish: number | undefined): void => {
      if (lane.has(h.id) || wish === undefined || wish < 0 || wish >= limit || taken.has(wish))
        return;
      taken.add(wish);
      lane.set(h.id, wish);
    };
    for (const h of active) keep(h, current.get(h.id));
    for (const h of active) keep(h, h.lane);
    for (const h of active) {
      if (lane.has(h.id)) continue;
      let free = 0;
      while (taken.has(free)) free++;
      keep(h, free);
    }
    for (const h of active) {
      const l = lane.get(h.id);
      // Only if the stored rows already break the rule (then the constraints refuse it anyway).
      if (l === undefined) return refused(component, request);
      current.set(h.id, l);
      const list = segments.get(h.id)!;
      const last = list[list.length - 1];
      if (last && last.lane === l && last.end === start) last.end = end;
      else list.push({ start, end, lane: l });
    }
  }
  const moves = items
    .filter((h) => h.id !== NEW)
    .filter((h) => {
      const list = segments.get(h.id)!;
      return !(list.length === 1 && list[0].lane === h.lane);
    })
    .map((h) => ({ id: h.id, segments: segments.get(h.id)! }));
  return { ok: true, segments: segments.get(NEW)!, moves };
}

function refused(component: readonly LaneHold[], request: LaneRequest): LanePlan {
  const conflicts = component.filter((h) => overlaps(h, request));
  return { ok: false, conflicts, limit: request.cap, from: request.start, to: request.end };
}

/**
 * The verdict the booking service gives a request on one resource: `component` is every hold
 * connected to it (null when more than the re-pack limit), `nearby` the holds overlapping it.
 * With too many holds around, a booking that would need a re-pack is refused rather than
 * guessed. Shared by the writes (src/services/lane-planner.ts) and the move options.
 */
export function decideLane(
  component: readonly LaneHold[] | null,
  nearby: readonly LaneHold[],
  request: LaneRequest,
): LanePlan {
  const plan = planLane(component ?? nearby, request);
  if (!plan.ok || component !== null || plan.moves.length === 0) return plan;
  return refused(nearby, request);
}

/**
 * The holds connected to [start, end) through chains of overlaps among `holds` (in memory;
 * the same closure ResourceBookingRepository.component computes in SQL). null when the chain
 * reaches outside `loaded` (what was read may not be all of it) or goes over `limit`.
 */
export function componentOf(
  holds: readonly LaneHold[],
  start: number,
  end: number,
  loaded: { from: number; to: number },
  limit: number,
): { holds: LaneHold[] | null; complete: boolean } {
  let window = { from: start, to: end };
  for (;;) {
    const found = holds.filter((h) => h.start < window.to && window.from < h.end);
    if (found.length > limit) return { holds: null, complete: true };
    const next = {
      from: Math.min(window.from, ...found.map((h) => h.start)),
      to: Math.max(window.to, ...found.map((h) => h.end)),
    };
    if (next.from < loaded.from || next.to > loaded.to) return { holds: null, complete: false };
    if (next.from === window.from && next.to === window.to) return { holds: found, complete: true };
    window = next;
  }
}
