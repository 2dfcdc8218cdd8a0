/**
 * Issue 7's reproductions, kept as regressions: multi-target follow-ups and
 * every earliest-start weekday decided for a patient alone, the EMDR
 * intensive for three patients with two therapists, and a 32-series protocol
 * (series 0 and 31 once shared a notSameDay bit). The shared examples
 * kap-im-two-targets and emdr-intensive-wednesday are in examples.spec.
 */
import type { Problem, Protocol, SessionType } from '../../src/domain/planning/format';
import { getTemplate, listTemplates } from '../../src/domain/protocol/templates';
import { programVariants } from '../factories/planning/firstfit-programs';
import { solve } from './support/planner-api';
import { checkProblem } from './support/problem-check-api';
import { validateSolution } from './support/validator-api';

const WEEKDAY_STARTS = [
  '2027-03-08', // Monday (the week before the US spring-forward change of 2027-03-14)
  '2027-03-09',
  '2027-03-10',
  '2027-03-11',
  '2027-03-12',
  '2027-03-13',
  '2027-03-14', // Sunday, the change itself
];

/** One patient alone in a clinic with two people per role, open 07:00–21:00 every day. */
function alone(protocol: Protocol, sessionTypes: SessionType[], earliestStart: string): Problem {
  const roles = [...new Set(sessionTypes.flatMap((t) => t.staff.map((s) => s.role)))];
  const features = [...new Set(sessionTypes.flatMap((t) => t.room?.features ?? []))];
  const allDay = [{ rrule: 'FREQ=DAILY', start: '07:00', end: '21:00' }];
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    horizon: { start: '2027-03-01', end: '2027-06-30' },
    staff: roles.flatMap((role) =>
      [1, 2].map((i) => ({ id: `${role}-${i}`, roles: [role], availability: allDay })),
    ),
    rooms: [1, 2].map((i) => ({ id: `room-${i}`, features, capacity: 1 })),
    sessionTypes,
    protocols: [protocol],
    patients: [{ id: 'p', protocol: protocol.id, earliestStart }],
  };
}

function solved(problem: Problem, timeLimitMs = 5000) {
  const checked = checkProblem(problem);
  expect(checked.ok ? [] : checked.errors).toEqual([]);
  const solution = solve(problem, { timeLimitMs, seed: 1 });
  expect(validateSolution(problem, solution)).toEqual([]);
  return solution;
}

describe('a patient alone is decided on every starter template and earliest-start weekday', () => {
  const cases = listTemplates().flatMap((t) => WEEKDAY_STARTS.map((d) => [t.id, d] as const));
  it.each(cases)('%s from %s: complete', (id, start) => {
    const t = getTemplate(id)!;
    const solution = solved(alone(t.protocol, t.sessionTypes, start));
    expect(solution.status).toBe('complete');
  });
});

describe('multi-target follow-ups (issue 7, item 1)', () => {
  // The planning-format page's example: each dose followed by EMDR or IFS.
  const [formatPage] = programVariants('iv-emdr-ifs-multi-target');
  it.each(WEEKDAY_STARTS)('the format page example alone from %s: complete', (start) => {
    const solution = solved(alone(formatPage.protocol, formatPage.sessionTypes, start));
    expect(solution.status).toBe('complete');
  });

  it('with the page’s own 14-day span: decided, not left to the limit', () => {
    const protocol = { ...formatPage.protocol, spanDays: { min: 7, max: 14 } };
    const solution = solved(alone(protocol, formatPage.sessionTypes, '2027-03-08'));
    expect(['optimal', 'feasible', 'infeasible']).toContain(solution.stats.proof);
    if (solution.status === 'none') expect(solution.stats.proof).toBe('infeasible');
  });
});

describe('emdr-intensive-2x4 (issue 7, item 2)', () => {
  it('schedules three patients starting Mon, Wed and Fri with two EMDR therapists', () => {
    const t = getTemplate('emdr-intensive-2x4')!;
    const problem = alone(t.protocol, t.sessionTypes, '2027-03-08');
    problem.patients = [
      { id: 'mon', protocol: t.protocol.id, earliestStart: '2027-03-08' },
      { id: 'wed', protocol: t.protocol.id, earliestStart: '2027-03-10' },
      { id: 'fri', protocol: t.protocol.id, earliestStart: '2027-03-12' },
    ];
    problem.rooms = [1, 2, 3].map((i) => ({ id: `room-${i}`, features: t.roomFeatures }));
    expect(problem.staff.filter((s) => s.roles.includes('emdr-therapist'))).toHaveLength(2);
    const solution = solved(problem, 10_000);
    expect(solution.status).toBe('complete');
  });
});

describe('32 series (issue 7, item 3)', () => {
  it('schedules a patient whose series 31 must share a day with series 1 (notSameDay 0–1)', () => {
    const series = Array.from({ length: 32 }, (_, i) => ({
      id: `x${i}`,
      sessionType: 'talk',
      count: { min: 1, max: 1 },
      ...(i === 0 ? { days: ['MO' as const] } : {}),
      ...(i === 1 || i === 31 ? { days: ['TU' as const] } : {}),
    }));
    const problem: Problem = {
      formatVersion: 1,
      clinic: { timeZone: 'Europe/Berlin', slotMinutes: 30 },
      horizon: { start: '2027-03-29', end: '2027-03-30' }, // Mon–Tue after the EU change
      staff: [
        {
          id: 'th',
          roles: ['therapist'],
          availability: [{ rrule: 'FREQ=DAILY', start: '08:00', end: '16:00' }],
        },
      ],
      rooms: [],
      sessionTypes: [
        { id: 'talk', durationMinutes: 30, room: null, staff: [{ role: 'therapist' }] },
      ],
      protocols: [
        {
          id: 'many',
          series,
          rules: [{ type: 'notSameDay', series: ['x0', 'x1'] }],
          patientDay: { start: '08:00', end: '16:00', maxSessions: 16 },
        },
      ],
      patients: [{ id: 'p', protocol: 'many' }],
    };
    const solution = solved(problem);
    expect(solution.status).toBe('complete');
  });
});
