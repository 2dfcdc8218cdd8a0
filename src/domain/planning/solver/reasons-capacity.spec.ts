import type { Problem } from '../format';
import { solve } from '../solve';

/** Two patients, one featureless room open for exactly one 60-minute session. */
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

describe('capacity reasons', () => {
  it('names the room shortage without an empty feature list', () => {
    const solution = solve(oneRoomOneSlot([]));
    expect(solution.score.scheduledPatients).toBe(1);
    const messages = solution.unscheduled.flatMap((u) =>
      u.reasons.map((r) => `${r.code}: ${r.message}`),
    );
    expect(messages.join('\n')).toMatch(/NO_ROOM_CAPACITY: .*need a room\b/);
    expect(messages.join('\n')).not.toMatch(/room with\s*[;,.]/);
  });

  it('lists the features a room must have when there are some', () => {
    const solution = solve(oneRoomOneSlot(['therapy']));
    const messages = solution.unscheduled.flatMap((u) => u.reasons.map((r) => r.message));
    expect(messages.join('\n')).toMatch(/need a room with therapy/);
  });
});
