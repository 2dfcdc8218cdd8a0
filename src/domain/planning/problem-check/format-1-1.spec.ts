import type { Problem } from '../format';
import { FEATURE_SINCE_VERSION } from '../format-features';
import {
  groupProblem,
  historyProblem,
  HISTORY_DONE_DOSE,
  withPresence,
} from '../solution-check/format-1-1.testing';
import { tinyProblem, tinySolution } from '../solution-check/tiny-problem.testing';
import { checkProblem, checkProblemFormat, PLANNER_UNSUPPORTED, type ProblemError } from './index';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const codes = (errors: ProblemError[]) => errors.map(({ pointer, code }) => ({ pointer, code }));

function formatErrors(problem: Problem, mutate: (p: Loose) => void = () => {}) {
  const copy = structuredClone(problem) as unknown as Loose;
  mutate(copy);
  const result = checkProblemFormat(JSON.parse(JSON.stringify(copy)));
  return result.ok ? [] : codes(result.errors);
}

function presenceProblem(): Problem {
  const problem = tinyProblem();
  withPresence(problem, tinySolution());
  return problem;
}

function linkedProblem(): Problem {
  const problem = tinyProblem();
  problem.formatVersion = 1.1;
  problem.protocols[0].series[1].count = { sameAs: 'dose' };
  return problem;
}

describe('checkProblem: format 1.1 fields', () => {
  it.each<[string, () => Problem]>([
    ['history (now, done, missed, resumeGapHours)', historyProblem],
    ['group sessions', groupProblem],
    ['presence', presenceProblem],
    ['linked counts', linkedProblem],
  ])('accepts %s in a 1.1 document', (_, build) => {
    expect(formatErrors(build())).toEqual([]);
  });

  it('names each 1.1 field a version 1 document uses, with its pointer', () => {
    const v1 = (build: () => Problem, mutate: (p: Loose) => void = () => {}) =>
      formatErrors(build(), (p) => {
        p.formatVersion = 1;
        mutate(p);
      });
    const needs = (...pointers: string[]) =>
      pointers.map((pointer) => ({ pointer, code: 'FIELD_NEEDS_FORMAT_VERSION' }));
    expect(v1(historyProblem)).toEqual(
      needs(
        '/now',
        '/protocols/0/series/0/resumeGapHours',
        '/existing/0/mode',
        '/existing/1/mode',
        '/existing/2/mode',
      ),
    );
    expect(
      v1(groupProblem, (p) => (p.existing = [{ ...groupBooking('q1'), mode: 'pinned' }])),
    ).toEqual(needs('/sessionTypes/2/group', '/existing/0/occurrence'));
    expect(v1(presenceProblem)).toEqual(needs('/sessionTypes/0/staff/3/mode'));
    expect(v1(tinyProblem, (p) => (p.sessionTypes[1].staff[0].mode = 'occupied'))).toEqual(
      needs('/sessionTypes/1/staff/0/mode'),
    );
    expect(v1(linkedProblem)).toEqual(needs('/protocols/0/series/1/count/sameAs'));
  });

  it('lists every feature with the version that introduced it', () => {
    expect(Object.values(FEATURE_SINCE_VERSION).every((v) => v === 1.1)).toBe(true);
  });
});

function groupBooking(patient: string) {
  return {
    id: `e-${patient}`,
    patient,
    series: 'circle',
    index: 1,
    start: '2027-03-01T10:00',
    room: 'circle-1',
    staff: [{ id: 'fac-1', role: 'facilitator' }],
    mode: 'keepIfPossible',
    occurrence: 'c1',
  };
}

