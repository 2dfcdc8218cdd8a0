/** Esketamine nasal spray (Spravato) induction and maintenance, per the US label. */
import { defineTemplate } from './define-template';
import { ESKETAMINE, INTAKE } from './session-types';

export const ESKETAMINE_INDUCTION_MAINTENANCE = defineTemplate({
  id: 'esketamine-8-weeks',
  name: 'Esketamine nasal spray: induction and maintenance (weeks 1–8)',
  summary:
    'An intake, then esketamine twice weekly for weeks 1–4 (induction) and once weekly for weeks 5–8 (maintenance), each with at least 2 hours of monitoring after the dose.',
  source: {
    basis: 'published',
    title: 'SPRAVATO (esketamine) nasal spray: Prescribing Information and dosing guide',
    authors: 'Janssen Pharmaceuticals, Inc.',
    year: 2019,
    url: 'https://www.spravatohcp.com/trd/dosing-and-administration',
    note: 'Treatment-resistant depression: induction twice per week in weeks 1–4, maintenance once weekly in weeks 5–8 (then weekly or every 2 weeks, not modelled here). Patients are monitored by a healthcare provider for at least 2 hours after each dose, in a certified treatment center under the SPRAVATO REMS.',
  },
  sessionTypes: [INTAKE, ESKETAMINE],
  protocol: {
    spanDays: { max: 63 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'induction',
        sessionType: 'esketamine-nasal',
        count: { min: 8, max: 8 },
        gapHours: { min: 68, max: 108 },
      },
      {
        id: 'maintenance',
        sessionType: 'esketamine-nasal',
        count: { min: 4, max: 4 },
        gapHours: { min: 144, max: 192 },
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
    ],
    patientDay: {
      start: '08:00',
      end: '17:00',
      maxSessions: 2,
      maxMinutes: 240,
      minBreakMinutes: 30,
    },
    restDays: ['SA', 'SU'],
  },
});
