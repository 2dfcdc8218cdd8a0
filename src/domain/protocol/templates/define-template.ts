import type { Protocol, SessionType } from '../../planning/format';
import type { ProtocolTemplate, SourceCitation } from './template-types';

/** Builds a template, deriving its role and room-feature lists from the session types. */
export function defineTemplate(t: {
  id: string;
  name: string;
  summary: string;
  source: SourceCitation;
  sessionTypes: SessionType[];
  protocol: Omit<Protocol, 'id'>;
}): ProtocolTemplate {
  const used = new Set(t.protocol.series.map((s) => s.sessionType));
  const sessionTypes = t.sessionTypes.filter((st) => used.has(st.id));
  return {
    id: t.id,
    name: t.name,
    summary: t.summary,
    source: t.source,
    roles: [...new Set(sessionTypes.flatMap((st) => st.staff.map((r) => r.role)))].sort(),
    roomFeatures: [...new Set(sessionTypes.flatMap((st) => st.room?.features ?? []))].sort(),
    sessionTypes,
    protocol: { id: t.id, ...t.protocol },
  };
}
