import {
  requirementMinutes,
  staffOutsideSession,
  staffOutsideSessionMessage,
} from './staff-in-session';

describe('a staff requirement lies inside its session', () => {
  it('defaults to the whole session, or from the offset to its end', () => {
    expect(requirementMinutes({}, 120)).toEqual({ start: 0, end: 120 });
    expect(requirementMinutes({ offsetMinutes: 30 }, 120)).toEqual({ start: 30, end: 120 });
    expect(requirementMinutes({ offsetMinutes: 30, durationMinutes: 15 }, 120)).toEqual({
      start: 30,
      end: 45,
    });
  });

  it.each([
    [{}, 120],
    [{ durationMinutes: 120 }, 120],
    [{ offsetMinutes: 119 }, 120],
    [{ offsetMinutes: 100, durationMinutes: 20 }, 120],
  ])('inside: %j in a %d-minute session', (req, session) => {
    expect(staffOutsideSession(req, session)).toBeUndefined();
  });

  it.each([
    [{ durationMinutes: 121 }, 120, { start: 0, end: 121 }],
    [{ offsetMinutes: 100, durationMinutes: 30 }, 120, { start: 100, end: 130 }],
    [{ offsetMinutes: 120 }, 120, { start: 120, end: 120 }],
    [{ offsetMinutes: 200, durationMinutes: 10 }, 120, { start: 200, end: 210 }],
    [{ offsetMinutes: -5, durationMinutes: 10 }, 120, { start: -5, end: 5 }],
  ])('outside: %j in a %d-minute session', (req, session, minutes) => {
    expect(staffOutsideSession(req, session)).toEqual(minutes);
  });

  it('says which role, which minutes and how long the session is', () => {
    expect(staffOutsideSessionMessage('rn', { start: 100, end: 130 }, 120)).toBe(
      'the rn requirement runs from minute 100 to minute 130, outside the 120-minute session',
    );
  });
});
