import { DateTime } from 'luxon';
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import { CourseSession, courseIssues } from './course-rules';

const zone = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();

const definition: ProtocolDefinition = {
  spanDays: { max: 14 },
  series: [
    { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
    { id: 'dose', sessionType: 'iv', count: { min: 6, max: 6 }, gapHours: { min: 44, max: 100 } },
  ],
  rules: [
    {
      type: 'offset',
      from: { series: 'intake', occurrence: 'last', point: 'end' },
      to: { series: 'dose', occurrence: 'first', point: 'start' },
      hours: { min: 20, max: 168 },
    },
  ],
};
const counts = { intake: 1, dose: 6 };

function session(series: string, index: number, local: string, minutes: number, isNew = false) {
  const start = at(local);
  return { series, index, start, end: start + minutes * 60_000, isNew } satisfies CourseSession;
}

describe('courseIssues', () => {
  const dose1 = session('dose', 1, '2027-03-08T09:00', 120);

  it('names a gap that is too short, with the protocol bound', () => {
    const issues = courseIssues(
      [dose1, session('dose', 2, '2027-03-09T15:00', 120, true)],
      definition,
      counts,
      zone,
    );
    expect(issues).toEqual([
      {
        pointer: '/start',
        code: 'GAP_HOURS',
        message: 'dose 2 would be 30 h after dose 1; the protocol needs ≥ 44 h',
      },
    ]);
  });

  it('scales the gap by the sessions still to book between two booked ones', () => {
    const ok = session('dose', 3, '2027-03-12T09:00', 120, true); // 96 h ≥ 2 × 44
    expect(courseIssues([dose1, ok], definition, counts, zone)).toEqual([]);
    const far = session('dose', 3, '2027-03-17T09:00', 120, true); // 215 h (DST) > 2 × 100
    const [issue] = courseIssues([dose1, far], definition, counts, zone);
    expect(issue.message).toBe(
      'dose 3 would be 215 h after dose 1; with 1 dose session still to book between them, the protocol needs ≤ 200 h (≤ 100 h per gap)',
    );
  });

  it('judges the gap on the new session whichever side it is on', () => {
    const dose3 = session('dose', 3, '2027-03-12T09:00', 120);
    const issues = courseIssues(
      [dose1, dose3, session('dose', 2, '2027-03-11T09:00', 120, true)],
      definition,
      counts,
      zone,
    );
    expect(issues.map((i) => i.message)).toEqual([
      'dose 3 would be 24 h after dose 2; the protocol needs ≥ 44 h',
    ]);
  });

  it('keeps series indexes in time order', () => {
    const issues = courseIssues(
      [dose1, session('dose', 2, '2027-03-05T09:00', 120, true)],
      definition,
      counts,
      zone,
    );
    expect(issues.map((i) => i.code)).toEqual(['SERIES_ORDER']);
    expect(issues[0].message).toBe(
      "dose 2 would start before dose 1; a series' sessions are numbered in time order",
    );
  });

  it('checks offset rules once both ends are booked, naming before/after', () => {
    const intake = session('intake', 1, '2027-03-08T13:00', 60, true);
    expect(courseIssues([dose1, intake], definition, counts, zone)).toEqual([
      {
        pointer: '/start',
        code: 'OFFSET_RULE',
        message:
          'the start of dose 1 would be 5 h before the end of intake 1; the protocol needs ≥ 20 h',
      },
    ]);
    // "last" is the enrollment's count, so a first dose alone does not trigger it.
    expect(courseIssues([intake], definition, counts, zone)).toEqual([]);
  });

  it('bounds the span of the booked course by spanDays.max (local dates)', () => {
    const late = session('dose', 2, '2027-03-22T09:00', 120, true);
    const issues = courseIssues([dose1, late], definition, counts, zone).filter(
      (i) => i.code === 'SPAN_DAYS',
    );
    expect(issues.map((i) => i.message)).toEqual([
      'the course would span 15 days (2027-03-08 to 2027-03-22); the protocol allows at most 14',
    ]);
  });

  it('reports nothing about sessions that are all already booked', () => {
    const old = [dose1, session('dose', 2, '2027-03-09T09:00', 120)];
    expect(courseIssues(old, definition, counts, zone)).toEqual([]);
  });
});
