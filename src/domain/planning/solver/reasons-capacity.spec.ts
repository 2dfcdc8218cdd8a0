import type { Problem } from '../format';
import { solve } from '../solve';

/** Two patients, one room open for exactly one 60-minute session. */
function oneRoomOneSlot(features: string[]): Problem {
  return {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 60 },
    horizon: { start: '2027-03-15', end: '2027-03-15' },
    staff: [
      {
        id: 'rn-1',
        roles: ['rn'],
        availability: [{ date: '2027-03-15', start: '08:00', end: '18:00' }],
      },
    ],
    rooms: [
      {
        id: 'room-1',
        features,
        availability: [{ date: '2027-03-15', start: '09:00', end: '10:00' }],
      },
    ],
    sessionTypes: [
      {
        id: 'talk-60',
        durationMinutes: 60,
        room: { features },
        staff: [{ role: 'rn', maxConcurrent: 2 }],
      },
    ],
    protocols: [
      { id: 'one', series: [{ id: 'talk', sessionType: 'talk-60', count: { min: 1, max: 1 } }] },
    ],
    patients: [
      { id: 'a', protocol: 'one' },
      { id: 'b', protocol: 'one' },
    ],
    options: { timeLimitMs: 2000, seed: 1 },
  };
}

describe('capacity reasons (counting proofs)', () => {
  it('names the room shortage with the counted hours, without an empty feature list', () => {
    const solution = solve(oneRoomOneSlot([]));
    expect(solution.score.scheduledPatients).toBe(1);
    expect(solution.stats.bound).toEqual({ scheduledPatients: 1 });
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('NO_ROOM_CAPACITY');
    expect(reason.message).toMatch(
      /at most 1 of these 2 patients .* need 2 h of time in a room \(this patient 1 h\), and 1 h is free/,
    );
    expect(reason.message).not.toMatch(/room with\s*[;,.(]/);
  });

  it('lists the features a room must have when there are some', () => {
    const solution = solve(oneRoomOneSlot(['therapy']));
    const messages = solution.unscheduled.flatMap((u) => u.reasons.map((r) => r.message));
    expect(messages.join('\n')).toMatch(/time in a room with therapy/);
  });

  it('offers one more room at the hour it is needed, verified', () => {
    const solution = solve(oneRoomOneSlot(['therapy']));
    expect(solution.unscheduled[0].reasons[0].suggestion).toMatch(
      /one more room with therapy \(capacity 1\), available 2027-03-15 \d\d:00–\d\d:00/,
    );
  });
});
