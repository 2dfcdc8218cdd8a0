import type { Problem, Solution } from '../format';
import { formatInstant, localToMillis } from './clinic-time';
import { appointmentFromExisting } from './existing';
import { withPresence } from './format-1-1.testing';
import { tinyProblem, tinySolution } from './tiny-problem.testing';
import { validateSolution } from './index';

const allDay = [{ rrule: 'FREQ=DAILY', start: '00:00', end: '23:45' }];

/** Two doses across the spring-forward change of 2027-03-14 in New York, 47 h apart. */
function springForward(): { problem: Problem; solution: Solution } {
  const problem = tinyProblem();
  problem.horizon = { start: '2027-03-08', end: '2027-03-21' };
  for (const person of problem.staff) person.availability = allDay;
  const protocol = problem.protocols[0];
  protocol.series = [
    { id: 'dose', sessionType: 'dose', count: { min: 2, max: 2 }, gapHours: { min: 47, max: 47 } },
  ];
  protocol.rules = [];
  protocol.patientDay = undefined;
  protocol.restDays = [];
  problem.patients = [{ id: 'p1', protocol: 'iv', earliestStart: '2027-03-08' }];
  const solution = tinySolution();
  const [first, , second] = solution.appointments;
  // 01:00 EST + 120 min = 04:00 EDT; Tue 01:00 EDT is 47 h after Sun 01:00 EST.
  const times = [
    [first, '2027-03-14T01:00:00-05:00', '2027-03-14T04:00:00-04:00', '2027-03-14T01:30:00-05:00'],
    [second, '2027-03-16T01:00:00-04:00', '2027-03-16T03:00:00-04:00', '2027-03-16T01:30:00-04:00'],
  ] as const;
  for (const [a, start, end, docEnd] of times) {
    a.start = start;
    a.end = end;
    a.staff[0].start = start;
    a.staff[0].end = docEnd;
    for (const s of a.staff.slice(1)) Object.assign(s, { start, end });
  }
  solution.appointments = [first, second];
  solution.score.completionDays = 8;
  return { problem, solution };
}

describe('validator across daylight-saving changes', () => {
  it('accepts 120-minute sessions across spring-forward and a 47 h Sunday-to-Tuesday gap', () => {
    const { problem, solution } = springForward();
    expect(validateSolution(problem, solution)).toEqual([]);
  });

  it('measures gapHours in real elapsed hours (47, not 48)', () => {
    const { problem, solution } = springForward();
    problem.protocols[0].series[0].gapHours = { min: 48 };
    expect(validateSolution(problem, solution).map((v) => v.rule)).toEqual(['GAP_HOURS']);
  });

  it('accepts 47 h from Saturday to Monday 09:00 and rejects a 48 h minimum', () => {
    const { problem, solution } = springForward();
    problem.staff.forEach(
      (s) => (s.availability = [{ rrule: 'FREQ=DAILY', start: '08:00', end: '17:00' }]),
    );
    const [first, second] = solution.appointments;
    const set = (a: typeof first, start: string, end: string, docEnd: string) => {
      Object.assign(a, { start, end });
      a.staff[0].start = start;
      a.staff[0].end = docEnd;
      for (const s of a.staff.slice(1)) Object.assign(s, { start, end });
    };
    set(
      first,
      '2027-03-13T09:00:00-05:00',
      '2027-03-13T11:00:00-05:00',
      '2027-03-13T09:30:00-05:00',
    );
    set(
      second,
      '2027-03-15T09:00:00-04:00',
      '2027-03-15T11:00:00-04:00',
      '2027-03-15T09:30:00-04:00',
    );
    solution.score.completionDays = 7;
    expect(validateSolution(problem, solution)).toEqual([]);
    problem.protocols[0].series[0].gapHours = { min: 48 };
    expect(validateSolution(problem, solution).map((v) => v.rule)).toEqual(['GAP_HOURS']);
  });

  it('rejects an end that is 120 wall-clock minutes but 60 real minutes later', () => {
    const { problem, solution } = springForward();
    solution.appointments[0].end = '2027-03-14T03:00:00-04:00';
    expect(validateSolution(problem, solution).map((v) => v.rule)).toEqual(['WRONG_END']);
  });

  it('rejects the standard-time offset after the change', () => {
    const { problem, solution } = springForward();
    solution.appointments[1].start = '2027-03-16T01:00:00-05:00';
    expect(validateSolution(problem, solution).map((v) => v.rule)[0]).toBe('INSTANT_FORMAT');
  });

  it('reads availability as wall-clock time on both sides of the change', () => {
    const { problem, solution } = springForward();
    // 01:00-01:30 exists on both Sundays' wall clocks; the window starts at 01:00.
    problem.staff[0].availability = [
      { rrule: 'FREQ=WEEKLY;BYDAY=SU,TU', start: '01:00', end: '01:30' },
    ];
    expect(validateSolution(problem, solution)).toEqual([]);
    problem.staff[0].availability = [
      { rrule: 'FREQ=WEEKLY;BYDAY=SU,TU', start: '01:15', end: '02:00' },
    ];
    expect(validateSolution(problem, solution).map((v) => [v.rule, v.appointment])).toEqual([
      ['STAFF_UNAVAILABLE', 'a1'],
      ['STAFF_UNAVAILABLE', 'a3'],
    ]);
  });
});