describe('checkProblem: format 1.1 references', () => {
  it.each<[string, () => Problem, (p: Loose) => void, string, string]>([
    [
      'an invalid now',
      historyProblem,
      (p) => (p.now = '2027-03-03 12:00'),
      '/now',
      'INVALID_DATE_TIME',
    ],
    [
      'an unknown existing mode',
      historyProblem,
      (p) => (p.existing[0].mode = 'attended'),
      '/existing/0/mode',
      'NOT_ALLOWED',
    ],
    [
      'resumeGapHours without max',
      historyProblem,
      (p) => (p.protocols[0].series[0].resumeGapHours = { min: 44 }),
      '/protocols/0/series/0/resumeGapHours/max',
      'REQUIRED',
    ],
    [
      'resumeGapHours below the default min',
      historyProblem,
      (p) => (p.protocols[0].series[0].resumeGapHours = { max: 40 }),
      '/protocols/0/series/0/resumeGapHours/max',
      'RANGE_REVERSED',
    ],
    [
      'a done session of an unknown series',
      historyProblem,
      (p) => (p.existing[0].series = 'boost'),
      '/existing/0/series',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a missed session of an unknown patient',
      historyProblem,
      (p) => (p.existing[2].patient = 'ghost'),
      '/existing/2/patient',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a group with min above max',
      groupProblem,
      (p) => (p.sessionTypes[2].group = { min: 4, max: 3 }),
      '/sessionTypes/2/group/max',
      'RANGE_REVERSED',
    ],
    [
      'a group of zero',
      groupProblem,
      (p) => (p.sessionTypes[2].group.min = 0),
      '/sessionTypes/2/group/min',
      'OUT_OF_RANGE',
    ],
    [
      'a presence role nobody holds',
      presenceProblem,
      (p) => (p.sessionTypes[0].staff[3].role = 'physician'),
      '/sessionTypes/0/staff/3/role',
      'NO_STAFF_FOR_ROLE',
    ],
    [
      'a shared presence requirement',
      presenceProblem,
      (p) => (p.sessionTypes[0].staff[3].maxConcurrent = 2),
      '/sessionTypes/0/staff/3/maxConcurrent',
      'NOT_ALLOWED',
    ],
    [
      'an unknown requirement mode',
      presenceProblem,
      (p) => (p.sessionTypes[0].staff[3].mode = 'nearby'),
      '/sessionTypes/0/staff/3/mode',
      'NOT_ALLOWED',
    ],
    [
      'a link to an unknown series',
      linkedProblem,
      (p) => (p.protocols[0].series[1].count.sameAs = 'doses'),
      '/protocols/0/series/1/count/sameAs',
      'UNKNOWN_REFERENCE',
    ],
    [
      'a link to itself',
      linkedProblem,
      (p) => (p.protocols[0].series[1].count.sameAs = 'talk'),
      '/protocols/0/series/1/count/sameAs',
      'LINKED_COUNT_CHAIN',
    ],
    [
      'a link with an extra field',
      linkedProblem,
      (p) => (p.protocols[0].series[1].count.min = 1),
      '/protocols/0/series/1/count/min',
      'UNKNOWN_FIELD',
    ],
    [
      'patient counts naming a linked series',
      linkedProblem,
      (p) => (p.patients[0].counts = { talk: 2 }),
      '/patients/0/counts/talk',
      'COUNT_OF_LINKED_SERIES',
    ],
    [
      'an occurrence on a non-group booking',
      historyProblem,
      (p) => (p.existing[0].occurrence = 'c1'),
      '/existing/0/occurrence',
      'OCCURRENCE_NOT_GROUP',
    ],
    [
      'a group booking without its occurrence',
      groupProblem,
      (p) => (p.existing = [{ ...groupBooking('q1'), occurrence: undefined }]),
      '/existing/0/occurrence',
      'REQUIRED',
    ],
    [
      'bookings of one occurrence in two rooms',
      groupProblem,
      (p) => (p.existing = [groupBooking('q1'), { ...groupBooking('q2'), room: 'circle-2' }]),
      '/existing/1/occurrence',
      'OCCURRENCE_MISMATCH',
    ],
  ])('rejects %s', (_, build, mutate, pointer, code) => {
    expect(formatErrors(build(), mutate)).toEqual([{ pointer, code }]);
  });

  it('rejects a chain of links', () => {
    const errors = formatErrors(linkedProblem(), (p) =>
      p.protocols[0].series.push({ id: 'extra', sessionType: 'talk', count: { sameAs: 'talk' } }),
    );
    expect(errors).toEqual([
      { pointer: '/protocols/0/series/2/count/sameAs', code: 'LINKED_COUNT_CHAIN' },
    ]);
  });

  it('checks a linked series` occurrences and existing indexes against the count it takes', () => {
    const problem = linkedProblem();
    problem.patients[0].counts = { dose: 3 };
    problem.existing = [
      {
        ...structuredClone(HISTORY_DONE_DOSE),
        series: 'talk',
        index: 3,
        start: '2027-03-01T13:00',
        room: 'th-1',
        staff: [{ id: 'ther-1', role: 'therapist' }],
        mode: 'pinned',
      },
    ];
    expect(formatErrors(problem)).toEqual([]);
    problem.existing[0].index = 4;
    expect(formatErrors(problem)).toEqual([
      { pointer: '/existing/0/index', code: 'INDEX_OUT_OF_RANGE' },
    ]);
  });

  it('accepts bookings sharing an occurrence, and a missed record reusing an index', () => {
    expect(
      formatErrors(groupProblem(), (p) => (p.existing = [groupBooking('q1'), groupBooking('q2')])),
    ).toEqual([]);
    expect(
      formatErrors(historyProblem(), (p) =>
        p.existing.push({ ...p.existing[2], id: 'm3', start: '2027-03-05T09:00' }),
      ),
    ).toEqual([]);
  });
});

