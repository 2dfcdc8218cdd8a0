import type { Appointment, Problem, StaffRequirement } from './format';
import { solve } from './solve';
import { validateSolution } from './solution-check';

/**
 * One day (Mon 1 March 2027, New York), infusions of 120 min in two bays: the
 * prescriber starts each one (occupied 30 min) and, with `cover`, must be on
 * duty through the end of it (present 120 min). One RN may watch two at once.
 */
function coverProblem(opts: {
  cover: 'present' | 'occupied' | null;
  docHours: Array<{ date: string; start: string; end: string }>;
  patients: number;
  days?: number;
  docLimits?: { maxSessionsPerDay?: number; maxMinutesPerDay?: number };
}): Problem {
  const staff: StaffRequirement[] = [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 30 },
    { role: 'rn', count: 1, maxConcurrent: 2 },
  ];
  if (opts.cover)
    staff.push({
      role: 'prescriber',
      count: 1,
      offsetMinutes: 0,
      durationMinutes: 120,
      ...(opts.cover === 'present' && { mode: 'present' as const }),
    });
  const end = `2027-03-0${opts.days ?? 1}`;
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    horizon: { start: '2027-03-01', end },
    staff: [
      {
        id: 'doc',
        roles: ['prescriber'],
        availability: opts.docHours,
        ...(opts.docLimits && { limits: opts.docLimits }),
      },
      {
        id: 'rn',
        roles: ['rn'],
        availability: [{ rrule: 'FREQ=DAILY', start: '07:00', end: '19:00' }],
      },
    ],
    rooms: [
      { id: 'bay-1', features: ['infusion'] },
      { id: 'bay-2', features: ['infusion'] },
    ],
    sessionTypes: [
      { id: 'infusion', durationMinutes: 120, room: { features: ['infusion'] }, staff },
    ],
    protocols: [
      {
        id: 'one-dose',
        series: [{ id: 'dose', sessionType: 'infusion', count: { min: 1, max: 1 } }],
        patientDay: { start: '07:00', end: '19:00' },
      },
    ],
    patients: Array.from({ length: opts.patients }, (_, i) => ({
      id: `p${i + 1}`,
      protocol: 'one-dose',
    })),
  };
}

const ms = (s: string) => Date.parse(s);
const present = (a: Appointment) => a.staff.filter((s) => s.mode === 'present');
const occupied = (a: Appointment) => a.staff.filter((s) => s.mode === undefined);

