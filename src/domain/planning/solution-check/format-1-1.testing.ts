/**
 * Hand-built format 1.1 problems with valid solutions, for the validator's and
 * the problem check's specs (America/New_York, March 2027, all EST).
 *
 * - history: p1 had dose #1 and talk #1 on Mon 1 March (done, before the
 *   horizon), missed dose #2 on Wed 3 March; at now = Wed 12:00 the course
 *   resumes on Mon 8 March (168 h after dose #1, allowed by resumeGapHours).
 * - group: three retreat patients in one integration circle (room capacity 1,
 *   one facilitator) on Mon 1 March 10:00.
 * - presence: the tiny problem's dose also needs a prescriber present for the
 *   whole session; `doc` covers it while also holding the first 30 minutes.
 */
import type { Appointment, ExistingBooking, Problem, Solution } from '../format';
import { dose, talk, tinyProblem, tinySolution } from './tiny-problem.testing';

const est = (day: string, time: string) => `2027-03-${day}T${time}:00-05:00`;

export const HISTORY_DONE_DOSE: ExistingBooking = {
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
  mode: 'done',
};

export const HISTORY_DONE_TALK: ExistingBooking = {
  id: 'a2',
  patient: 'p1',
  series: 'talk',
  index: 1,
  start: '2027-03-01T13:00',
  room: 'th-1',
  staff: [{ id: 'ther-1', role: 'therapist' }],
  mode: 'done',
};

export const HISTORY_MISSED_DOSE: ExistingBooking = {
  ...HISTORY_DONE_DOSE,
  id: 'm2',
  index: 2,
  start: '2027-03-03T09:00',
  mode: 'missed',
};

export function historyProblem(): Problem {
  const problem = tinyProblem();
  problem.formatVersion = 1.1;
  problem.horizon.start = '2027-03-03';
  problem.now = '2027-03-03T12:00';
  problem.protocols[0].series[0].resumeGapHours = { max: 168 };
  problem.existing = [
    structuredClone(HISTORY_DONE_DOSE),
    structuredClone(HISTORY_DONE_TALK),
    structuredClone(HISTORY_MISSED_DOSE),
  ];
  return problem;
}

export function historySolution(): Solution {
  const solution = tinySolution();
  solution.formatVersion = 1.1;
  solution.appointments = [
    dose('a1', 'p1', 1, est('01', '09:00'), est('01', '11:00'), est('01', '09:30')),
    talk('a2', 'p1', 1, est('01', '13:00'), est('01', '14:00')),
    dose('n3', 'p1', 2, est('08', '09:00'), est('08', '11:00'), est('08', '09:30')),
    talk('n4', 'p1', 2, est('08', '13:00'), est('08', '14:00')),
  ];
  solution.missed = [structuredClone(HISTORY_MISSED_DOSE)];
  solution.score.completionDays = 7; // earliestStart 1 March to Mon 8 March
  return solution;
}

const circleStaff = [{ role: 'facilitator', count: 1 }];

export function groupProblem(): Problem {
  const problem = tinyProblem();
  problem.formatVersion = 1.1;
  problem.staff.push({
    id: 'fac-1',
    roles: ['facilitator'],
    availability: problem.staff[0].availability,
    limits: { maxSessionsPerDay: 1, maxMinutesPerDay: 90 },
  });
  problem.rooms.push(
    { id: 'circle-1', features: ['group'] },
    { id: 'circle-2', features: ['group'] },
  );
  problem.sessionTypes.push({
    id: 'circle',
    durationMinutes: 90,
    room: { features: ['group'] },
    staff: circleStaff,
    group: { min: 2, max: 3 },
  });
  problem.protocols.push({
    id: 'retreat',
    series: [{ id: 'circle', sessionType: 'circle', count: { min: 1, max: 1 } }],
  });
  problem.patients = ['q1', 'q2', 'q3'].map((id) => ({
    id,
    protocol: 'retreat',
    earliestStart: '2027-03-01',
  }));
  return problem;
}

/** An appointment of occurrence `c1` (or `occurrence`): Mon 1 March 10:00-11:30 in circle-1. */
export function circle(id: string, patient: string, occurrence = 'c1'): Appointment {
  const [start, end] = [est('01', '10:00'), est('01', '11:30')];
  return {
    id,
    patient,
    series: 'circle',
    index: 1,
    sessionType: 'circle',
    start,
    end,
    room: 'circle-1',
    staff: [{ id: 'fac-1', role: 'facilitator', start, end }],
    occurrence,
  };
}

export function groupSolution(): Solution {
  return {
    formatVersion: 1.1,
    status: 'complete',
    appointments: [circle('g1', 'q1'), circle('g2', 'q2'), circle('g3', 'q3')],
    unscheduled: [],
    score: { scheduledPatients: 3, movedAppointments: 0, continuityBreaks: 0, completionDays: 0 },
    stats: { elapsedMs: 1, proof: 'optimal' },
  };
}

/** Adds the whole-session present prescriber to the tiny problem's dose and its solution. */
export function withPresence(problem: Problem, solution: Solution, who = 'doc'): void {
  problem.formatVersion = 1.1;
  solution.formatVersion = 1.1;
  problem.sessionTypes[0].staff.push({ role: 'prescriber', count: 1, mode: 'present' });
  for (const a of solution.appointments) {
    if (a.sessionType === 'dose')
      a.staff.push({ id: who, role: 'prescriber', start: a.start, end: a.end, mode: 'present' });
  }
}
