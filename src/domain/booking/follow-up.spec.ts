import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { ProtocolDefinition } from '../catalog/protocol-definition';
import type { FollowUpRule } from '../planning/format';
import { courseIssues } from './course-rules';
import { maximumMatching } from '../planning/solution-check/bipartite';
import { followsUp } from '../planning/solution-check/follow-up';
import { localDateOf } from '../time/zoned-format';
import { followUpIssues, type FollowUpSession } from './follow-up';

const zone = 'America/New_York';
const at = (local: string) => DateTime.fromISO(local, { zone }).toMillis();

/** Doses (2 h) each followed by an integration within 0–24 h of its end. */
function protocol(over: Partial<FollowUpRule> = {}): ProtocolDefinition {
  return {
    series: [
      { id: 'dose', sessionType: 'iv', count: { min: 2, max: 3 }, gapHours: { min: 48 } },
      { id: 'int', sessionType: 'talk', count: { min: 2, max: 3 } },
    ],
    rules: [
      { type: 'followUp', anchor: 'dose', targets: ['int'], hours: { min: 0, max: 24 }, ...over },
    ],
  };
}
const two = { dose: 2, int: 2 };
const three = { dose: 3, int: 3 };

function s(series: string, index: number, local: string, isNew = false): FollowUpSession {
  const start = at(local);
  const minutes = series === 'dose' ? 120 : 60;
  return { series, index, start, end: start + minutes * 60_000, isNew };
}

const NEED = 'the protocol needs one (int) within 0–24 h after each dose ends, each dose its own';

describe('followUpIssues', () => {
  const dose1 = s('dose', 1, '2027-03-08T09:00'); // Monday, ends 11:00
  const int1 = s('int', 1, '2027-03-08T11:00');
  const dose2 = s('dose', 2, '2027-03-10T09:00'); // Wednesday, ends 11:00

  it('accepts the last follow-up inside its window', () => {
    const int2 = s('int', 2, '2027-03-10T11:00', true);
    expect(followUpIssues([dose1, int1, dose2, int2], protocol(), two, zone)).toEqual([]);
  });

  it('refuses the last follow-up a week late, naming the sessions and the bound', () => {
    const int2 = s('int', 2, '2027-03-17T11:00', true); // the clocks went forward on the 14th
    expect(followUpIssues([dose1, int1, dose2, int2], protocol(), two, zone)).toEqual([
      {
        pointer: '/start',
        code: 'FOLLOW_UP',
        message: `int 2 would start 167 h after the end of dose 2, which then has no follow-up of its own; ${NEED}`,
      },
    ]);
  });

  it('lets an anchor be booked before its follow-up (the follow-up may still be booked)', () => {
    const newDose2 = { ...dose2, isNew: true };
    expect(followUpIssues([dose1, int1, newDose2], protocol(), two, zone)).toEqual([]);
    expect(followUpIssues([{ ...dose1, isNew: true }], protocol(), two, zone)).toEqual([]);
  });

  it('refuses an anchor whose every target is booked out of reach', () => {
    const int2 = s('int', 2, '2027-03-10T11:00');
    const late = s('dose', 2, '2027-03-12T09:00', true); // Friday: int 2 was Wednesday
    expect(followUpIssues([dose1, int1, int2, late], protocol(), two, zone)).toEqual([
      {
        pointer: '/start',
        code: 'FOLLOW_UP',
        message: `dose 2 would have no follow-up of its own: int 2 starts 48 h before its end; ${NEED}`,
      },
    ]);
  });

  it('is one-to-one: two anchors cannot share one follow-up', () => {
    const int2 = s('int', 2, '2027-03-12T11:00'); // Friday
    const afternoon = s('int', 1, '2027-03-08T15:00'); // 4 h after dose 1 ends
    const close = s('dose', 2, '2027-03-08T12:00', true); // int 1 would fit it too
    const [issue] = followUpIssues([dose1, afternoon, int2, close], protocol(), two, zone);
    expect(issue.message).toBe(
      `dose 2 would have no follow-up of its own: int 1 is needed by another dose; ${NEED}`,
    );
  });

  it('refuses once the window is closed for the sessions still to book (series order)', () => {
    // int 3 is still to book but must come after int 2 (Friday): nothing is left for dose 2.
    const int2 = s('int', 2, '2027-03-12T11:00', true);
    expect(followUpIssues([dose1, int1, dose2, int2], protocol(), three, zone)).toEqual([
      expect.objectContaining({
        code: 'FOLLOW_UP',
        message: expect.stringContaining('int 2 would start 48 h after the end of dose 2'),
      }),
    ]);
    // Booking int 3 on Friday instead leaves int 2 free to follow dose 2 on Wednesday.
    const int3 = s('int', 3, '2027-03-12T11:00', true);
    expect(followUpIssues([dose1, int1, dose2, int3], protocol(), three, zone)).toEqual([]);
  });

  it('counts the anchors still to book: a target they need is not free for another', () => {
    const twoTargets: ProtocolDefinition = {
      series: [
        { id: 'dose', sessionType: 'iv', count: { min: 2, max: 2 } },
        { id: 'int', sessionType: 'talk', count: { min: 1, max: 1 } },
        { id: 'walk', sessionType: 'walk', count: { min: 1, max: 1 } },
      ],
      rules: [{ type: 'followUp', anchor: 'dose', targets: ['int', 'walk'], hours: { max: 24 } }],
    };
    const counts = { dose: 2, int: 1, walk: 1 };
    const int = s('int', 1, '2027-03-08T12:00'); // dose 1's follow-up
    // Before dose 1 (and so before dose 2, still to book): dose 2 would be left with nothing.
    const early = s('walk', 1, '2027-03-08T08:00', true);
    expect(followUpIssues([dose1, int, early], twoTargets, counts, zone)).toEqual([
      {
        pointer: '/start',
        code: 'FOLLOW_UP',
        message:
          'walk 1 would leave dose 2 (still to book) without a follow-up of its own; the protocol needs one (int/walk) within 0–24 h after each dose ends, each dose its own',
      },
    ]);
    const later = s('walk', 1, '2027-03-10T12:00', true);
    expect(followUpIssues([dose1, int, later], twoTargets, counts, zone)).toEqual([]);
  });

  it('refuses a first follow-up outside its anchor’s window', () => {
    const far = s('int', 1, '2027-03-09T12:00', true); // 25 h after dose 1 ends
    const int2 = s('int', 2, '2027-03-12T11:00');
    const [issue] = followUpIssues([dose1, far, int2], protocol(), two, zone);
    expect(issue).toMatchObject({ code: 'FOLLOW_UP' });
    expect(issue.message).toContain('int 1 would start 25 h after the end of dose 1');
  });

  it('keeps sameDay: the window ends at the anchor’s local midnight', () => {
    const sameDay = protocol({ sameDay: true });
    const evening = s('dose', 1, '2027-03-08T16:00'); // ends 18:00
    const nextMorning = s('int', 1, '2027-03-09T07:00', true); // 13 h later, next day
    expect(followUpIssues([evening, nextMorning], sameDay, two, zone)).toEqual([
      expect.objectContaining({ code: 'FOLLOW_UP' }),
    ]);
    expect(followUpIssues([evening, nextMorning], protocol(), two, zone)).toEqual([]);
    // Booked as int 1, it forces int 2 (still to book) after it: still the next day.
    const asFirst = { ...nextMorning, index: 1 };
    const dose2Later = s('dose', 2, '2027-03-10T09:00');
    expect(
      followUpIssues([evening, dose2Later, { ...asFirst }], sameDay, two, zone).map((i) => i.code),
    ).toEqual(['FOLLOW_UP']);
  });

  it('reports nothing new on a course that was already broken', () => {
    const int2 = s('int', 2, '2027-03-17T11:00');
    const moved = s('int', 1, '2027-03-08T12:00', true);
    expect(followUpIssues([dose1, moved, dose2, int2], protocol(), two, zone)).toEqual([]);
  });

  it('is part of courseIssues', () => {
    const int2 = s('int', 2, '2027-03-17T11:00', true);
    expect(courseIssues([dose1, int1, dose2, int2], protocol(), two, zone)).toEqual([
      expect.objectContaining({ code: 'FOLLOW_UP' }),
    ]);
  });
});

