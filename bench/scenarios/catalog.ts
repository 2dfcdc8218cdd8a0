/**
 * Session types and protocols shared by the benchmark scenarios, modelled on
 * the example problems in test/fixtures/examples: IV ketamine Mon/Wed/Fri, IM ketamine-assisted
 * psychotherapy, esketamine induction + maintenance with IFS and EMDR, EMDR
 * intensives and a residential retreat.
 */
import type { Protocol, SessionType, StaffMember, Weekday } from '../../src/domain/planning/format';

export const SESSION_TYPES: SessionType[] = [
  {
    id: 'intake',
    durationMinutes: 60,
    room: { features: ['therapy'] },
    staff: [{ role: 'prescriber', count: 1 }],
  },
  {
    id: 'ketamine-iv',
    durationMinutes: 120,
    room: { features: ['infusion'], turnoverMinutes: 15 },
    staff: [
      { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 45 },
      { role: 'rn', count: 1, maxConcurrent: 2 },
      { role: 'kap-therapist', count: 1 },
    ],
  },
  {
    id: 'ketamine-im',
    durationMinutes: 150,
    room: { features: ['dosing'], turnoverMinutes: 15 },
    staff: [
      { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 30 },
      { role: 'rn', count: 1, maxConcurrent: 3 },
      { role: 'kap-therapist', count: 1 },
    ],
  },
  {
    id: 'esketamine',
    durationMinutes: 135,
    room: { features: ['recliner'] },
    staff: [
      { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 15 },
      { role: 'rn', count: 1, maxConcurrent: 4 },
    ],
  },
  {
    id: 'emdr-90',
    durationMinutes: 90,
    room: { features: ['therapy'] },
    staff: [{ role: 'emdr-therapist', count: 1 }],
  },
  {
    id: 'art-60',
    durationMinutes: 60,
    room: { features: ['therapy'] },
    staff: [{ role: 'art-practitioner', count: 1 }],
  },
  {
    id: 'ifs-60',
    durationMinutes: 60,
    room: { features: ['therapy'] },
    staff: [{ role: 'ifs-therapist', count: 1 }],
  },
  {
    id: 'integration-50',
    durationMinutes: 50,
    room: { features: ['therapy'] },
    staff: [{ role: 'kap-therapist', count: 1 }],
  },
];

const WEEKDAYS: Weekday[] = ['SA', 'SU'];

