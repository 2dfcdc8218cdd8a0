import type { Problem, Protocol, Solution } from '../format';
import { dose, talk, tinyProblem, tinySolution, withSecondPatient } from './tiny-problem.testing';
import { computeScore, validateSolution } from './index';

type Mutate = (problem: Problem, solution: Solution) => void;

function rulesAfter(mutate: Mutate): string[] {
  const problem = tinyProblem();
  const solution = tinySolution();
  mutate(problem, solution);
  return [...new Set(validateSolution(problem, solution).map((v) => v.rule))];
}

const iv = (p: Problem): Protocol => p.protocols[0];
const appt = (s: Solution, id: string) => s.appointments.find((a) => a.id === id)!;

describe('validateSolution', () => {
  it('accepts the valid tiny solution', () => {
    expect(validateSolution(tinyProblem(), tinySolution())).toEqual([]);
  });

  it('accepts a bound on scheduled patients between the score and the patient count', () => {
    const s = tinySolution();
    s.stats.bound = { scheduledPatients: 1 };
    expect(validateSolution(tinyProblem(), s)).toEqual([]);
  });

  it('accepts two patients sharing the nurse within maxConcurrent', () => {
    expect(rulesAfter((p, s) => withSecondPatient(p, s, 'inf-2', '10:00'))).toEqual([]);
  });

  // Each case breaks exactly one rule of the format.
  it.each<[string, Mutate]>([
    ['FORMAT_VERSION', (_, s) => ((s as { formatVersion: number }).formatVersion = 2)],
    ['STATUS', (_, s) => (s.status = 'partial')],
    ['STATS', (_, s) => ((s.stats as { proof: string }).proof = 'surely')],
    ['STATS', (_, s) => (s.stats.bound = { scheduledPatients: 0 })],
    ['DUPLICATE_APPOINTMENT_ID', (_, s) => (appt(s, 'a4').id = 'a2')],
    [
      'UNSCHEDULED_REASONS',
      (p, s) => {
        p.patients.push({ id: 'p2', protocol: 'iv' });
        s.unscheduled.push({ patient: 'p2', reasons: [] });
        s.status = 'partial';
      },
    ],
    [
      'PATIENT_NOT_ACCOUNTED',
      (p) => {
        p.patients.push({ id: 'p2', protocol: 'iv' });
      },
    ],
    ['SERIES_INDEX', (_, s) => ([appt(s, 'a1').index, appt(s, 'a3').index] = [2, 1])],
    ['WRONG_END', (_, s) => (appt(s, 'a2').end = '2027-03-01T13:45:00-05:00')],
    ['SESSION_TYPE_MISMATCH', (_, s) => (appt(s, 'a2').sessionType = 'dose')],
    [
      'SLOT_GRID',
      (_, s) =>
        Object.assign(
          appt(s, 'a2'),
          talk('a2', 'p1', 1, '2027-03-01T13:05:00-05:00', '2027-03-01T14:05:00-05:00'),
        ),
    ],
    ['OUTSIDE_HORIZON', (p) => (p.horizon.end = '2027-03-02')],
    [
      'OUTSIDE_PATIENT_WINDOW',
      (p, s) => {
        p.patients[0].earliestStart = '2027-03-02';
        s.score.completionDays = 1;
      },
    ],
    ['OUTSIDE_PATIENT_WINDOW', (p) => (p.patients[0].latestEnd = '2027-03-02')],
    ['REST_DAY', (p) => (iv(p).restDays = ['WE'])],
    [
      'PATIENT_UNAVAILABLE',
      (p) => (p.patients[0].unavailable = [{ start: '2027-03-03T13:45', end: '2027-03-03T15:00' }]),
    ],
    ['SERIES_DAYS', (p) => (iv(p).series[0].days = ['MO', 'FR'])],
    ['PATIENT_DAY_WINDOW', (p) => (iv(p).patientDay!.end = '13:45')],
    ['PATIENT_DAY_MAX_SESSIONS', (p) => (iv(p).patientDay!.maxSessions = 1)],
    ['PATIENT_DAY_MAX_MINUTES', (p) => (iv(p).patientDay!.maxMinutes = 179)],
    ['PATIENT_MIN_BREAK', (p) => (iv(p).patientDay!.minBreakMinutes = 121)],
    ['GAP_HOURS', (p) => (iv(p).series[0].gapHours = { min: 48.5 })],
    ['GAP_HOURS', (p) => (iv(p).series[0].gapHours = { max: 47.5 })],
    [
      'OFFSET_RULE',
      (p) =>
        iv(p).rules!.push({
          type: 'offset',
          from: { series: 'dose', occurrence: 1, point: 'end' },
          to: { series: 'talk', occurrence: 'last', point: 'start' },
          hours: { min: 0, max: 49.5 },
        }),
    ],
    [
      'FOLLOW_UP',
      (p) =>
        (iv(p).rules![0] = {
          type: 'followUp',
          anchor: 'dose',
          targets: ['talk'],
          hours: { min: 2.5 },
        }),
    ],
    [
      'FOLLOW_UP',
      (p) =>
        (iv(p).rules![0] = {
          type: 'followUp',
          anchor: 'dose',
          targets: ['talk'],
          hours: { max: 1.5 },
        }),
    ],
    ['NOT_SAME_DAY', (p) => iv(p).rules!.push({ type: 'notSameDay', series: ['dose', 'talk'] })],
    ['SPAN_DAYS', (p) => (iv(p).spanDays = { max: 2 })],
    ['SPAN_DAYS', (p) => (iv(p).spanDays = { min: 4 })],
    [
      'CONTINUITY',
      (p, s) => {
        iv(p).continuity = [{ series: ['talk', 'dose'], role: 'therapist', mode: 'require' }];
        appt(s, 'a4').staff[0].id = 'ther-2';
      },
    ],
    ['ROOM_FEATURES', (_, s) => (appt(s, 'a2').room = 'inf-1')],
    ['ROOM_MISSING', (_, s) => (appt(s, 'a2').room = null)],
    [
      'ROOM_NOT_NEEDED',
      (p) => {
        p.sessionTypes[1].room = null;
      },
    ],
    ['UNKNOWN_REFERENCE', (_, s) => (appt(s, 'a2').room = 'broom-cupboard')],
    // The room is occupied until 11:15 (turnover), after its window ends.
    [
      'ROOM_UNAVAILABLE',
      (p) => (p.rooms[0].availability = [{ rrule: 'FREQ=DAILY', start: '08:00', end: '11:00' }]),
    ],
    [
      'ROOM_TIME_OFF',
      (p) => (p.rooms[0].timeOff = [{ start: '2027-03-01T11:10', end: '2027-03-01T12:00' }]),
    ],
    [
      'ROOM_BUSY',
      (p) => (p.busy = [{ resource: 'inf-1', start: '2027-03-03T08:00', end: '2027-03-03T09:15' }]),
    ],
    ['STAFF_ROLE', (_, s) => (appt(s, 'a2').staff[0].id = 'doc')],
    ['STAFF_COUNT', (_, s) => appt(s, 'a1').staff.splice(1, 1)],
    [
      'STAFF_UNAVAILABLE',
      (p) =>
        (p.staff[0].availability = [
          { rrule: 'FREQ=WEEKLY;BYDAY=TU,WE', start: '08:00', end: '17:00' },
        ]),
    ],
    ['STAFF_UNAVAILABLE', (p) => delete p.staff[0].availability],
    [
      'STAFF_TIME_OFF',
      (p) => (p.staff[2].timeOff = [{ start: '2027-03-03T13:59', end: '2027-03-03T18:00' }]),
    ],
    [
      'STAFF_BUSY',
      (p) => (p.busy = [{ resource: 'doc', start: '2027-03-01T09:15', end: '2027-03-01T09:20' }]),
    ],
    [
      'STAFF_OVERLAP',
      (p, s) => {
        withSecondPatient(p, s, 'inf-2', '10:00');
        for (const id of ['b1d', 'b2d']) appt(s, id).staff[2].id = 'ther-1';
      },
    ],
    [
      'STAFF_OVERLAP',
      (p, s) => {
        withSecondPatient(p, s, 'inf-2', '10:00');
        p.sessionTypes[0].staff[1].maxConcurrent = 1;
      },
    ],
    ['STAFF_DAILY_SESSIONS', (p) => (p.staff[2].limits = { maxSessionsPerDay: 1 })],
    ['STAFF_DAILY_MINUTES', (p) => (p.staff[2].limits = { maxMinutesPerDay: 179 })],
    ['SCORE', (_, s) => (s.score.completionDays = 1)],
    [
      'SCORE',
      (p) => {
        p.patients[0].earliestStart = undefined;
        p.horizon.start = '2027-02-27';
      },
    ],
  ])('reports %s', (rule, mutate) => {
    expect(rulesAfter(mutate)).toEqual([rule]);
  });

  it.each([
    ['a wrong offset', '2027-03-01T14:00:00-04:00'],
    ['no offset', '2027-03-01T13:00:00'],
    ['not an instant', '2027-03-01 13:00'],
  ])('reports an instant with %s (and leaves the appointment out of other rules)', (_, start) => {
    const rules = rulesAfter((__, s) => (appt(s, 'a2').start = start));
    expect(rules[0]).toBe('INSTANT_FORMAT');
  });

  it('reports a patient listed twice in unscheduled', () => {
    const rules = rulesAfter((p, s) => {
      p.patients.push({ id: 'p2', protocol: 'iv' });
      const entry = { patient: 'p2', reasons: [{ code: 'X', message: 'x' }] };
      s.unscheduled.push(entry, entry);
      s.status = 'partial';
    });
    expect(rules).toEqual(['DUPLICATE_UNSCHEDULED']);
  });

  it('reports an appointment of a patient not in the problem', () => {
    const rules = rulesAfter((_, s) => (appt(s, 'a2').patient = 'ghost'));
    expect(rules).toContain('UNKNOWN_REFERENCE');
  });

  it('reports two sessions of one patient at once', () => {
    const rules = rulesAfter((p, s) => {
      iv(p).rules = [];
      Object.assign(
        appt(s, 'a2'),
        talk('a2', 'p1', 1, '2027-03-01T10:00:00-05:00', '2027-03-01T11:00:00-05:00', 'ther-2'),
      );
    });
    expect(rules).toEqual(['PATIENT_OVERLAP']);
  });

  it('reports one person filling two requirements of a session', () => {
    const rules = rulesAfter((p, s) => {
      p.staff[0].roles.push('therapist');
      appt(s, 'a1').staff[2].id = 'doc';
    });
    expect(rules).toEqual(['STAFF_ONE_REQUIREMENT', 'STAFF_OVERLAP']);
  });

  it('reports a staff entry whose interval fits no requirement', () => {
    const rules = rulesAfter((_, s) => (appt(s, 'a1').staff[0].end = '2027-03-01T09:45:00-05:00'));
    expect(rules).toEqual(['STAFF_INTERVAL', 'STAFF_COUNT']);
  });

  it('reports a clinic closure for the patient, the room and every person', () => {
    expect(rulesAfter((p) => (p.clinic.closures = ['2027-03-03'])).sort()).toEqual([
      'CLOSURE',
      'ROOM_CLOSURE',
      'STAFF_CLOSURE',
    ]);
  });

  it('reports a patient both scheduled and unscheduled', () => {
    const rules = rulesAfter((_, s) => {
      s.unscheduled.push({ patient: 'p1', reasons: [{ code: 'X', message: 'x' }] });
      s.status = 'none';
      s.score = {
        scheduledPatients: 0,
        movedAppointments: 0,
        continuityBreaks: 0,
        completionDays: 0,
      };
    });
    expect(rules).toEqual(['PATIENT_HALF_SCHEDULED']);
  });

  it('reports a series with the wrong number of sessions', () => {
    const rules = rulesAfter((p) => (p.patients[0].counts = { dose: 3 }));
    expect(rules).toEqual(['SERIES_COUNT']);
  });

  it('reports a room over capacity, counting turnover', () => {
    // p2's dose starts at 11:00 in inf-1 while p1's turnover runs until 11:15.
    expect(rulesAfter((p, s) => withSecondPatient(p, s, 'inf-1'))).toEqual(['ROOM_CAPACITY']);
    expect(
      rulesAfter((p, s) => {
        withSecondPatient(p, s, 'inf-1');
        p.rooms[0].capacity = 2;
      }),
    ).toEqual([]);
  });

  it('counts overlapping staff minutes once in the daily limit', () => {
    // rn-1 watches 09:00-11:00 and 10:00-12:00: 180 distinct minutes.
    const setup = (limit: number) =>
      rulesAfter((p, s) => {
        withSecondPatient(p, s, 'inf-2', '10:00');
        p.staff[1].limits = { maxMinutesPerDay: limit };
      });
    expect(setup(180)).toEqual([]);
    expect(setup(179)).toEqual(['STAFF_DAILY_MINUTES']);
  });

  it('allows at most the smallest maxConcurrent of the shared assignments', () => {
    // rn-1 watches p1 (09:00-11:00), p2 (10:00-12:00) and a third dose from 10:30.
    const rnOverlaps = (rnMaxConcurrent: number) => {
      const problem = tinyProblem();
      const solution = tinySolution();
      withSecondPatient(problem, solution, 'inf-2', '10:00');
      problem.rooms.push({ id: 'inf-3', features: ['infusion'] });
      problem.sessionTypes[0].staff[1].maxConcurrent = rnMaxConcurrent;
      solution.appointments.push(
        dose(
          'extra',
          'p2',
          3,
          '2027-03-01T10:30:00-05:00',
          '2027-03-01T12:30:00-05:00',
          '2027-03-01T11:00:00-05:00',
          'inf-3',
        ),
      );
      return validateSolution(problem, solution).filter(
        (v) => v.rule === 'STAFF_OVERLAP' && v.resource === 'rn-1',
      );
    };
    expect(rnOverlaps(2)).toHaveLength(1);
    expect(rnOverlaps(3)).toEqual([]);
  });

  describe('followUp is one-to-one', () => {
    // Doses Mon and Tue 09:00; talks Tue 13:00 (reachable from both) and Thu 13:00 (from neither).
    const setup = (secondTalk: string) =>
      rulesAfter((p, s) => {
        iv(p).series[0].days = ['MO', 'TU'];
        iv(p).series[0].gapHours = { min: 20 };
        Object.assign(
          appt(s, 'a2'),
          talk('a2', 'p1', 1, '2027-03-02T13:00:00-05:00', '2027-03-02T14:00:00-05:00'),
        );
        Object.assign(
          appt(s, 'a3'),
          dose(
            'a3',
            'p1',
            2,
            '2027-03-02T09:00:00-05:00',
            '2027-03-02T11:00:00-05:00',
            '2027-03-02T09:30:00-05:00',
          ),
        );
        Object.assign(
          appt(s, 'a4'),
          talk('a4', 'p1', 2, secondTalk, secondTalk.replace('T13:', 'T14:')),
        );
        s.score.completionDays = Number(secondTalk.slice(8, 10)) - 1;
      });
    it('fails when two doses would share one talk', () => {
      expect(setup('2027-03-04T13:00:00-05:00')).toEqual(['FOLLOW_UP']);
    });
    it('passes when each dose has its own talk', () => {
      expect(setup('2027-03-03T13:00:00-05:00')).toEqual([]);
    });
  });

  describe('existing bookings', () => {
    const booking = {
      id: 'a1',
      patient: 'p1',
      series: 'dose',
      index: 1,
      start: '2027-03-01T09:00',
      room: 'inf-1',
      staff: [
        { id: 'doc', role: 'prescriber' },
        { id: 'rn-1', role: 'rn' },
        { id: 'ther-1', role: 'therapist' },
      ],
    };
    it('accepts a pinned booking kept unchanged', () => {
      expect(rulesAfter((p) => (p.existing = [{ ...booking, mode: 'pinned' }]))).toEqual([]);
    });
    it('reports a pinned booking that moved room', () => {
      const rules = rulesAfter((p, s) => {
        p.existing = [{ ...booking, mode: 'pinned' }];
        appt(s, 'a1').room = 'inf-2';
      });
      expect(rules).toEqual(['PINNED_CHANGED']);
    });
    it('scores a keepIfPossible booking that moved', () => {
      const problem = tinyProblem();
      const solution = tinySolution();
      problem.existing = [{ ...booking, start: '2027-03-01T09:15', mode: 'keepIfPossible' }];
      expect(computeScore(problem, solution).movedAppointments).toBe(1);
      expect(validateSolution(problem, solution).map((v) => v.rule)).toEqual(['SCORE']);
      solution.score.movedAppointments = 1;
      expect(validateSolution(problem, solution)).toEqual([]);
    });
    it('reports an existing id reused for another series', () => {
      const rules = rulesAfter(
        (p) => (p.existing = [{ ...booking, id: 'a2', mode: 'keepIfPossible' }]),
      );
      expect(rules).toEqual(['EXISTING_ID_MISMATCH', 'SCORE']);
    });
  });

  it('scores continuity breaks of prefer groups', () => {
    const problem = tinyProblem();
    const solution = tinySolution();
    iv(problem).continuity = [{ series: ['talk'], role: 'therapist', mode: 'prefer' }];
    appt(solution, 'a4').staff[0].id = 'ther-2';
    expect(computeScore(problem, solution)).toEqual({
      scheduledPatients: 1,
      movedAppointments: 0,
      continuityBreaks: 1,
      completionDays: 2,
    });
  });
});
