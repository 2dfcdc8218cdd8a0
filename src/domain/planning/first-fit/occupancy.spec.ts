import { personCanTake, roomCanTake, Timeline } from './occupancy';

const DAY = 1440;

describe('Timeline', () => {
  it('lists an interval across several 24 h buckets once, and only when it overlaps', () => {
    const t = new Timeline();
    const long = { s: DAY - 60, e: 2 * DAY + 60, share: 1 };
    const late = { s: 2 * DAY + 120, e: 2 * DAY + 180, share: 1 };
    t.add(long);
    t.add(late);
    expect(t.overlapping(DAY - 30, 2 * DAY + 150)).toEqual([long, late]);
    expect(t.overlapping(2 * DAY, 2 * DAY + 30)).toEqual([long]);
    expect(t.overlapping(2 * DAY + 60, 2 * DAY + 120)).toEqual([]);
    expect(t.anyOverlapping(2 * DAY + 60, 2 * DAY + 120)).toBe(false);
    expect(t.anyOverlapping(2 * DAY + 59, 2 * DAY + 120)).toBe(true);
  });

  it('forgets an interval on undo', () => {
    const t = new Timeline();
    const undo = t.add({ s: 100, e: 200, share: 1 });
    expect(t.anyOverlapping(150, 160)).toBe(true);
    undo();
    expect(t.anyOverlapping(150, 160)).toBe(false);
    expect(t.overlapping(0, DAY)).toEqual([]);
  });
});

describe('roomCanTake / personCanTake', () => {
  it('an exclusive room or person takes nothing that touches what it holds', () => {
    const t = new Timeline();
    t.add({ s: 100, e: 200, share: 1 });
    expect(roomCanTake(t, 200, 300, 1)).toBe(true);
    expect(roomCanTake(t, 199, 300, 1)).toBe(false);
    expect(personCanTake(t, 0, 100, 1)).toBe(true);
    expect(personCanTake(t, 0, 101, 1)).toBe(false);
  });

  it('a room of capacity 2 holds two at once, not three', () => {
    const t = new Timeline();
    t.add({ s: 100, e: 200, share: 1 });
    expect(roomCanTake(t, 150, 250, 2)).toBe(true);
    t.add({ s: 150, e: 250, share: 1 });
    expect(roomCanTake(t, 200, 300, 2)).toBe(true);
    expect(roomCanTake(t, 190, 300, 2)).toBe(false);
  });

  it('a shared watch holds as many as the smallest maxConcurrent among those at once', () => {
    const t = new Timeline();
    t.add({ s: 100, e: 200, share: 3 });
    t.add({ s: 100, e: 200, share: 3 });
    expect(personCanTake(t, 150, 250, 3)).toBe(true);
    expect(personCanTake(t, 150, 250, 2)).toBe(false);
    expect(personCanTake(t, 200, 250, 2)).toBe(true);
    t.add({ s: 300, e: 400, share: 1 });
    expect(personCanTake(t, 350, 360, 4)).toBe(false);
  });
});
