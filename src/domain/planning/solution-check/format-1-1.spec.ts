/**
 * The independent validator on format 1.1: each addition's rule, mutation-
 * checked (a valid solution passes; a change breaking exactly that rule is
 * reported with its code).
 */
import type { Problem, Solution } from '../format';
import {
  groupProblem,
  groupSolution,
  historyProblem,
  historySolution,
  withPresence,
} from './format-1-1.testing';
import { tinyProblem, tinySolution, withSecondPatient } from './tiny-problem.testing';
import { validateSolution } from './index';

type Mutate = (problem: Problem, solution: Solution) => void;

function rulesOf(problem: Problem, solution: Solution): string[] {
  return [...new Set(validateSolution(problem, solution).map((v) => v.rule))].sort();
}

const appt = (s: Solution, id: string) => s.appointments.find((a) => a.id === id)!;
const dose = (p: Problem) => p.protocols[0].series[0];

describe('format 1.1: history (now, done, missed, resumeGapHours)', () => {
  const after = (mutate: Mutate) => {
    const [problem, solution] = [historyProblem(), historySolution()];
    mutate(problem, solution);
    return rulesOf(problem, solution);
  };

  it('accepts the resumed course', () => {
    expect(after(() => {})).toEqual([]);
  });

  it.each<[string, Mutate]>([
    ['BEFORE_NOW', (p) => (p.now = '2027-03-08T10:00')],
    ['DONE_CHANGED', (_, s) => (appt(s, 'a1').room = 'inf-2')],
    ['DONE_CHANGED', (_, s) => (appt(s, 'a2').staff[0].id = 'ther-2')],
    ['MISSED_ECHO', (_, s) => (s.missed = [])],
    ['MISSED_ECHO', (_, s) => delete s.missed],
    ['MISSED_ECHO', (_, s) => (s.missed![0].start = '2027-03-03T09:15')],
    ['MISSED_SCHEDULED', (_, s) => (appt(s, 'n3').id = 'm2')],
    // Without resumeGapHours the 168 h gap across the miss breaks gapHours (max 100) …
    ['GAP_HOURS', (p) => delete dose(p).resumeGapHours],
    // … and resumeGapHours bounds it instead, its min defaulting to gapHours.min.
    ['RESUME_GAP_HOURS', (p) => (dose(p).resumeGapHours = { max: 150 })],
    ['RESUME_GAP_HOURS', (p) => (dose(p).gapHours = { min: 170, max: 200 })],
    // Done sessions count: without the new dose the series is one short.
    ['SERIES_COUNT', (p, s) => (s.appointments = s.appointments.filter((a) => a.id !== 'n3'))],
    // Indexes run over done and new sessions in time order.
    ['SERIES_INDEX', (_, s) => (appt(s, 'n3').index = 3)],
    // Done sessions are linked to the others: rules between sessions judge them.
    [
      'NOT_SAME_DAY',
      (p) => p.protocols[0].rules!.push({ type: 'notSameDay', series: ['dose', 'talk'] }),
    ],
    [
      'SEPARATION',
      (p) =>
        p.protocols[0].rules!.push({ type: 'separation', series: ['dose', 'talk'], minHours: 5 }),
    ],
    ['SPAN_DAYS', (p) => (p.protocols[0].spanDays = { max: 7 })],
    [
      'CONTINUITY',
      (p, s) => {
        p.protocols[0].continuity = [{ series: ['talk'], role: 'therapist', mode: 'require' }];
        appt(s, 'n4').staff[0].id = 'ther-2';
      },
    ],
    ['FORMAT_VERSION', (_, s) => (s.formatVersion = 1)],
  ])('reports %s', (rule, mutate) => {
    expect(after(mutate)).toEqual([rule]);
  });

  it('judges done sessions by no resource or patient-day rule (they happened)', () => {
    const rules = after((p) => {
      p.clinic.closures = ['2027-03-01'];
      p.staff[0].timeOff = [{ start: '2027-03-01T00:00', end: '2027-03-02T00:00' }];
      p.rooms[0].capacity = 1;
      p.busy = [{ resource: 'inf-1', start: '2027-03-01T08:00', end: '2027-03-01T12:00' }];
      p.protocols[0].restDays = ['MO', 'SA', 'SU'];
      p.protocols[0].series[0].days = ['FR', 'MO'];
      p.patients[0].unavailable = [{ start: '2027-03-01T08:00', end: '2027-03-01T18:00' }];
    });
    // Only the new Monday sessions break the rest day; the done ones on 1 March are not judged.
    expect(rules).toEqual(['REST_DAY']);
  });

  it('lets a new session take the slot of a missed one (a miss occupies nothing)', () => {
    const rules = after((p, s) => {
      delete p.now;
      p.horizon.start = '2027-03-01';
      Object.assign(appt(s, 'n3'), {
        start: '2027-03-03T09:00:00-05:00',
        end: '2027-03-03T11:00:00-05:00',
      });
      appt(s, 'n3').staff.forEach((x) => {
        x.start = x.start.replace('08T', '03T');
        x.end = x.end.replace('08T', '03T');
      });
      Object.assign(appt(s, 'n4'), {
        start: '2027-03-03T13:00:00-05:00',
        end: '2027-03-03T14:00:00-05:00',
      });
      appt(s, 'n4').staff[0].start = '2027-03-03T13:00:00-05:00';
      appt(s, 'n4').staff[0].end = '2027-03-03T14:00:00-05:00';
      s.score.completionDays = 2;
    });
    expect(rules).toEqual([]);
  });

  it('reports a new session overlapping a done one', () => {
    const rules = after((p, s) => {
      p.existing![1].start = '2027-03-08T10:00';
      Object.assign(appt(s, 'a2'), {
        start: '2027-03-08T10:00:00-05:00',
        end: '2027-03-08T11:00:00-05:00',
      });
      appt(s, 'a2').staff[0].start = '2027-03-08T10:00:00-05:00';
      appt(s, 'a2').staff[0].end = '2027-03-08T11:00:00-05:00';
    });
    expect(rules).toContain('PATIENT_OVERLAP');
    expect(rules).not.toContain('DONE_CHANGED');
  });

  it('keeps an unscheduled patient`s done sessions and nothing else', () => {
    const [problem, solution] = [historyProblem(), historySolution()];
    solution.appointments = solution.appointments.filter((a) => a.id === 'a1' || a.id === 'a2');
    solution.unscheduled = [{ patient: 'p1', reasons: [{ code: 'X', message: 'x' }] }];
    solution.status = 'none';
    solution.score = {
      scheduledPatients: 0,
      movedAppointments: 0,
      continuityBreaks: 0,
      completionDays: 0,
    };
    expect(rulesOf(problem, solution)).toEqual([]);
    solution.appointments = solution.appointments.filter((a) => a.id === 'a2');
    expect(rulesOf(problem, solution)).toEqual(['DONE_CHANGED']);
  });

  it('keeps a done booking whatever index its record carried', () => {
    const [problem, solution] = [historyProblem(), historySolution()];
    problem.existing![0].index = 2;
    expect(rulesOf(problem, solution)).toEqual([]);
  });
});

