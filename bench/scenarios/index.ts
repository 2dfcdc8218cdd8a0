/** The benchmark's scenarios, in run order. Every generator is deterministic. */
import { clinicProblem, plantedClinicReference } from './clinic';
import { retreatProblem } from './retreat';
import { rollingProblem } from './rolling';
import type { Scenario } from './scenario';
import { singleProblem } from './single';
import { tightChairsProblem, tightEmdrVacationProblem } from './tight';

export type { Scenario } from './scenario';

export const SCENARIOS: Scenario[] = [
  {
    name: 'single-6w',
    patients: 1,
    description:
      '1 patient, esketamine 6 weeks (induction + maintenance, IFS follow-ups, EMDR same therapist), New York, across DST',
    timeLimitMs: 5000,
    tight: false,
    build: singleProblem,
  },
  {
    name: 'retreat-8',
    patients: 8,
    description:
      '8-patient residential 5-day retreat, 4 recliners, one prescriber per half-day, New York, across DST',
    timeLimitMs: 1000,
    tight: false,
    build: retreatProblem,
  },
  {
    name: 'rolling-30',
    patients: 30,
    description:
      '30 rolling outpatients (IM KAP, esketamine, EMDR intensive), 12 staff, Berlin, across DST and Easter closures',
    timeLimitMs: 10000,
    tight: false,
    build: () => rollingProblem(30),
  },
  {
    name: 'clinic-50',
    patients: 50,
    description: 'a quarter of clinic-200: 50 patients, 15 staff, 6 weeks',
    timeLimitMs: 30000,
    tight: false,
    build: () => clinicProblem(50, 4),
    planted: () => plantedClinicReference(50, 4),
  },
  {
    name: 'clinic-200',
    patients: 200,
    description:
      '200 patients × 6 weeks × 60 staff: IV Mon/Wed/Fri, IM KAP, esketamine, EMDR intensive; New York, across DST',
    timeLimitMs: 30000,
    tight: false,
    build: () => clinicProblem(200, 200),
    planted: () => plantedClinicReference(200, 200),
  },
  {
    name: 'tight-chairs',
    patients: 8,
    description:
      'two chairs Tue/Fri mornings exactly full; flexible patients listed before early-deadline ones (Berlin, Easter Monday closed)',
    timeLimitMs: 5000,
    tight: true,
    build: tightChairsProblem,
  },
  {
    name: 'tight-emdr-vacation',
    patients: 4,
    description:
      'EMDR intensives requiring one therapist; the second-listed therapist is away in week 2 (New York, across DST)',
    timeLimitMs: 5000,
    tight: true,
    build: tightEmdrVacationProblem,
  },
];

export function scenarioByName(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s)
    throw new Error(`unknown scenario ${name}; known: ${SCENARIOS.map((x) => x.name).join(', ')}`);
  return s;
}
