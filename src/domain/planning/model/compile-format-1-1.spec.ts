import { placeLocal } from '../../time/zone';
import { dayNumber } from '../../time/local-date';
import { groupProblem, historyProblem, withPresence } from '../solution-check/format-1-1.testing';
import { tinyProblem, tinySolution } from '../solution-check/tiny-problem.testing';
import { compileModel } from './compile';

const at = (date: string, minute: number) =>
  placeLocal('America/New_York', dayNumber(date), minute);

describe('compileModel: format 1.1', () => {
  it('compiles now to an instant (epoch minutes), and none to null', () => {
    expect(compileModel(historyProblem()).now).toBe(at('2027-03-03', 12 * 60));
    expect(compileModel(tinyProblem()).now).toBeNull();
  });

  it('keeps done and missed records apart from the bookings to keep, with their mode', () => {
    const problem = historyProblem();
    problem.existing!.push({
      ...problem.existing![0],
      id: 'k',
      index: 2,
      start: '2027-03-05T09:00',
      mode: 'keepIfPossible',
    });
    const [p1] = compileModel(problem).patients;
    expect(p1.existing.map((e) => [e.id, e.mode, e.pinned])).toEqual([
      ['k', 'keepIfPossible', false],
    ]);
    expect(p1.done.map((e) => [e.id, e.mode, e.series, e.start])).toEqual([
      ['a1', 'done', 0, at('2027-03-01', 9 * 60)], // before horizon.start: an instant, no day index
      ['a2', 'done', 1, at('2027-03-01', 13 * 60)],
    ]);
    expect(p1.missed.map((e) => [e.id, e.mode, e.index])).toEqual([['m2', 'missed', 2]]);
    expect(p1.done[0].staff).toEqual([[0], [1], [2]]);
  });

  it('compiles resumeGapHours in minutes, min defaulting to gapHours.min', () => {
    const problem = historyProblem();
    expect(compileModel(problem).protocols[0].series[0].resumeGap).toEqual({
      min: 44 * 60,
      max: 168 * 60,
    });
    problem.protocols[0].series[0].resumeGapHours = { min: 20, max: 120 };
    expect(compileModel(problem).protocols[0].series[0].resumeGap).toEqual({
      min: 20 * 60,
      max: 120 * 60,
    });
    expect(compileModel(tinyProblem()).protocols[0].series[0].resumeGap).toBeNull();
  });

  it('resolves a linked count into every patient`s counts', () => {
    const problem = tinyProblem();
    problem.formatVersion = 1.1;
    problem.protocols[0].series[1].count = { sameAs: 'dose' };
    problem.patients.push({ id: 'p2', protocol: 'iv', counts: { dose: 3 } });
    const model = compileModel(problem);
    expect(model.protocols[0].series.map((s) => [s.defaultCount, s.countSameAs])).toEqual([
      [2, null],
      [2, 0],
    ]);
    expect(model.patients.map((p) => p.counts)).toEqual([
      [2, 2],
      [3, 3],
    ]);
  });

  it('compiles group sizes and presence needs', () => {
    const group = compileModel(groupProblem());
    expect(group.sessionTypes.map((t) => t.group)).toEqual([null, null, { min: 2, max: 3 }]);
    const problem = tinyProblem();
    withPresence(problem, tinySolution());
    const dose = compileModel(problem).sessionTypes[0];
    expect(dose.needs.map((n) => [n.role, n.present, n.offset, n.duration])).toEqual([
      ['prescriber', false, 0, 30],
      ['rn', false, 0, 120],
      ['therapist', false, 0, 120],
      ['prescriber', true, 0, 120],
    ]);
  });

  it('compiles a version 1 problem as before (no history, no groups, no presence)', () => {
    const model = compileModel(tinyProblem());
    expect(model.patients[0]).toMatchObject({ done: [], missed: [], counts: [2, 2] });
    expect(
      model.sessionTypes.every((t) => t.group === null && t.needs.every((n) => !n.present)),
    ).toBe(true);
    expect(model.protocols[0].series.every((s) => s.countSameAs === null)).toBe(true);
  });
});