describe('STAFF_UNAVAILABLE names the interval the person must be free for', () => {
  const unavailable = (problem: Problem, solution: Solution) =>
    validateSolution(problem, solution)
      .filter((v) => v.rule === 'STAFF_UNAVAILABLE')
      .map((v) => v.message);

  it('shows a present requirement’s own interval, in wall-clock time across the change', () => {
    const { problem, solution } = springForward();
    withPresence(problem, solution); // doc present through each whole dose
    expect(validateSolution(problem, solution)).toEqual([]);
    // Sunday: doc works until 03:30, the dose ends at 04:00 EDT (3 h after 01:00 EST).
    problem.staff[0].availability = [
      { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '00:00', end: '03:30' },
      { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '00:00', end: '23:45' },
    ];
    expect(unavailable(problem, solution)).toEqual([
      'a1: doc is not available for the whole of 2027-03-14 01:00–04:00, when they must be present',
    ]);
  });

  it('tells the occupied interval from the present one of the same person', () => {
    const { problem, solution } = springForward();
    withPresence(problem, solution);
    problem.staff[0].availability = [
      { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '00:00', end: '23:45' },
      { rrule: 'FREQ=WEEKLY;BYDAY=TU', start: '01:15', end: '23:45' },
    ];
    expect(unavailable(problem, solution)).toEqual([
      'a3: doc is not available for the whole of 2027-03-16 01:00–01:30, when they are occupied',
      'a3: doc is not available for the whole of 2027-03-16 01:00–03:00, when they must be present',
    ]);
  });
});

describe('local times that do not exist or repeat', () => {
  it('moves a spring-forward gap time forward by the gap', () => {
    const zone = 'America/New_York';
    expect(formatInstant(localToMillis('2027-03-14', 150, zone), zone)).toBe(
      '2027-03-14T03:30:00-04:00',
    );
  });

  it('takes the earlier instant of an ambiguous fall-back time', () => {
    for (const [zone, date, offset] of [
      ['America/New_York', '2027-11-07', '-04:00'],
      ['Europe/London', '2027-10-31', '+01:00'],
      ['Australia/Sydney', '2027-04-04', '+11:00'],
    ]) {
      expect(formatInstant(localToMillis(date, 90, zone), zone)).toBe(`${date}T01:30:00${offset}`);
    }
    expect(
      formatInstant(localToMillis('2027-04-04', 150, 'Australia/Sydney'), 'Australia/Sydney'),
    ).toBe('2027-04-04T02:30:00+11:00');
  });

  it('books an existing ambiguous local start at the earlier instant', () => {
    const problem = tinyProblem();
    const a = appointmentFromExisting(problem, {
      id: 'x',
      patient: 'p1',
      series: 'talk',
      index: 1,
      start: '2027-11-07T01:30',
      room: 'th-1',
      staff: [{ id: 'ther-1', role: 'therapist' }],
      mode: 'pinned',
    });
    expect(a).toMatchObject({
      start: '2027-11-07T01:30:00-04:00',
      end: '2027-11-07T01:30:00-05:00',
    });
  });
});

describe('slot grid in a +05:30 zone', () => {
  function kolkata(slotMinutes: number): { problem: Problem; solution: Solution } {
    const problem = tinyProblem();
    problem.clinic = { timeZone: 'Asia/Kolkata', slotMinutes };
    const solution: Solution = JSON.parse(
      JSON.stringify(tinySolution()).replaceAll('-05:00', '+05:30'),
    );
    return { problem, solution };
  }

  it('puts 09:00 local on an hourly grid', () => {
    const { problem, solution } = kolkata(60);
    expect(validateSolution(problem, solution)).toEqual([]);
  });

  it('does not put 09:00 UTC (14:30 local) on an hourly grid', () => {
    const { problem, solution } = kolkata(60);
    const talk = solution.appointments[1];
    talk.start = talk.staff[0].start = '2027-03-01T14:30:00+05:30'; // = 09:00 UTC
    talk.end = talk.staff[0].end = '2027-03-01T15:30:00+05:30';
    expect(validateSolution(problem, solution).map((v) => v.rule)).toEqual(['SLOT_GRID']);
  });
});
