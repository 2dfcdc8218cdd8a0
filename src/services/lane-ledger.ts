import type { EntityManager } from 'typeorm';
import {
  componentOf,
  decideLane,
  LaneHold,
  LaneMove,
  LanePlan,
  LaneSegment,
  REPACK_LIMIT,
} from '../domain/booking/lanes';
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
  /**
   * Where each hold laid out in memory comes from: `stored <id>` (a stored row a re-pack moved
   * or split; its parts replace it) or `new <i>` (the i-th booking added). Stored rows never
   * touched are not in it.
   */
  private readonly origin = new Map<LaneHold, string>();
  /** Stored hold rows a re-pack touched, with their resource. */
  private readonly touched = new Map<string, string>();
  private readonly added: { want: PlannedBooking; appointmentId: string }[] = [];

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
      const at = holds.findIndex((h) => h.id === move.id);
      const [old] = holds.splice(at, 1);
      const origin = this.origin.get(old) ?? `stored ${old.id}`;
      if (!this.origin.has(old)) this.touched.set(old.id, want.resourceId);
      this.origin.delete(old);
      move.segments.forEach((seg, k) => {
        const id = move.segments.length === 1 ? old.id : `${old.id}/${k}`;
        this.put(holds, { ...old, id, ...seg }, origin);
      });
    }
    const origin = `new ${this.added.length}`;
    plan.segments.forEach((seg, k) =>
      this.put(holds, { id: `${origin}/${k}`, appointmentId, cap: want.cap, ...seg }, origin),
    );
    this.added.push({ want, appointmentId });
  }

  private put(holds: LaneHold[], hold: LaneHold, origin: string): void {
    holds.push(hold);
    this.origin.set(hold, origin);
  }

  /** The parts laid out in memory for one origin, by start. */
  private parts(resourceId: string, origin: string): LaneSegment[] {
    return this.holds
      .get(resourceId)!
      .filter((h) => this.origin.get(h) === origin)
      .sort((a, b) => a.start - b.start)
      .map(({ start, end, lane }) => ({ start, end, lane }));
  }

  /** Stored holds the re-packs moved or split, with their final rows. */
  moves(): LaneMove[] {
    return [...this.touched].map(([id, resourceId]) => ({
      id,
      segments: this.parts(resourceId, `stored ${id}`),
    }));
  }

  /** The new bookings' lane rows, with their final lanes. */
  rows(): { appointmentId: string; booking: NewResourceBooking }[] {
    return this.added.map(({ want, appointmentId }, i) => ({
      appointmentId,
      booking: {
        kind: want.kind,
        resourceId: want.resourceId,
        start: want.start,
        end: want.end,
        cap: want.cap,
        segments: this.parts(want.resourceId, `new ${i}`),
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
    const decided = this.holds.get(resourceId)!.filter((h) => this.origin.has(h));
    this.holds.set(resourceId, [...stored.filter((h) => !this.touched.has(h.id)), ...decided]);
    this.loaded.set(resourceId, wider);
  }
}
