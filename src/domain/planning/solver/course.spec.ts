import { compileModel } from '../model/compile';
import { historyProblem } from '../solution-check/format-1-1.testing';
import { courseModel, firstGap, patientOffsets, resolvePoint } from './course';
import { computeDomains } from './domains';

/** historyProblem: dose and talk done Mon 1 March, dose missed Wed 3 March, now Wed 12:00. */
function model(mutate: (p: ReturnType<typeof historyProblem>) => void = () => {}) {
  const problem = historyProblem();
  mutate(problem);
  return courseModel(compileModel(problem));
}

const minutes = (iso: string) => Date.parse(iso) / 60_000;

describe('the course view (format 1.1 done sessions)', () => {
  it('counts only the new sessions and records the done ones', () => {
    const m = model();
    const p = m.patients[0];
    expect(p.counts).toEqual([1, 1]);
    expect(p.course!.doneCount).toEqual([1, 1]);
    expect(p.course!.lastDone[0]).toBe(minutes('2027-03-01T09:00:00-05:00'));
    expect(p.course!.missedAfter[0]).toBe(minutes('2027-03-03T09:00:00-05:00'));
    // Before the horizon (3 March): day index -2.
    expect(p.course!.done.map((d) => d.day)).toEqual([-2, -2]);
  });

  it('leaves a model without done sessions as it is', () => {
    const m = compileModel(historyProblem());
    m.patients[0].done = [];
    expect(courseModel(m)).toBe(m);
  });

  it('shifts kept bookings past the done sessions and the missed ones before them', () => {
    const m = model((p) => {
      p.patients[0].counts = { dose: 3 };
      p.existing!.push({
        ...p.existing![0],
        id: 'k3',
        index: 3,
        start: '2027-03-08T09:00',
        mode: 'keepIfPossible',
      });
    });
    expect(m.patients[0].existing.map((e) => [e.id, e.index])).toEqual([['k3', 1]]);
  });

  it('drops a kept booking whose index lies among the done ones (beyond every count)', () => {
    const compiled = compileModel(historyProblem());
    const done = compiled.patients[0].done[0];
    compiled.patients[0].existing = [{ ...done, id: 'k1', mode: 'keepIfPossible', pinned: false }];
    const [kept] = courseModel(compiled).patients[0].existing;
    expect(kept.index).toBeGreaterThan(compiled.patients[0].counts[0]);
  });

  it('resolves offset points naming a done session to its instant', () => {
    const m = model((p) => {
      p.protocols[0].rules!.push({
        type: 'offset',
        from: { series: 'dose', occurrence: 'first', point: 'end' },
        to: { series: 'dose', occurrence: 'last', point: 'start' },
        hours: { min: 44, max: 170 },
      });
    });
    const p = m.patients[0];
    expect(resolvePoint(m, p, { series: 0, occurrence: 'first', end: true })).toEqual({
      at: minutes('2027-03-01T11:00:00-05:00'),
    });
    expect(resolvePoint(m, p, { series: 0, occurrence: 'last', end: false })).toEqual({
      series: 0,
      k: 0,
      shift: 0,
    });
    const { links, bounds, broken } = patientOffsets(m, p);
    expect([links.length, broken]).toEqual([0, -1]);
    expect(bounds).toEqual([
      expect.objectContaining({
        series: 0,
        k: 0,
        lo: minutes('2027-03-01T11:00:00-05:00') + 44 * 60,
        hi: minutes('2027-03-01T11:00:00-05:00') + 170 * 60,
      }),
    ]);
  });

  it('takes resumeGapHours for the first new session after the miss, gapHours before it', () => {
    const m = model();
    const proto = m.protocols[0];
    const course = m.patients[0].course!;
    expect(firstGap(proto, course, 0, minutes('2027-03-05T09:00:00-05:00'))).toEqual({
      min: 44 * 60,
      max: 168 * 60,
      resumed: true,
    });
    expect(firstGap(proto, course, 0, minutes('2027-03-03T08:00:00-05:00')).resumed).toBe(false);
  });

  it('names the resume gap when no start lies within it', () => {
    const m = model((p) => {
      p.protocols[0].series[0].resumeGapHours = { max: 50 };
      p.now = '2027-03-03T18:00';
    });
    expect(computeDomains(m, m.patients[0], new Map()).failure).toEqual({
      kind: 'course',
      series: 0,
      gap: true,
      resumed: true,
    });
  });
});