/** 6 IV infusions Mon/Wed/Fri, integration within 30 h of each, intake 1–7 days before. */
export const IV_MWF_2W: Protocol = {
  id: 'iv-mwf-2w',
  spanDays: { max: 18 },
  series: [
    { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
    {
      id: 'dose',
      sessionType: 'ketamine-iv',
      count: { min: 6, max: 8, default: 6 },
      gapHours: { min: 44, max: 100 },
      days: ['MO', 'WE', 'FR'],
    },
    { id: 'integration', sessionType: 'integration-50', count: { min: 6, max: 8, default: 6 } },
  ],
  rules: [
    {
      type: 'offset',
      from: { series: 'intake', occurrence: 'last', point: 'end' },
      to: { series: 'dose', occurrence: 'first', point: 'start' },
      hours: { min: 24, max: 168 },
    },
    { type: 'followUp', anchor: 'dose', targets: ['integration'], hours: { min: 1, max: 30 } },
  ],
  patientDay: {
    start: '08:00',
    end: '18:00',
    maxSessions: 2,
    maxMinutes: 240,
    minBreakMinutes: 60,
  },
  restDays: WEEKDAYS,
  continuity: [{ series: ['dose', 'integration'], role: 'kap-therapist', mode: 'prefer' }],
};

/** IM ketamine-assisted psychotherapy over ~3 weeks with ART in week 1 and next-day integration. */
export const KAP_IM_3W: Protocol = {
  id: 'kap-im-3w',
  spanDays: { min: 12, max: 26 },
  series: [
    { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
    {
      id: 'dose',
      sessionType: 'ketamine-im',
      count: { min: 6, max: 8, default: 6 },
      gapHours: { min: 48, max: 120 },
    },
    {
      id: 'art',
      sessionType: 'art-60',
      count: { min: 1, max: 5, default: 2 },
      gapHours: { min: 20 },
    },
    { id: 'integration', sessionType: 'integration-50', count: { min: 6, max: 8, default: 6 } },
  ],
  rules: [
    {
      type: 'offset',
      from: { series: 'intake', occurrence: 'last', point: 'end' },
      to: { series: 'dose', occurrence: 'first', point: 'start' },
      hours: { min: 24, max: 240 },
    },
    {
      type: 'offset',
      from: { series: 'dose', occurrence: 'first', point: 'start' },
      to: { series: 'art', occurrence: 'last', point: 'start' },
      hours: { min: 0, max: 168 },
    },
    { type: 'followUp', anchor: 'dose', targets: ['integration'], hours: { min: 12, max: 30 } },
    { type: 'notSameDay', series: ['dose', 'art'] },
  ],
  patientDay: {
    start: '09:00',
    end: '17:00',
    maxSessions: 2,
    maxMinutes: 240,
    minBreakMinutes: 30,
  },
  restDays: ['SU'],
  continuity: [{ series: ['dose', 'integration'], role: 'kap-therapist', mode: 'prefer' }],
};

/**
 * Esketamine over 6 weeks: intake, induction twice a week for 3 weeks (each
 * followed by IFS within 48 h), weekly maintenance for 3 weeks, weekly EMDR
 * with the same therapist.
 */
export const ESKETAMINE_6W: Protocol = {
  id: 'esketamine-6w',
  spanDays: { max: 42 },
  series: [
    { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
    {
      id: 'induction',
      sessionType: 'esketamine',
      count: { min: 6, max: 6 },
      gapHours: { min: 72, max: 100 },
      days: ['MO', 'TU', 'TH', 'FR'],
    },
    {
      id: 'maintenance',
      sessionType: 'esketamine',
      count: { min: 3, max: 3 },
      gapHours: { min: 144, max: 192 },
    },
    { id: 'ifs', sessionType: 'ifs-60', count: { min: 6, max: 6 } },
    {
      id: 'emdr',
      sessionType: 'emdr-90',
      count: { min: 4, max: 4 },
      gapHours: { min: 120, max: 216 },
    },
  ],
  rules: [
    {
      type: 'offset',
      from: { series: 'intake', occurrence: 'last', point: 'end' },
      to: { series: 'induction', occurrence: 'first', point: 'start' },
      hours: { min: 20, max: 336 },
    },
    {
      type: 'offset',
      from: { series: 'induction', occurrence: 'last', point: 'start' },
      to: { series: 'maintenance', occurrence: 'first', point: 'start' },
      hours: { min: 144, max: 192 },
    },
    { type: 'followUp', anchor: 'induction', targets: ['ifs'], hours: { min: 0.5, max: 48 } },
    { type: 'notSameDay', series: ['induction', 'maintenance', 'emdr'] },
  ],
  patientDay: {
    start: '08:00',
    end: '17:00',
    maxSessions: 2,
    maxMinutes: 240,
    minBreakMinutes: 30,
  },
  restDays: ['SA', 'SU'],
  continuity: [
    { series: ['emdr'], role: 'emdr-therapist', mode: 'require' },
    { series: ['ifs'], role: 'ifs-therapist', mode: 'prefer' },
  ],
};

/** The clinic's 4-week esketamine variant: induction as ESKETAMINE_6W, one maintenance dose, 2 EMDR sessions. */
export const ESKETAMINE_4W: Protocol = {
  ...ESKETAMINE_6W,
  id: 'esketamine-4w',
  spanDays: { max: 28 },
  series: ESKETAMINE_6W.series.map((s) =>
    s.id === 'maintenance'
      ? { ...s, count: { min: 1, max: 1 } }
      : s.id === 'emdr'
        ? { ...s, count: { min: 2, max: 2 } }
        : s,
  ),
};

/** 12–16 EMDR sessions (12 by default), at most 2 a day, Mon–Thu over two weeks, preferably one therapist. */
export const EMDR_INTENSIVE_2W: Protocol = {
  id: 'emdr-intensive-2w',
  spanDays: { max: 11 },
  series: [
    {
      id: 'emdr',
      sessionType: 'emdr-90',
      count: { min: 12, max: 16, default: 12 },
      gapHours: { min: 3 },
      days: ['MO', 'TU', 'WE', 'TH'],
    },
  ],
  rules: [],
  patientDay: {
    start: '08:30',
    end: '17:30',
    maxSessions: 2,
    maxMinutes: 180,
    minBreakMinutes: 90,
  },
  restDays: ['FR', 'SA', 'SU'],
  continuity: [{ series: ['emdr'], role: 'emdr-therapist', mode: 'prefer' }],
};

/** Staff member working a weekly pattern, optionally with days off (local dates). */
export function staffMember(
  id: string,
  roles: string[],
  days: Weekday[],
  start: string,
  end: string,
  daysOff: string[] = [],
): StaffMember {
  const m: StaffMember = {
    id,
    roles,
    availability: [{ rrule: `FREQ=WEEKLY;BYDAY=${days.join(',')}`, start, end }],
  };
  if (daysOff.length)
    m.timeOff = daysOff.map((d) => ({ start: `${d}T00:00`, end: `${nextDay(d)}T00:00` }));
  return m;
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export const MON_FRI: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