describe('format 1.1: group sessions', () => {
  const after = (mutate: Mutate) => {
    const [problem, solution] = [groupProblem(), groupSolution()];
    mutate(problem, solution);
    return rulesOf(problem, solution);
  };

  it('accepts three patients in one occurrence, counted once by the room and the facilitator', () => {
    // circle-1 has capacity 1 and fac-1 a limit of one session and 90 minutes a day.
    expect(after(() => {})).toEqual([]);
  });

  it.each<[string[], Mutate]>([
    [['GROUP_SIZE'], (p) => (p.sessionTypes[2].group = { min: 4, max: 6 })],
    [['GROUP_SIZE'], (p) => (p.sessionTypes[2].group = { min: 1, max: 2 })],
    [['OCCURRENCE_MISMATCH'], (_, s) => (appt(s, 'g3').room = 'circle-2')],
    // Without the occurrence id, the room and the facilitator count it separately.
    [
      ['OCCURRENCE_MISSING', 'ROOM_CAPACITY', 'STAFF_DAILY_SESSIONS', 'STAFF_OVERLAP'],
      (_, s) => delete appt(s, 'g3').occurrence,
    ],
    [
      ['OCCURRENCE_NOT_GROUP', 'ROOM_CAPACITY', 'STAFF_DAILY_SESSIONS', 'STAFF_OVERLAP'],
      (p) => delete p.sessionTypes[2].group,
    ],
  ])('reports %j', (rules, mutate) => {
    expect(after(mutate)).toEqual(rules);
  });

  it('reports a patient taking part twice in one occurrence (among the consequences)', () => {
    expect(after((_, s) => (appt(s, 'g3').patient = 'q2'))).toContain('OCCURRENCE_MISMATCH');
  });

  it('reports an occurrence that differs in time (and the facilitator then in two places)', () => {
    const rules = after((_, s) => {
      const a = appt(s, 'g3');
      a.start = a.staff[0].start = '2027-03-01T10:15:00-05:00';
      a.end = a.staff[0].end = '2027-03-01T11:45:00-05:00';
    });
    expect(rules).toContain('OCCURRENCE_MISMATCH');
  });

  it('allows only group session types to carry an occurrence', () => {
    const [problem, solution] = [tinyProblem(), tinySolution()];
    problem.formatVersion = solution.formatVersion = 1.1;
    appt(solution, 'a2').occurrence = 'x';
    expect(rulesOf(problem, solution)).toEqual(['OCCURRENCE_NOT_GROUP']);
  });
});

