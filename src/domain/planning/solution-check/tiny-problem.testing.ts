/**
 * Hand-built problem and solution for the validator's specs. The solution is
 * valid: p1 gets two IV doses (Mon 1 and Wed 3 March 2027, 09:00 New York)
 * each followed by a talk at 13:00 the same day.
 */
import type { Appointment, Problem, Solution } from '../format';

const weekdays = [{ rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', start: '08:00', end: '17:00' }];

export function tinyProblem(): Problem {
  const problem: Problem = {
    formatVersion: 1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15, closures: [] },
    horizon: { start: '2027-03-01', end: '2027-03-31' },
    staff: [
      { id: 'doc', roles: ['prescriber'], availability: weekdays },
      { id: 'rn-1', roles: ['rn'], availability: weekdays },
      { id: 'ther-1', roles: ['therapist'], availability: weekdays },
      { id: 'ther-2', roles: ['therapist'], availability: weekdays },
    ],
    rooms: [
      { id: 'inf-1', features: ['infusion'] },
      { id: 'inf-2', features: ['infusion'] },
      { id: 'th-1', features: ['therapy'] },
    ],
    sessionTypes: [
      {
        id: 'dose',
        durationMinutes: 120,
        room: { features: ['infusion'], turnoverMinutes: 15 },
        staff: [
          { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 30 },
          { role: 'rn', count: 1, maxConcurrent: 2 },
          { role: 'therapist', count: 1 },
        ],
      },
      {
        id: 'talk',
        durationMinutes: 60,
        room: { features: ['therapy'] },
        staff: [{ role: 'therapist' }],
      },
    ],
    protocols: [
      {
        id: 'iv',
        series: [
          {
            id: 'dose',
            sessionType: 'dose',
            count: { min: 2, max: 3, default: 2 },
            gapHours: { min: 44, max: 100 },
            days: ['MO', 'WE', 'FR'],
          },
          { id: 'talk', sessionType: 'talk', count: { min: 2, max: 2 } },
        ],
        rules: [
          { type: 'followUp', anchor: 'dose', targets: ['talk'], hours: { min: 1, max: 30 } },
        ],
        patientDay: {
          start: '08:00',
          end: '18:00',
          maxSessions: 2,
          maxMinutes: 240,
          minBreakMinutes: 30,
        },
        restDays: ['SA', 'SU'],
      },
    ],
    patients: [{ id: 'p1', protocol: 'iv', earliestStart: '2027-03-01', latestEnd: '2027-03-12' }],
  };
  return JSON.parse(JSON.stringify(problem)) as Problem; // no arrays shared between staff members
}

/** A dose at `date` `time` (offset given) for `patient`, 120 min, staffed by doc, rn-1 and `therapist`. */
export function dose(
  id: string,
  patient: string,
  index: number,
  start: string,
  end: string,
  docEnd: string,
  room = 'inf-1',
  therapist = 'ther-1',
): Appointment {
  return {
    id,
    patient,
    series: 'dose',
    index,
    sessionType: 'dose',
    start,
    end,
    room,
    staff: [
      { id: 'doc', role: 'prescriber', start, end: docEnd },
      { id: 'rn-1', role: 'rn', start, end },
      { id: therapist, role: 'therapist', start, end },
    ],
  };
}

export function talk(
  id: string,
  patient: string,
  index: number,
  start: string,
  end: string,
  therapist = 'ther-1',
): Appointment {
  return {
    id,
    patient,
    series: 'talk',
    index,
    sessionType: 'talk',
    start,
    end,
    room: 'th-1',
    staff: [{ id: therapist, role: 'therapist', start, end }],
  };
}

export function tinySolution(): Solution {
  return {
    formatVersion: 1,
    status: 'complete',
    appointments: [
      dose(
        'a1',
        'p1',
        1,
        '2027-03-01T09:00:00-05:00',
        '2027-03-01T11:00:00-05:00',
        '2027-03-01T09:30:00-05:00',
      ),
      talk('a2', 'p1', 1, '2027-03-01T13:00:00-05:00', '2027-03-01T14:00:00-05:00'),
      dose(
        'a3',
        'p1',
        2,
        '2027-03-03T09:00:00-05:00',
        '2027-03-03T11:00:00-05:00',
        '2027-03-03T09:30:00-05:00',
      ),
      talk('a4', 'p1', 2, '2027-03-03T13:00:00-05:00', '2027-03-03T14:00:00-05:00'),
    ],
    unscheduled: [],
    score: { scheduledPatients: 1, movedAppointments: 0, continuityBreaks: 0, completionDays: 2 },
    stats: { elapsedMs: 5, proof: 'optimal' },
  };
}

/**
 * Adds p2 with the same plan two hours later (doses 11:00-13:00 in `room`,
 * therapist ther-2, talks 15:00). With room inf-2 the pair is valid.
 */
export function withSecondPatient(
  problem: Problem,
  solution: Solution,
  room = 'inf-2',
  doseStart = '11:00',
): void {
  problem.patients.push({
    id: 'p2',
    protocol: 'iv',
    earliestStart: '2027-03-01',
    latestEnd: '2027-03-12',
  });
  const [h] = doseStart.split(':').map(Number);
  const t = (day: string, hour: number, minute = 0) =>
    `2027-03-${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00-05:00`;
  for (const [day, n] of [
    ['01', 1],
    ['03', 2],
  ] as const) {
    solution.appointments.push(
      dose(`b${n}d`, 'p2', n, t(day, h), t(day, h + 2), t(day, h, 30), room, 'ther-2'),
      talk(`b${n}t`, 'p2', n, t(day, 15), t(day, 16), 'ther-2'),
    );
  }
  solution.score.scheduledPatients = 2;
  solution.score.completionDays = 4;
}