describe('checkProblem: done sessions', () => {
  const invalid = (pointer: string) => [{ pointer, code: 'DONE_SESSION_INVALID' }];

  it('accepts done sessions before horizon.start and before now', () => {
    const problem = historyProblem();
    expect(problem.existing![0].start < problem.horizon.start).toBe(true);
    expect(formatErrors(problem)).toEqual([]);
  });

  it('does not judge done sessions by resources or the patient day', () => {
    const errors = formatErrors(historyProblem(), (p) => {
      p.clinic.closures = ['2027-03-01'];
      p.staff[0].availability = [];
      p.rooms.splice(0, 1, { id: 'inf-1', features: [], availability: [] });
      p.protocols[0].restDays = ['MO'];
      p.protocols[0].patientDay.end = '10:00';
    });
    expect(errors).toEqual([]);
  });

  it.each<[string, (p: Loose) => void, string]>([
    [
      'notSameDay',
      (p) => p.protocols[0].rules.push({ type: 'notSameDay', series: ['dose', 'talk'] }),
      '/existing/1',
    ],
    [
      'separation',
      (p) =>
        p.protocols[0].rules.push({ type: 'separation', series: ['dose', 'talk'], minHours: 5 }),
      '/existing/1',
    ],
    [
      'continuity',
      (p) => {
        p.protocols[0].continuity = [
          { series: ['dose', 'talk'], role: 'therapist', mode: 'require' },
        ];
        p.existing[1].staff[0].id = 'ther-2';
      },
      '/existing/1',
    ],
    // Done dose Mon and done dose Fri with the miss on Wed: 96 h, over a resume max of 72 h.
    [
      'a closed resume gap',
      (p) => {
        p.protocols[0].series[0].resumeGapHours = { max: 72 };
        p.patients[0].counts = { dose: 3 };
        p.existing.push({ ...p.existing[0], id: 'd3', index: 2, start: '2027-03-05T09:00' });
        p.now = '2027-03-05T12:00';
      },
      '/existing/3',
    ],
    [
      'a gap too short, whatever comes later',
      (p) => {
        p.patients[0].counts = { dose: 3 };
        p.existing.push({ ...p.existing[0], id: 'd3', index: 2, start: '2027-03-02T09:00' });
      },
      '/existing/3',
    ],
    [
      'an offset between done sessions',
      (p) =>
        p.protocols[0].rules.push({
          type: 'offset',
          from: { series: 'dose', occurrence: 1, point: 'start' },
          to: { series: 'talk', occurrence: 1, point: 'start' },
          hours: { min: 5 },
        }),
      '/existing/1',
    ],
    [
      'a follow-up whose window closed before now',
      (p) => {
        p.existing.splice(1, 1);
        p.protocols[0].series[1].count = { min: 1, max: 2, default: 1 };
      },
      '/existing/0',
    ],
    [
      'spanDays.max',
      (p) => {
        p.protocols[0].spanDays = { max: 1 };
        p.existing.push({
          ...p.existing[0],
          id: 'd3',
          index: 2,
          start: '2027-03-03T09:00',
          mode: 'done',
        });
      },
      '/existing/3',
    ],
  ])('rejects done sessions breaking %s', (_, mutate, pointer) => {
    expect(formatErrors(historyProblem(), mutate)).toEqual(invalid(pointer));
  });

  it('rejects a pinned booking overlapping a done session', () => {
    const errors = formatErrors(historyProblem(), (p) =>
      p.existing.push({
        ...p.existing[1],
        id: 'pin',
        index: 2,
        start: '2027-03-01T10:30',
        mode: 'pinned',
      }),
    );
    expect(errors).toContainEqual({ pointer: '/existing/3', code: 'DONE_SESSION_INVALID' });
  });

  it('leaves an open gap to the planner: a later session may still come between', () => {
    // Done Mon and done next Mon (168 h > 100 h) with no now: a dose may be added between them.
    const errors = formatErrors(historyProblem(), (p) => {
      delete p.now;
      p.patients[0].counts = { dose: 3 };
      p.existing.splice(2, 1);
      p.existing.push({ ...p.existing[0], id: 'd3', index: 3, start: '2027-03-08T09:00' });
    });
    expect(errors).toEqual([]);
  });
});

