import { fillTable, sharedMinutes, usable } from './joint-capacity';

describe('joint capacity counting', () => {
  it('fills a stretch only with whole sessions of the given durations', () => {
    const fill = fillTable([60, 45]);
    expect(fill[44]).toBe(0);
    expect(fill[59]).toBe(45);
    expect(fill[100]).toBe(90); // 45 + 45
    expect(fill[105]).toBe(105); // 60 + 45
    expect(fill[119]).toBe(105);
  });

  it('counts the fillable minutes of each free stretch inside the window', () => {
    const fill = fillTable([60]);
    // Free 0–200 with 50–100 booked: stretches of 50 (holds nothing) and 100 (one session).
    expect(usable([0, 200], [{ s: 50, e: 100 }], 0, 1000, fill)).toBe(60);
    // Overlapping bookings (shared staff) and a window cutting the second stretch.
    expect(
      usable(
        [0, 200, 300, 500],
        [
          { s: 0, e: 30 },
          { s: 10, e: 20 },
          { s: 400, e: 420 },
        ],
        0,
        480,
        fill,
      ),
    ).toBe(120 + 60 + 60); // 30–200 holds 2, 300–400 one, 420–480 one
    expect(usable([0, 100], [], 100, 200, fill)).toBe(0);
  });

  it('counts a shared room in place-minutes', () => {
    // Capacity 2, open 0–100, one booking 0–60: 200 − 60.
    expect(sharedMinutes([0, 100], [{ s: 0, e: 60 }], 0, 100, 2)).toBe(140);
    expect(sharedMinutes([0, 100], [{ s: 0, e: 60 }], 50, 100, 2)).toBe(90);
  });
});
