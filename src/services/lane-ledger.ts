import type { EntityManager } from 'typeorm';
import { componentOf, decideLane, LaneHold, LanePlan, REPACK_LIMIT } from '../domain/booking/lanes';
import {
  NewResourceBooking,
  ResourceBookingRepository,
} from '../repositories/resource-booking.repository';
import type { PlannedBooking } from './lane-planner';

const DAY_MS = 86_400_000;

/**
 * The lanes of many new bookings decided in memory (a plan run's commit): the resources' hold
 * rows are read once (the caller holds their locks), each booking is decided as LanePlanner
 * decides it against the database (`decideLane` over the chain of overlapping holds, the same
 * re-pack limit), and the decisions are kept: later bookings see the earlier ones, re-packs
 * move held lanes in memory. `moves()` and `rows()` are then written once, after which the
 * exclusion constraints judge every row as they judge a hand booking's.
 */
export class LaneLedger {
  private readonly holds = new Map<string, LaneHold[]>();
  private readonly loaded = new Map<string, { from: number; to: number }>();
  /** Stored hold id -> its new lane (re-packs). */
  private readonly moved = new Map<string, number>();
  private readonly added: { hold: LaneHold; want: PlannedBooking }[] = [];

  constructor(
    private readonly bookings: ResourceBookingRepository,
    private readonly manager: EntityManager,
  ) {}

  /** Reads the holds of `resourceIds` over [from, to) (a day's margin each side). */
  async load(resourceIds: readonly string[], from: number, to: number): Promise<void> {
    const window = { from: from - DAY_MS, to: to + DAY_MS };
    const found = await this.bookings.holdsOf(this.manager, resourceIds, window.from, window.to);
    for (const [id, holds] of found) {
      this.holds.set(id, holds);
      this.loaded.set(id, window);
    }
  }

  /** The lane plan of one booking, as LanePlanner.plan makes it against the database. */
  async decide(want: PlannedBooking): Promise<LanePlan> {
    if (!this.loaded.has(want.resourceId)) await this.load([want.resourceId], want.start, want.end);
    for (;;) {
      const holds = this.holds.get(want.resourceId)!;
      const window = this.loaded.get(want.resourceId)!;
      const found = componentOf(holds, want.start, want.end, window, REPACK_LIMIT);
      if (found.complete) {
        const nearby = found.holds ?? holds.filter((h) => h.start < want.end && want.start < h.end);
        return decideLane(found.holds, nearby, want);
      }
      await this.widen(want.resourceId, window);
    }
  }

  /** Keeps an accepted plan: its moves, and the new hold (seen by the bookings after it). */
  apply(want: PlannedBooking, plan: Extract<LanePlan, { ok: true }>, appointmentId: string): void {
    const holds = this.holds.get(want.resourceId)!;
    for (const move of plan.moves) {
      const hold = holds.find((h) => h.id === move.id)!;
      hold.lane = move.lane;
      if (!this.added.some((a) => a.hold === hold)) this.moved.set(move.id, move.lane);
    }
    const hold: LaneHold = {
      id: `new ${this.added.length}`,
      appointmentId,
      start: want.start,
      end: want.end,
      lane: plan.lane,
      cap: want.cap,
    };
    holds.push(hold);
    this.added.push({ hold, want });
  }

  /** Stored holds the re-packs moved, with their final lanes. */
  moves(): { id: string; lane: number }[] {
    return [...this.moved].map(([id, lane]) => ({ id, lane }));
  }

  /** The new bookings' lane rows, with their final lanes. */
  rows(): { appointmentId: string; booking: NewResourceBooking }[] {
    return this.added.map(({ hold, want }) => ({
      appointmentId: hold.appointmentId,
      booking: {
        kind: want.kind,
        resourceId: want.resourceId,
        start: want.start,
        end: want.end,
        cap: want.cap,
        lane: hold.lane,
      },
    }));
  }

  /** Reads the resource's holds over a window three times as wide, keeping what is decided. */
  private async widen(resourceId: string, window: { from: number; to: number }): Promise<void> {
    const span = window.to - window.from;
    const wider = { from: window.from - span, to: window.to + span };
    const stored = (
      await this.bookings.holdsOf(this.manager, [resourceId], wider.from, wider.to)
    ).get(resourceId)!;
    const mine = this.added.filter((a) => a.want.resourceId === resourceId).map((a) => a.hold);
    this.holds.set(resourceId, [
      ...stored.map((h) => ({ ...h, lane: this.moved.get(h.id) ?? h.lane })),
      ...mine,
    ]);
    this.loaded.set(resourceId, wider);
  }
}