describe('format 1.1: presence requirements', () => {
  const after = (mutate: Mutate, who?: string) => {
    const [problem, solution] = [tinyProblem(), tinySolution()];
    withPresence(problem, solution, who);
    mutate(problem, solution);
    return rulesOf(problem, solution);
  };

  it('accepts doc present through each dose while also holding its first 30 minutes', () => {
    expect(after(() => {})).toEqual([]);
  });

  it.each<[string, Mutate]>([
    [
      'STAFF_TIME_OFF',
      (p) => (p.staff[0].timeOff = [{ start: '2027-03-01T10:00', end: '2027-03-01T10:30' }]),
    ],
    [
      'STAFF_BUSY',
      (p) => (p.busy = [{ resource: 'doc', start: '2027-03-03T10:45', end: '2027-03-03T11:30' }]),
    ],
    [
      'STAFF_UNAVAILABLE',
      (p) =>
        (p.staff[0].availability = [
          { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE', start: '08:00', end: '10:00' },
        ]),
    ],
    ['STAFF_COUNT', (_, s) => s.appointments[0].staff.pop()],
    ['STAFF_MODE', (_, s) => ((s.appointments[0].staff[3] as { mode: string }).mode = 'occupied')],
  ])('reports %s', (rule, mutate) => {
    expect(after(mutate)).toContain(rule);
  });

  it('reports the present person off duty and nothing else', () => {
    const rules = after(
      (p) => (p.staff[0].timeOff = [{ start: '2027-03-01T10:00', end: '2027-03-01T10:30' }]),
    );
    expect(rules).toEqual(['STAFF_TIME_OFF']);
  });

  it('reports a present assignment without its mode as an occupied one that fits nothing', () => {
    const rules = after((_, s) => delete s.appointments[0].staff[3].mode);
    expect(rules).toEqual(
      expect.arrayContaining(['STAFF_INTERVAL', 'STAFF_COUNT', 'STAFF_ONE_REQUIREMENT']),
    );
  });

  it('counts presence toward no staff limit', () => {
    expect(after((p) => (p.staff[0].limits = { maxMinutesPerDay: 30 }))).toEqual([]);
    expect(after((p) => (p.staff[0].limits = { maxMinutesPerDay: 29 }))).toEqual([
      'STAFF_DAILY_MINUTES',
    ]);
  });

  it('lets the present person hold other assignments at the same time', () => {
    // p2's dose at 10:00 occupies doc 10:00-10:30, inside doc's presence at p1's dose.
    const rules = after((p, s) => {
      withSecondPatient(p, s, 'inf-2', '10:00');
      for (const a of s.appointments.filter((x) => x.patient === 'p2' && x.series === 'dose'))
        a.staff.push({
          id: 'doc',
          role: 'prescriber',
          start: a.start,
          end: a.end,
          mode: 'present',
        });
    });
    expect(rules).toEqual([]);
  });

  it('counts presence toward no continuity', () => {
    const rules = after((p, s) => {
      p.staff.push({ id: 'doc-2', roles: ['prescriber'], availability: p.staff[0].availability });
      p.protocols[0].continuity = [{ series: ['dose'], role: 'prescriber', mode: 'require' }];
      s.appointments[2].staff[3].id = 'doc-2';
    });
    expect(rules).toEqual([]);
  });
});

describe('format 1.1: linked counts', () => {
  const linked = () => {
    const [problem, solution] = [tinyProblem(), tinySolution()];
    problem.formatVersion = solution.formatVersion = 1.1;
    problem.protocols[0].series[1].count = { sameAs: 'dose' };
    return { problem, solution };
  };

  it('accepts as many talks as doses', () => {
    const { problem, solution } = linked();
    expect(rulesOf(problem, solution)).toEqual([]);
  });

  it('expects the linked series to follow the dose count', () => {
    const { problem, solution } = linked();
    problem.patients[0].counts = { dose: 3 };
    const counts = validateSolution(problem, solution).filter((v) => v.rule === 'SERIES_COUNT');
    expect(counts.map((v) => v.message)).toEqual([
      'p1 has 2 dose sessions; expected exactly 3',
      'p1 has 2 talk sessions; expected exactly 3',
    ]);
  });
});