describe('followUpIssues never refuses a session the course could still be completed around', () => {
  const HOUR = 3_600_000;
  const monday = at('2027-04-05T00:00');
  const rules: FollowUpRule[] = [
    { type: 'followUp', anchor: 'dose', targets: ['int'], hours: { min: 0, max: 24 } },
    {
      type: 'followUp',
      anchor: 'dose',
      targets: ['int'],
      hours: { min: 2, max: 30 },
      sameDay: true,
    },
    { type: 'followUp', anchor: 'dose', targets: ['int', 'walk'], hours: { max: 48 } },
  ];
  const counts = { dose: 2, int: 2, walk: 2 };
  /** Starts (whole hours from Monday), sorted: a series' sessions are numbered in time order. */
  const starts = (n: number) =>
    fc
      .uniqueArray(fc.integer({ min: 0, max: 72 }), { minLength: n, maxLength: n })
      .map((hs) => hs.sort((a, b) => a - b));

  it('on every part of a completed course that meets the rule (fast-check)', () => {
    let met = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...rules),
        starts(counts.dose),
        starts(counts.int),
        starts(counts.walk),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        fc.nat(5),
        (rule, doses, ints, walks, keep, pick) => {
          const course = [
            ...doses.map((h, i) => ({ series: 'dose', index: i + 1, h, minutes: 120 })),
            ...ints.map((h, i) => ({ series: 'int', index: i + 1, h, minutes: 60 })),
            ...walks.map((h, i) => ({ series: 'walk', index: i + 1, h, minutes: 30 })),
          ].map(({ series, index, h, minutes }) => ({
            series,
            index,
            start: monday + h * HOUR,
            end: monday + h * HOUR + minutes * 60_000,
            isNew: false,
          }));
          const definition: ProtocolDefinition = { ...protocol(), rules: [rule] };
          // The completed course meets the rule as the planner's validator judges it.
          const date = (ms: number) => localDateOf(ms, zone);
          const anchors = course.filter((c) => c.series === rule.anchor);
          const targets = course.filter((c) => rule.targets.includes(c.series));
          const edges = anchors.map((a) =>
            targets.flatMap((t, j) =>
              followsUp(rule, { end: a.end, date: date(a.start) }, { ...t, date: date(t.start) })
                ? [j]
                : [],
            ),
          );
          fc.pre(!maximumMatching(edges, targets.length).includes(-1));
          met++;
          const part = course.filter((_, i) => keep[i] || i === pick);
          const judged = part.map((c) => ({ ...c, isNew: c === course[pick] }));
          expect(followUpIssues(judged, definition, counts, zone)).toEqual([]);
        },
      ),
      { numRuns: 1000, seed: 7, maxSkipsPerRun: 1000 },
    );
    expect(met).toBe(1000);
  });
});
