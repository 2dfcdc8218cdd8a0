/** Ketamine-assisted psychotherapy (KAP) with integration between doses. */
import { defineTemplate } from './define-template';
import { INTAKE, KAP_DOSING, KAP_INTEGRATION, KAP_PREPARATION } from './session-types';

export const KAP_WITH_INTEGRATION = defineTemplate({
  id: 'kap-integration',
  name: 'Ketamine-assisted psychotherapy with integration between doses',
  summary:
    'Intake, a preparation session, then (by default) six KAP dosing sessions at least 3 days apart, each followed 12–48 h later by an integration session with the same KAP therapist.',
  source: {
    basis: 'modeled-on',
    title:
      'Ketamine Assisted Psychotherapy (KAP): patient demographics, clinical data and outcomes in three large practices administering ketamine with psychotherapy',
    authors: 'Dore J, Turnipseed B, Dwyer S, et al.',
    year: 2019,
    publication: 'Journal of Psychoactive Drugs 51(2):189–198',
    doi: '10.1080/02791072.2019.1587556',
    note: 'Describes office-based KAP (intramuscular or sublingual ketamine with psychotherapy) in three community practices. The number of doses, spacing, preparation and integration timing here are a local design in that spirit.',
  },
  sessionTypes: [INTAKE, KAP_PREPARATION, KAP_DOSING, KAP_INTEGRATION],
  protocol: {
    spanDays: { max: 56 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      { id: 'preparation', sessionType: 'kap-preparation', count: { min: 1, max: 1 } },
      {
        id: 'dose',
        sessionType: 'kap-dosing',
        count: { min: 3, max: 8, default: 6 },
        gapHours: { min: 72, max: 336 },
        days: ['MO', 'TU', 'WE', 'TH'],
      },
      { id: 'integration', sessionType: 'kap-integration', count: { min: 3, max: 8, default: 6 } },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'preparation', occurrence: 'first', point: 'start' },
        hours: { min: 0, max: 336 },
      },
      {
        type: 'offset',
        from: { series: 'preparation', occurrence: 'last', point: 'end' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 1, max: 168 },
      },
      // Doses are ≥ 72 h apart, so an integration ≤ 48 h after a dose ends always precedes the next dose.
      { type: 'followUp', anchor: 'dose', targets: ['integration'], hours: { min: 12, max: 48 } },
    ],
    patientDay: {
      start: '09:00',
      end: '18:00',
      maxSessions: 2,
      maxMinutes: 240,
      minBreakMinutes: 30,
    },
    restDays: ['SA', 'SU'],
    continuity: [
      { series: ['preparation', 'dose', 'integration'], role: 'kap-therapist', mode: 'require' },
    ],
  },
});