describe('checkProblem: the planner gate', () => {
  it.each<[string, () => Problem, string[]]>([
    [
      'done sessions without now',
      () => {
        const p = historyProblem();
        delete p.now;
        return p;
      },
      ['/existing/0/start', '/existing/1/start'],
    ],
    [
      'a done session after now',
      () => {
        const p = historyProblem();
        p.now = '2027-03-01T12:00';
        return p;
      },
      ['/existing/1/start'],
    ],
    [
      'a pinned booking before a done session of its series',
      () => {
        // A talk pinned on Fri 26 February, before the talk done on Mon 1 March.
        const p = historyProblem();
        p.horizon.start = '2027-02-22';
        p.patients[0].earliestStart = '2027-02-22';
        p.existing![1].index = 2;
        p.existing!.push({
          ...p.existing![1],
          id: 'pin',
          index: 1,
          start: '2027-02-26T13:00',
          mode: 'pinned',
        });
        return p;
      },
      ['/existing/3/start'],
    ],
  ])('refuses %s with NOT_SUPPORTED_BY_PLANNER at each field', (_, build, pointers) => {
    const result = checkProblem(build());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('NOT_SUPPORTED_BY_PLANNER');
    expect(codes(result.errors)).toEqual(
      pointers.map((pointer) => ({ pointer, code: 'NOT_SUPPORTED_BY_PLANNER' })),
    );
  });

  it('lets a course in progress through (done sessions before now, missed, resumeGapHours)', () => {
    const problem = historyProblem();
    expect(checkProblem(problem)).toEqual({ ok: true, problem });
  });

  it('lets linked counts and an explicit occupied mode through', () => {
    const problem = linkedProblem();
    problem.sessionTypes[1].staff[0].mode = 'occupied';
    expect(checkProblem(problem)).toEqual({ ok: true, problem });
  });

  it('lets group sessions through: the planner plans them', () => {
    const problem = groupProblem();
    expect(checkProblem(problem)).toEqual({ ok: true, problem });
  });

  it('lets presence requirements through (the planner plans them)', () => {
    const problem = presenceProblem();
    expect(checkProblem(problem)).toEqual({ ok: true, problem });
  });

  it('reports an invalid document as INVALID_PROBLEM before the gate', () => {
    const problem = historyProblem();
    problem.now = 'soon';
    const result = checkProblem(problem);
    expect(!result.ok && result.code).toBe('INVALID_PROBLEM');
  });

  it('keeps the list of unsupported features in one place', () => {
    expect([...PLANNER_UNSUPPORTED]).toEqual([]);
  });
});
