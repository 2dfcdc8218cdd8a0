/**
 * IV ketamine for PTSD with trauma-focused therapy (EMDR, ART or IFS) on the
 * days between infusions: the course (3–6 weeks), a compressed two-week
 * intensive, and a booster that carries the course's therapist forward.
 *
 * Shared design (format 1.1): the therapy series takes its count from the
 * infusions (`count: { sameAs: "infusion" }`); each infusion has its own
 * therapy session the next day (a follow-up 14–32 h after the infusion ends,
 * which with the patient day 08:00–18:00 is any time of the next day), and a
 * `separation` of 14 h between any two of these sessions keeps therapy off
 * infusion days, so infusion and therapy days alternate.
 */
import type { Protocol, ProtocolRule, SessionType } from '../../planning/format';
import { defineTemplate } from './define-template';
import type { ProtocolTemplate, SourceCitation } from './template-types';
import { ART_75, EMDR_90, IFS_60, INTAKE, KETAMINE_IV } from './session-types';

export type TraumaTherapy = 'emdr' | 'art' | 'ifs';

const THERAPY: Record<
  TraumaTherapy,
  { label: string; sessionType: SessionType; role: string; long: string }
> = {
  emdr: {
    label: 'EMDR',
    sessionType: EMDR_90,
    role: 'emdr-therapist',
    long: 'eye movement desensitization and reprocessing',
  },
  art: {
    label: 'ART',
    sessionType: ART_75,
    role: 'art-therapist',
    long: 'Accelerated Resolution Therapy',
  },
  ifs: {
    label: 'IFS',
    sessionType: IFS_60,
    role: 'ifs-therapist',
    long: 'Internal Family Systems therapy',
  },
};

const FEDER_2021: Omit<SourceCitation, 'basis' | 'note'> = {
  title:
    'A randomized controlled trial of repeated ketamine administration for chronic posttraumatic stress disorder',
  authors: 'Feder A, Costi S, Rutter SB, et al.',
  year: 2021,
  publication: 'American Journal of Psychiatry 178(2):193–202',
  doi: '10.1176/appi.ajp.2020.20050596',
};

const ALBOTT_2018: Omit<SourceCitation, 'basis' | 'note'> = {
  title:
    'Efficacy, safety, and durability of repeated ketamine infusions for comorbid posttraumatic stress disorder and treatment-resistant depression',
  authors: 'Albott CS, Lim KO, Forbes MK, et al.',
  year: 2018,
  publication: 'Journal of Clinical Psychiatry 79(3):17m11634',
  doi: '10.4088/JCP.17m11634',
};

/** Infusion, then its therapy session the next day; therapy never on an infusion day. */
function alternation(): ProtocolRule[] {
  return [
    { type: 'followUp', anchor: 'infusion', targets: ['therapy'], hours: { min: 14, max: 32 } },
    { type: 'separation', series: ['infusion', 'therapy'], minHours: 14 },
  ];
}

const INTAKE_BEFORE_FIRST_INFUSION: ProtocolRule = {
  type: 'offset',
  from: { series: 'intake', occurrence: 'last', point: 'end' },
  to: { series: 'infusion', occurrence: 'first', point: 'start' },
  hours: { min: 20, max: 336 },
};

const PATIENT_DAY: Protocol['patientDay'] = {
  start: '08:00',
  end: '18:00',
  maxSessions: 2,
  maxMinutes: 240,
  minBreakMinutes: 30,
};

