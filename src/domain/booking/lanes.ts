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

export type LanePlan =
  | {
      ok: true;
      /** Lane of the new hold; always 0 for cap 1 (which holds [0, ∞)). */
      lane: number;
      /** Existing holds to move to another lane first (empty unless fragmented). */
      moves: { id: string; lane: number }[];
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
  if (request.cap === 1) return { ok: true, lane: 0, moves: [] };
  const neighbours = component.filter((h) => overlaps(h, request));
  for (let lane = 0; lane < request.cap; lane++) {
    if (laneFits(lane, request, neighbours)) return { ok: true, lane, moves: [] };
  }
  return repack(component, request);
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
function repack(component: readonly LaneHold[], request: LaneRequest): LanePlan {
  const NEW = '\u0000new';
  const items = [
    ...component.map((h) => ({ ...h })),
    {
      id: NEW,
      appointmentId: '',
      start: request.start,
      end: request.end,
      lane: -1,
      cap: request.cap,
    },
  ].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1));
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
  if (!place(0)) {
    const conflicts = component.filter((h) => overlaps(h, request));
    return { ok: false, conflicts, limit: request.cap, from: request.start, to: request.end };
  }
  const moves = component
    .filter((h) => h.cap > 1 && lanes.get(h.id) !== h.lane)
    .map((h) => ({ id: h.id, lane: lanes.get(h.id)! }));
  return { ok: true, lane: lanes.get(NEW)!, moves };
}
