/**
 * The starter protocol library: ready templates modeled on published
 * programs, which a director copies into the clinic and adapts. Each call
 * returns fresh copies, so callers may change them freely.
 */
import { ESKETAMINE_INDUCTION_MAINTENANCE } from './esketamine';
import { IV_KETAMINE_EIGHT_TWICE_WEEKLY, IV_KETAMINE_SIX_MWF } from './iv-ketamine';
import { KAP_WITH_INTEGRATION } from './kap';
import { KETAMINE_PTSD_INTENSIVE, ptsdBooster, ptsdCourse } from './ptsd-ketamine';
import { KETAMINE_RETREAT_3_DAY } from './retreat';
import type { ProtocolTemplate } from './template-types';
import { ART_BRIEF_COURSE, EMDR_INTENSIVE_2X4 } from './trauma-intensives';

export type { ProtocolTemplate, SourceCitation } from './template-types';
export { CARRIED_SERIES_PREFIX } from './ptsd-ketamine';

const TEMPLATES: readonly ProtocolTemplate[] = [
  IV_KETAMINE_SIX_MWF,
  IV_KETAMINE_EIGHT_TWICE_WEEKLY,
  ESKETAMINE_INDUCTION_MAINTENANCE,
  KAP_WITH_INTEGRATION,
  EMDR_INTENSIVE_2X4,
  ART_BRIEF_COURSE,
  KETAMINE_RETREAT_3_DAY,
  ptsdCourse('emdr'),
  ptsdCourse('art'),
  ptsdCourse('ifs'),
  KETAMINE_PTSD_INTENSIVE,
  ptsdBooster('emdr'),
  ptsdBooster('art'),
  ptsdBooster('ifs'),
];

/** A deep copy of plain template data (JSON round trip: no cross-realm objects, unlike structuredClone under jest). */
function copy(t: ProtocolTemplate): ProtocolTemplate {
  return JSON.parse(JSON.stringify(t)) as ProtocolTemplate;
}

/** Every starter template, in a stable order. */
export function listTemplates(): ProtocolTemplate[] {
  return TEMPLATES.map(copy);
}

/** The template with this id, or undefined. */
export function getTemplate(id: string): ProtocolTemplate | undefined {
  const t = TEMPLATES.find((x) => x.id === id);
  return t ? copy(t) : undefined;
}
