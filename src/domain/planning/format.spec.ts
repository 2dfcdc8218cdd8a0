import { compareScores, type Score } from './format';

const base: Score = {
  scheduledPatients: 3,
  movedAppointments: 1,
  continuityBreaks: 2,
  completionDays: 10,
};

describe('compareScores', () => {
  it('is zero for equal scores', () => {
    expect(compareScores(base, { ...base })).toBe(0);
  });

  it('ranks more scheduled patients first, whatever the other terms', () => {
    const more = { ...base, scheduledPatients: 4, movedAppointments: 9, completionDays: 99 };
    expect(compareScores(more, base)).toBeLessThan(0);
    expect(compareScores(base, more)).toBeGreaterThan(0);
  });

  it('then fewer moved appointments, then fewer continuity breaks, then fewer days', () => {
    const fewerMoves = { ...base, movedAppointments: 0, continuityBreaks: 5 };
    expect(compareScores(fewerMoves, base)).toBeLessThan(0);
    const fewerBreaks = { ...base, continuityBreaks: 1, completionDays: 20 };
    expect(compareScores(fewerBreaks, base)).toBeLessThan(0);
    const sooner = { ...base, completionDays: 9 };
    expect(compareScores(sooner, base)).toBeLessThan(0);
    expect(compareScores(base, sooner)).toBeGreaterThan(0);
  });
});