/** The 3–6-week course with `therapy` on the day after each infusion. */
export function ptsdCourse(therapy: TraumaTherapy): ProtocolTemplate {
  const t = THERAPY[therapy];
  return defineTemplate({
    id: `ketamine-ptsd-${therapy}`,
    name: `IV ketamine for PTSD with ${t.label} on the days between infusions (3–6 weeks)`,
    summary: `An intake, then six (up to eight) IV ketamine infusions (0.5 mg/kg over 40 minutes, physician on site through recovery), Monday to Thursday, each followed the next day by a ${t.label} session with the same therapist: infusion and ${t.label} days alternate over 3–6 weeks.`,
    source: {
      ...ALBOTT_2018,
      basis: 'modeled-on',
      note: `Six IV ketamine infusions of 0.5 mg/kg (over 40 minutes) on a Monday-Wednesday-Friday schedule over 12 days for comorbid PTSD and treatment-resistant depression; Feder et al. 2021 (American Journal of Psychiatry, doi:10.1176/appi.ajp.2020.20050596) gave six infusions over two weeks for chronic PTSD. Spreading 6–8 infusions over 3–6 weeks with ${t.long} on the days between is a local design combining the infusion regimen with trauma-focused therapy.`,
    },
    sessionTypes: [INTAKE, KETAMINE_IV, t.sessionType],
    protocol: {
      spanDays: { max: 49 },
      series: [
        { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
        {
          id: 'infusion',
          sessionType: 'ketamine-iv',
          count: { min: 6, max: 8, default: 6 },
          gapHours: { min: 44, max: 168 },
          // A Friday infusion would need its therapy on Saturday.
          days: ['MO', 'TU', 'WE', 'TH'],
        },
        { id: 'therapy', sessionType: t.sessionType.id, count: { sameAs: 'infusion' } },
      ],
      rules: [INTAKE_BEFORE_FIRST_INFUSION, ...alternation()],
      patientDay: PATIENT_DAY,
      restDays: ['SA', 'SU'],
      continuity: [{ series: ['therapy'], role: t.role, mode: 'require' }],
    },
  });
}

/** Two weeks: infusions Mon/Wed/Fri as in the trials, EMDR Tue/Thu/Sat. */
export const KETAMINE_PTSD_INTENSIVE = defineTemplate({
  id: 'ketamine-ptsd-intensive',
  name: 'IV ketamine for PTSD with EMDR: two-week intensive',
  summary:
    'An intake, then six IV ketamine infusions on Monday, Wednesday and Friday of two consecutive weeks (as in the PTSD trials), each followed the next day (Tuesday, Thursday, Saturday) by a 90-minute EMDR session with the same therapist.',
  source: {
    ...FEDER_2021,
    basis: 'modeled-on',
    note: 'Six infusions of ketamine 0.5 mg/kg (over 40 minutes) over 2 consecutive weeks for chronic PTSD; Albott et al. 2018 (Journal of Clinical Psychiatry, doi:10.4088/JCP.17m11634) used the same Monday-Wednesday-Friday schedule over 12 days. The EMDR session on each day after an infusion (Saturday included) is a local design; four or five infusions make a shorter intensive.',
  },
  sessionTypes: [INTAKE, KETAMINE_IV, EMDR_90],
  protocol: {
    spanDays: { max: 21 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'infusion',
        sessionType: 'ketamine-iv',
        count: { min: 4, max: 6, default: 6 },
        gapHours: { min: 44, max: 76 },
        days: ['MO', 'WE', 'FR'],
      },
      { id: 'therapy', sessionType: 'emdr-90', count: { sameAs: 'infusion' } },
    ],
    rules: [INTAKE_BEFORE_FIRST_INFUSION, ...alternation()],
    patientDay: PATIENT_DAY,
    restDays: ['SU'],
    continuity: [{ series: ['therapy'], role: 'emdr-therapist', mode: 'require' }],
  },
});

/**
 * The series of a booster protocol that carries earlier enrollments'
 * therapy sessions into its problem as `done` history (see
 * docs/starter-protocols.md, "Carrying the therapist forward").
 */
export const CARRIED_SERIES_PREFIX = 'previous-';

/** One infusion and its therapy session the next day, preferring the therapist of the course. */
export function ptsdBooster(therapy: TraumaTherapy): ProtocolTemplate {
  const t = THERAPY[therapy];
  return defineTemplate({
    id: `ketamine-ptsd-booster-${therapy}`,
    name: `IV ketamine booster for PTSD with ${t.label} (same therapist)`,
    summary: `One IV ketamine infusion and a ${t.label} session the next day, enrolled every few months after a ketamine-for-PTSD course; the therapist who saw the patient before is preferred (their earlier sessions enter as history in series previous-therapy).`,
    source: {
      ...FEDER_2021,
      basis: 'modeled-on',
      note: `Among responders the median time to loss of response was 27.5 days after the two-week course; Albott et al. 2018 (doi:10.4088/JCP.17m11634) report a median of 41 days to PTSD relapse. A single booster infusion with a ${t.label} session, enrolled when symptoms return or every few months, is a local design.`,
    },
    sessionTypes: [KETAMINE_IV, t.sessionType],
    protocol: {
      series: [
        {
          id: `${CARRIED_SERIES_PREFIX}therapy`,
          sessionType: t.sessionType.id,
          count: { min: 0, max: 40, default: 0 },
        },
        {
          id: 'infusion',
          sessionType: 'ketamine-iv',
          count: { min: 1, max: 2, default: 1 },
          gapHours: { min: 44, max: 168 },
          days: ['MO', 'TU', 'WE', 'TH'],
        },
        { id: 'therapy', sessionType: t.sessionType.id, count: { sameAs: 'infusion' } },
      ],
      rules: alternation(),
      patientDay: PATIENT_DAY,
      restDays: ['SA', 'SU'],
      continuity: [
        { series: [`${CARRIED_SERIES_PREFIX}therapy`, 'therapy'], role: t.role, mode: 'prefer' },
      ],
    },
  });
}
