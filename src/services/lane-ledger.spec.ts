import type { EntityManager } from 'typeorm';
import { decideLane, LaneHold } from '../domain/booking/lanes';
import { SPLIT_CASE } from '../domain/booking/lanes.testing';
import type { ResourceBookingRepository } from '../repositories/resource-booking.repository';
import { LaneLedger } from './lane-ledger';
import type { PlannedBooking } from './lane-planner';

const H = 3_600_000;
const DAY = 24 * H;

/** A repository over fixed hold rows that records the windows read. */
function stored(rows: (LaneHold & { resourceId: string })[]) {
  const reads: { from: number; to: number }[] = [];
  const repo = {
    holdsOf: (_m: EntityManager, ids: readonly string[], from: number, to: number) => {
      reads.push({ from, to });
      return Promise.resolve(
        new Map(
          ids.map((id) => [
            id,
            rows
              .filter((r) => r.resourceId === id && r.start < to && from < r.end)
              .map(({ resourceId: _, ...h }) => ({ ...h })),
          ]),
        ),
      );
    },
  } as unknown as ResourceBookingRepository;
  return { repo, reads };
}

const want = (start: number, end: number, cap: number): PlannedBooking => ({
  kind: 'staff',
  resourceId: 'nurse',
  start,
  end,
  cap,
  pointer: '/staff/0/staffId',
  name: 'RN B',
});

describe('LaneLedger (lanes of many bookings decided in memory)', () => {
  it('lets each booking see the ones decided before it, and writes the final lanes', async () => {
    const { repo } = stored([]);
    const ledger = new LaneLedger(repo, {} as EntityManager);
    await ledger.load(['nurse'], 0, DAY);
    const first = await ledger.decide(want(9 * H, 11 * H, 2));
    expect(first).toEqual({
      ok: true,
      segments: [{ start: 9 * H, end: 11 * H, lane: 0 }],
      moves: [],
    });
    if (!first.ok) return;
    ledger.apply(want(9 * H, 11 * H, 2), first, 'a1');
    const second = await ledger.decide(want(10 * H, 12 * H, 2));
    expect(second).toMatchObject({ ok: true, segments: [{ lane: 1 }] });
    if (!second.ok) return;
    ledger.apply(want(10 * H, 12 * H, 2), second, 'a2');
    const third = await ledger.decide(want(10 * H, 11 * H, 2));
    expect(third.ok).toBe(false); // a third at once: over the nurse's sharing
    expect(
      ledger.rows().map((r) => [r.appointmentId, r.booking.segments.map((x) => x.lane)]),
    ).toEqual([
      ['a1', [0]],
      ['a2', [1]],
    ]);
    expect(ledger.moves()).toEqual([]);
  });

  it('reads further when a chain of overlapping holds leaves the window, as the database query does', async () => {
    // A chain of stored holds, each overlapping the next, running back three days.
    const rows = Array.from({ length: 12 }, (_, i) => ({
      id: `h${i}`,
      appointmentId: `s${i}`,
      resourceId: 'nurse',
      start: -3 * DAY + i * 7 * H,
      end: -3 * DAY + i * 7 * H + 8 * H,
      lane: i % 2,
      cap: 2,
    }));
    const { repo, reads } = stored(rows);
    const ledger = new LaneLedger(repo, {} as EntityManager);
    await ledger.load(['nurse'], 12 * H, 14 * H);
    const request = want(12 * H, 14 * H, 2);
    const plan = await ledger.decide(request);
    expect(reads.length).toBeGreaterThan(1);
    expect(reads[reads.length - 1].from).toBeLessThanOrEqual(rows[0].start);
    const all = rows.map(({ resourceId: _, ...h }) => h);
    const overlapping = all.filter((h) => h.start < request.end && request.start < h.end);
    expect(plan).toEqual(decideLane(all, overlapping, request));
  });

  it('keeps the moves of a re-pack: stored holds as moves, its own holds in their rows', async () => {
    // Two stored holds of a nurse shared 2 at once, on lanes that leave no lane free for 10–12.
    const { repo } = stored([
      {
        id: 's1',
        appointmentId: 'x1',
        resourceId: 'nurse',
        start: 8 * H,
        end: 11 * H,
        lane: 1,
        cap: 2,
      },
      {
        id: 's2',
        appointmentId: 'x2',
        resourceId: 'nurse',
        start: 11 * H,
        end: 13 * H,
        lane: 0,
        cap: 2,
      },
    ]);
    const ledger = new LaneLedger(repo, {} as EntityManager);
    await ledger.load(['nurse'], 0, DAY);
    const request = want(10 * H, 12 * H, 2);
    const plan = await ledger.decide(request);
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.moves.length).toBeGreaterThan(0);
    ledger.apply(request, plan, 'a1');
    expect(ledger.moves()).toEqual(plan.moves);
    expect(ledger.rows()).toEqual([
      {
        appointmentId: 'a1',
        booking: expect.objectContaining({ segments: plan.segments, cap: 2 }),
      },
    ]);
  });

  it('writes a split hold as its parts, and the bookings after it see them', async () => {
    // lanes.testing's split case: a share-3 session at 8–8.5 splits E (lane 3 at 4–8, then
    // lower); a second one at 12–12.5 lands next to E's second part.
    const { repo } = stored(
      SPLIT_CASE.map(([id, start, end, lane, cap]) => ({
        id,
        appointmentId: `x-${id}`,
        resourceId: 'nurse',
        start: start * H,
        end: end * H,
        lane,
        cap,
      })),
    );
    const ledger = new LaneLedger(repo, {} as EntityManager);
    await ledger.load(['nurse'], 0, DAY);
    for (const [id, start] of [
      ['a1', 8],
      ['a2', 12],
    ] as const) {
      const request = want(start * H, (start + 0.5) * H, 3);
      const plan = await ledger.decide(request);
      expect(plan.ok).toBe(true);
      if (plan.ok) ledger.apply(request, plan, id);
    }
    expect(ledger.moves()).toEqual([
      {
        id: 'E',
        segments: [
          { start: 4 * H, end: 8 * H, lane: 3 },
          { start: 8 * H, end: 13 * H, lane: 1 },
        ],
      },
    ]);
    expect(ledger.rows().map((r) => [r.appointmentId, r.booking.segments])).toEqual([
      ['a1', [{ start: 8 * H, end: 8.5 * H, lane: 2 }]],
      ['a2', [{ start: 12 * H, end: 12.5 * H, lane: 0 }]],
    ]);
  });
});
