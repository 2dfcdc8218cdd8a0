/** IV ketamine courses from the treatment-resistant depression trials. */
import { defineTemplate } from './define-template';
import { INTAKE, KETAMINE_IV } from './session-types';

export const IV_KETAMINE_SIX_MWF = defineTemplate({
  id: 'iv-ketamine-6-mwf',
  name: 'IV ketamine: six infusions, Mon/Wed/Fri over two weeks',
  summary:
    'An intake, then six IV ketamine infusions three times a week (Mon/Wed/Fri) over 12 days, each with 2 hours in a monitored infusion bay.',
  source: {
    basis: 'published',
    title:
      'Rapid and longer-term antidepressant effects of repeated ketamine infusions in treatment-resistant major depression',
    authors: 'Murrough JW, Perez AM, Pillemer S, et al.',
    year: 2013,
    publication: 'Biological Psychiatry 74(4):250–256',
    doi: '10.1016/j.biopsych.2012.06.022',
    note: 'Up to six IV infusions of ketamine 0.5 mg/kg, three times weekly over a 12-day period. The intake, infusion-bay time and staffing are local choices.',
  },
  sessionTypes: [INTAKE, KETAMINE_IV],
  protocol: {
    spanDays: { max: 21 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'infusion',
        sessionType: 'ketamine-iv',
        count: { min: 6, max: 6 },
        gapHours: { min: 44, max: 100 },
        days: ['MO', 'WE', 'FR'],
      },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'infusion', occurrence: 'first', point: 'start' },
        hours: { min: 20, max: 168 },
      },
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
});

export const IV_KETAMINE_EIGHT_TWICE_WEEKLY = defineTemplate({
  id: 'iv-ketamine-8-twice-weekly',
  name: 'IV ketamine: eight infusions, twice weekly over four weeks',
  summary:
    'An intake, then eight IV ketamine infusions twice a week (3–4 days apart, e.g. Mon/Thu) over four weeks.',
  source: {
    basis: 'modeled-on',
    title:
      'A double-blind, randomized, placebo-controlled, dose-frequency study of intravenous ketamine in patients with treatment-resistant depression',
    authors: 'Singh JB, Fedgchin M, Daly EJ, et al.',
    year: 2016,
    publication: 'American Journal of Psychiatry 173(8):816–826',
    doi: '10.1176/appi.ajp.2016.16010037',
    note: 'The trial gave ketamine 0.5 mg/kg over 40 minutes two or three times weekly for up to 4 weeks; this template follows the twice-weekly arm. Gap bounds and staffing are local choices.',
  },
  sessionTypes: [INTAKE, KETAMINE_IV],
  protocol: {
    spanDays: { max: 35 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'infusion',
        sessionType: 'ketamine-iv',
        count: { min: 8, max: 8 },
        gapHours: { min: 68, max: 100 },
      },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'infusion', occurrence: 'first', point: 'start' },
        hours: { min: 20, max: 168 },
      },
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
});
