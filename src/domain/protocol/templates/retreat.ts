/** A residential three-day ketamine-assisted retreat (local design). */
import { defineTemplate } from './define-template';
import { IFS_60, INTAKE, KAP_DOSING, KAP_INTEGRATION } from './session-types';

export const KETAMINE_RETREAT_3_DAY = defineTemplate({
  id: 'ketamine-retreat-3-day',
  name: 'Residential 3-day ketamine-assisted retreat',
  summary:
    'Day 1: intake, then the first dosing session; days 1–2: a dosing session each day, each followed the same day by integration; day 3: an IFS session to close.',
  source: {
    basis: 'local-design',
    title: 'Residential ketamine-assisted psychotherapy retreat (three days)',
    authors: 'This project (local design)',
    year: 2026,
    note: 'No single published program: modeled on the residential retreat format of ketamine-assisted psychotherapy providers and on the KAP method of Dore et al. 2019 (doi:10.1080/02791072.2019.1587556). Residential, so there are no rest days.',
  },
  sessionTypes: [INTAKE, KAP_DOSING, KAP_INTEGRATION, IFS_60],
  protocol: {
    spanDays: { max: 3 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'dose',
        sessionType: 'kap-dosing',
        count: { min: 2, max: 2 },
        gapHours: { min: 20, max: 28 },
      },
      { id: 'integration', sessionType: 'kap-integration', count: { min: 2, max: 2 } },
      { id: 'ifs', sessionType: 'ifs-60', count: { min: 1, max: 1 } },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 1, max: 30 },
      },
      {
        type: 'followUp',
        anchor: 'dose',
        targets: ['integration'],
        hours: { min: 0.5, max: 6 },
        sameDay: true,
      },
      {
        type: 'offset',
        from: { series: 'dose', occurrence: 'last', point: 'end' },
        to: { series: 'ifs', occurrence: 'first', point: 'start' },
        hours: { min: 12, max: 30 },
      },
    ],
    patientDay: {
      start: '08:00',
      end: '20:00',
      maxSessions: 3,
      maxMinutes: 330,
      minBreakMinutes: 30,
    },
    restDays: [],
    continuity: [{ series: ['dose', 'integration'], role: 'kap-therapist', mode: 'require' }],
  },
});
