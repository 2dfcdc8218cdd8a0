/**
 * Session types shared by the starter templates. A type with a given id is
 * the same in every template, so copying several templates into one clinic
 * never brings two different definitions under one id.
 *
 * Roles: prescriber, rn, kap-therapist, emdr-therapist, ifs-therapist,
 * art-therapist. Room features: infusion, monitoring, dosing, therapy.
 */
import type { SessionType } from '../../planning/format';

/** Medical and psychiatric intake: history, consent, screening. */
export const INTAKE: SessionType = {
  id: 'intake',
  durationMinutes: 60,
  room: { features: ['therapy'] },
  staff: [{ role: 'prescriber', count: 1 }],
};

/**
 * IV ketamine infusion: 0.5 mg/kg over 40 minutes in the cited trials, then
 * observation until vital signs are back to baseline (30–60 minutes after the
 * infusion ends) in a monitored bay: 2 hours booked. The prescriber is
 * occupied for the setup and pre-infusion check (15 minutes) and the whole
 * infusion (40 minutes); from then until discharge a physician must be on
 * site (format 1.1 presence: on duty, not occupied, so the same prescriber may
 * start the next bay's infusion meanwhile). One nurse watches two bays
 * throughout.
 */
export const KETAMINE_IV: SessionType = {
  id: 'ketamine-iv',
  durationMinutes: 120,
  room: { features: ['infusion', 'monitoring'], turnoverMinutes: 15 },
  staff: [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 55 },
    { role: 'rn', count: 1, maxConcurrent: 2 },
    { role: 'prescriber', count: 1, mode: 'present', offsetMinutes: 55, durationMinutes: 65 },
  ],
};

/**
 * Esketamine nasal spray: self-administered under supervision (about 15
 * minutes with the prescriber present), then at least 2 hours of monitoring
 * as the label requires; one nurse may monitor up to four patients.
 */
export const ESKETAMINE: SessionType = {
  id: 'esketamine-nasal',
  durationMinutes: 135,
  room: { features: ['dosing', 'monitoring'], turnoverMinutes: 15 },
  staff: [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 15 },
    { role: 'rn', count: 1, maxConcurrent: 4 },
  ],
};

/**
 * Ketamine-assisted psychotherapy dosing session (intramuscular or
 * sublingual): the KAP therapist stays throughout, the prescriber doses and
 * checks at the start, a nurse monitors vital signs.
 */
export const KAP_DOSING: SessionType = {
  id: 'kap-dosing',
  durationMinutes: 150,
  room: { features: ['dosing', 'monitoring'], turnoverMinutes: 15 },
  staff: [
    { role: 'prescriber', count: 1, offsetMinutes: 0, durationMinutes: 30 },
    { role: 'rn', count: 1, maxConcurrent: 3 },
    { role: 'kap-therapist', count: 1 },
  ],
};

/** KAP preparation: intentions, set and setting, what to expect. */
export const KAP_PREPARATION: SessionType = {
  id: 'kap-preparation',
  durationMinutes: 60,
  room: { features: ['therapy'] },
  staff: [{ role: 'kap-therapist', count: 1 }],
};

/** Integration psychotherapy after a dosing session. */
export const KAP_INTEGRATION: SessionType = {
  id: 'kap-integration',
  durationMinutes: 60,
  room: { features: ['therapy'] },
  staff: [{ role: 'kap-therapist', count: 1 }],
};

/** One EMDR therapy session of 90 minutes, as in the intensive programmes cited. */
export const EMDR_90: SessionType = {
  id: 'emdr-90',
  durationMinutes: 90,
  room: { features: ['therapy'] },
  staff: [{ role: 'emdr-therapist', count: 1 }],
};

/** One Accelerated Resolution Therapy session (about an hour; 75 minutes booked). */
export const ART_75: SessionType = {
  id: 'art-75',
  durationMinutes: 75,
  room: { features: ['therapy'] },
  staff: [{ role: 'art-therapist', count: 1 }],
};

/** Internal Family Systems session. */
export const IFS_60: SessionType = {
  id: 'ifs-60',
  durationMinutes: 60,
  room: { features: ['therapy'] },
  staff: [{ role: 'ifs-therapist', count: 1 }],
};
