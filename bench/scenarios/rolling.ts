/**
 * 30 rolling outpatients in Europe/Berlin over 12 weeks crossing the EU DST
 * change (2027-03-28) and the Easter holidays (Good Friday 2027-03-26 and
 * Easter Monday 2027-03-29 closed): IM KAP, esketamine and EMDR intensives,
 * a new patient every ~2 days.
 */
import type { Patient, Problem, Protocol } from '../../src/domain/planning/format';
import { addDays } from '../../src/domain/planning/first-fit/clinic-time';
import {
  EMDR_INTENSIVE_2W,
  ESKETAMINE_4W,
  KAP_IM_3W,
  MON_FRI,
  SESSION_TYPES,
  staffMember,
} from './catalog';
import { Prng } from './prng';

const START = '2027-03-01';
const END = '2027-05-23';

export function rollingProblem(seed = 30): Problem {
  const rng = new Prng(seed);
  const programs: [Protocol, number][] = [
    [KAP_IM_3W, 34],
    [ESKETAMINE_4W, 36],
    [EMDR_INTENSIVE_2W, 16],
  ];
  const patients: Patient[] = Array.from({ length: 30 }, (_, i) => {
    const [protocol, window] = programs[i % programs.length];
    const first = 2 * i + rng.int(0, 1);
    const p: Patient = {
      id: `p-${String(i + 1).padStart(2, '0')}`,
      protocol: protocol.id,
      earliestStart: addDays(START, first),
      latestEnd: addDays(START, first + window),
    };
    if (rng.chance(0.25)) {
      const d = addDays(START, first + rng.int(3, 9));
      p.unavailable = [{ start: `${d}T08:00`, end: `${d}T11:00` }];
    }
    return p;
  });
  return {
    formatVersion: 1,
    clinic: {
      timeZone: 'Europe/Berlin',
      slotMinutes: 15,
      closures: ['2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
    },
    horizon: { start: START, end: END },
    staff: [
      staffMember('arzt-1', ['prescriber'], MON_FRI, '08:00', '16:30', [
        '2027-04-12',
        '2027-04-13',
      ]),
      staffMember('arzt-2', ['prescriber'], ['MO', 'TU', 'WE', 'TH', 'FR', 'SA'], '09:00', '17:00'),
      staffMember('pflege-1', ['rn'], MON_FRI, '07:30', '17:30'),
      staffMember('pflege-2', ['rn'], ['TU', 'WE', 'TH', 'FR', 'SA'], '08:00', '17:00'),
      staffMember('kap-1', ['kap-therapist', 'art-practitioner'], MON_FRI, '08:30', '17:30'),
      staffMember('kap-2', ['kap-therapist'], ['TU', 'WE', 'TH', 'FR', 'SA'], '09:00', '17:30'),
      staffMember(
        'kap-3',
        ['kap-therapist', 'art-practitioner'],
        ['MO', 'WE', 'FR', 'SA'],
        '09:00',
        '17:00',
      ),
      staffMember('emdr-1', ['emdr-therapist'], ['MO', 'TU', 'WE', 'TH'], '08:30', '17:30'),
      staffMember('emdr-2', ['emdr-therapist', 'ifs-therapist'], MON_FRI, '08:00', '17:30', [
        '2027-04-19',
        '2027-04-20',
      ]),
      staffMember('ifs-1', ['ifs-therapist'], MON_FRI, '08:00', '17:00'),
      staffMember('ifs-2', ['ifs-therapist'], ['TU', 'TH'], '10:00', '18:00'),
      staffMember('art-1', ['art-practitioner'], ['TU', 'TH', 'SA'], '09:00', '15:00'),
    ],
    rooms: [
      { id: 'dosierung-1', features: ['dosing', 'monitoring'] },
      { id: 'dosierung-2', features: ['dosing', 'monitoring'] },
      { id: 'liege', features: ['recliner', 'monitoring'], capacity: 3 },
      { id: 'therapie-1', features: ['therapy'] },
      { id: 'therapie-2', features: ['therapy'] },
      { id: 'therapie-3', features: ['therapy'] },
      { id: 'therapie-4', features: ['therapy'] },
    ],
    sessionTypes: SESSION_TYPES,
    protocols: [KAP_IM_3W, ESKETAMINE_4W, EMDR_INTENSIVE_2W],
    patients,
    options: { timeLimitMs: 10000, seed },
  };
}
