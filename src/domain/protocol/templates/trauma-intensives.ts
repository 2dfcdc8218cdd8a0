/** Intensive trauma-focused therapy formats: EMDR and Accelerated Resolution Therapy. */
import { defineTemplate } from './define-template';
import { ART_75, EMDR_90 } from './session-types';

export const EMDR_INTENSIVE_2X4 = defineTemplate({
  id: 'emdr-intensive-2x4',
  name: 'EMDR intensive: 2 × 4 consecutive days, two sessions a day',
  summary:
    'Sixteen 90-minute EMDR sessions, a morning and an afternoon session on Monday–Thursday of two consecutive weeks.',
  source: {
    basis: 'published',
    title:
      'Intensive EMDR to treat patients with complex posttraumatic stress disorder: a case series',
    authors: 'Bongaerts H, Van Minnen A, de Jongh A',
    year: 2017,
    publication: 'Journal of EMDR Practice and Research 11(2):84–95',
    url: 'https://research.vu.nl/en/publications/intensive-emdr-to-treat-patients-with-complex-posttraumatic-stres',
    note: 'Treatment was 2 × 4 consecutive days of EMDR therapy in morning and afternoon sessions of 90 minutes, interspersed with physical activity and psychoeducation (not scheduled here). Van Woudenberg et al. 2018 (European Journal of Psychotraumatology, doi:10.1080/20008198.2018.1487225) report the 8-day programme combining prolonged exposure and EMDR (16 sessions) with therapist rotation, so no continuity rule is set.',
  },
  sessionTypes: [EMDR_90],
  protocol: {
    spanDays: { max: 11 },
    series: [
      {
        id: 'emdr',
        sessionType: 'emdr-90',
        count: { min: 16, max: 16 },
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
  },
});

export const ART_BRIEF_COURSE = defineTemplate({
  id: 'art-brief-course',
  name: 'Accelerated Resolution Therapy: brief course',
  summary:
    'One to five ART sessions (four by default), at most one a day, within three weeks, with the same ART therapist.',
  source: {
    basis: 'modeled-on',
    title:
      'Randomized controlled trial of Accelerated Resolution Therapy (ART) for symptoms of combat-related post-traumatic stress disorder (PTSD)',
    authors: 'Kip KE, Rosenzweig L, Hernandez DF, et al.',
    year: 2013,
    publication: 'Military Medicine 178(12):1298–1309',
    url: 'https://works.bepress.com/kelly_sullivan/31/',
    note: 'ART was delivered in 3.7 ± 1.1 sessions on average. The session length, spacing, three-week span and therapist continuity are local choices.',
  },
  sessionTypes: [ART_75],
  protocol: {
    spanDays: { max: 21 },
    series: [
      {
        id: 'art',
        sessionType: 'art-75',
        count: { min: 1, max: 5, default: 4 },
        gapHours: { min: 20 },
      },
    ],
    rules: [],
    patientDay: { start: '09:00', end: '17:00', maxSessions: 1, maxMinutes: 120 },
    restDays: ['SA', 'SU'],
    continuity: [{ series: ['art'], role: 'art-therapist', mode: 'require' }],
  },
});