describe('presence requirements (format 1.1): cover keeps the prescriber on duty without blocking them', () => {
  it('one prescriber covers two overlapping infusions in different rooms while starting both', () => {
    // On duty 08:00-11:00: an infusion covered to its end starts by 09:00, so both overlap.
    const problem = coverProblem({
      cover: 'present',
      docHours: [{ date: '2027-03-01', start: '08:00', end: '11:00' }],
      patients: 2,
    });
    const solution = solve(problem, { timeLimitMs: 3000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    expect(solution.formatVersion).toBe(1.1);
    const [a, b] = [...solution.appointments].sort((x, y) => ms(x.start) - ms(y.start));
    expect(ms(a.start)).toBeLessThan(ms(b.start));
    expect(ms(b.start)).toBeLessThan(ms(a.end)); // the two infusions overlap
    expect(a.room).not.toBe(b.room);
    for (const x of [a, b]) {
      // doc is the occupied prescriber of the session and also its cover.
      expect(
        occupied(x)
          .filter((s) => s.role === 'prescriber')
          .map((s) => s.id),
      ).toEqual(['doc']);
      expect(present(x)).toEqual([
        { id: 'doc', role: 'prescriber', start: x.start, end: x.end, mode: 'present' },
      ]);
      expect(ms(x.end)).toBeLessThanOrEqual(ms('2027-03-01T11:00:00-05:00'));
    }
  });

  it('the same cover as an occupied requirement needs a second prescriber: nobody fits', () => {
    const problem = coverProblem({
      cover: 'occupied',
      docHours: [{ date: '2027-03-01', start: '08:00', end: '11:00' }],
      patients: 2,
    });
    const solution = solve(problem, { timeLimitMs: 3000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('none');
  });

  it('books no infusion whose cover runs past the prescriber going off duty', () => {
    // Monday the prescriber leaves at 09:00 (an 08:00 start fits the 30 min, not the cover).
    const docHours = [
      { date: '2027-03-01', start: '08:00', end: '09:00' },
      { date: '2027-03-02', start: '13:00', end: '17:00' },
    ];
    const withoutCover = solve(coverProblem({ cover: null, docHours, patients: 1, days: 2 }), {
      timeLimitMs: 2000,
      seed: 1,
    });
    expect(withoutCover.appointments[0].start.slice(0, 10)).toBe('2027-03-01');

    const problem = coverProblem({ cover: 'present', docHours, patients: 1, days: 2 });
    const solution = solve(problem, { timeLimitMs: 2000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    const [a] = solution.appointments;
    expect(a.start).toBe('2027-03-02T13:00:00-05:00');
    expect(present(a).map((s) => s.id)).toEqual(['doc']);
  });

  it('hands the cover to a prescriber on duty through recovery when the one who started leaves', () => {
    // Start 08:00 (the patient's day is 08:00-10:00): doc starts it (doc-2 is busy until
    // 08:30), doc leaves at 09:00, so the recovery cover 08:30-10:00 is doc-2's.
    const problem = coverProblem({
      cover: 'present',
      docHours: [{ date: '2027-03-01', start: '08:00', end: '09:00' }],
      patients: 1,
    });
    const cover = problem.sessionTypes[0].staff[2];
    cover.offsetMinutes = 30;
    cover.durationMinutes = 90;
    problem.staff.push({
      id: 'doc-2',
      roles: ['prescriber'],
      availability: [{ date: '2027-03-01', start: '08:00', end: '17:00' }],
    });
    problem.busy = [{ resource: 'doc-2', start: '2027-03-01T08:00', end: '2027-03-01T08:30' }];
    problem.protocols[0].patientDay = { start: '08:00', end: '10:00' };
    const solution = solve(problem, { timeLimitMs: 2000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    const [a] = solution.appointments;
    expect(a.start).toBe('2027-03-01T08:00:00-05:00');
    expect(occupied(a).find((s) => s.role === 'prescriber')?.id).toBe('doc');
    expect(present(a)).toEqual([
      {
        id: 'doc-2',
        role: 'prescriber',
        start: '2027-03-01T08:30:00-05:00',
        end: a.end,
        mode: 'present',
      },
    ]);
  });

  it('explains an infusion no prescriber can cover: availability of the role, not capacity', () => {
    const problem = coverProblem({
      cover: 'present',
      docHours: [{ date: '2027-03-01', start: '08:00', end: '09:00' }],
      patients: 1,
    });
    const solution = solve(problem, { timeLimitMs: 2000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('none');
    expect(solution.stats.proof).toBe('infeasible');
    const [reason] = solution.unscheduled[0].reasons;
    expect(reason.code).toBe('NO_RESOURCE_AVAILABILITY');
    expect(reason.message).toContain('prescriber');
  });

  it('presence counts toward no staff limit', () => {
    // doc may work 60 min a day: it starts both infusions (2 × 30 min) and covers both.
    const problem = coverProblem({
      cover: 'present',
      docHours: [{ date: '2027-03-01', start: '08:00', end: '12:00' }],
      patients: 2,
      docLimits: { maxSessionsPerDay: 2, maxMinutesPerDay: 60 },
    });
    const solution = solve(problem, { timeLimitMs: 3000, seed: 1 });
    expect(validateSolution(problem, solution)).toEqual([]);
    expect(solution.status).toBe('complete');
    // 2 × 120 min of cover would break a 60-minute day if it counted.
    expect(solution.appointments.flatMap(present)).toHaveLength(2);

    const tight = coverProblem({
      cover: 'present',
      docHours: [{ date: '2027-03-01', start: '08:00', end: '12:00' }],
      patients: 2,
      docLimits: { maxSessionsPerDay: 1 },
    });
    const one = solve(tight, { timeLimitMs: 3000, seed: 1 });
    expect(validateSolution(tight, one)).toEqual([]);
    // The occupied start counts: one infusion a day, however much cover is left.
    expect(one.score.scheduledPatients).toBe(1);
  });
});
