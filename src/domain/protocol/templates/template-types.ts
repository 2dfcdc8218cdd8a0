/** Shape of a starter protocol template: planning-format data plus its source. */
import type { Protocol, SessionType } from '../../planning/format';

export interface SourceCitation {
  /** `published`: the schedule follows the cited program; `modeled-on`: adapted from it; `local-design`: no single source. */
  basis: 'published' | 'modeled-on' | 'local-design';
  title: string;
  /** Authors (first author et al.) or the issuing organisation. */
  authors: string;
  year: number;
  /** Journal or document, with volume/pages where known. */
  publication?: string;
  doi?: string;
  url?: string;
  /** What the template takes from the source and what it adds. */
  note: string;
}

export interface ProtocolTemplate {
  /** Stable id, also the protocol's id. */
  id: string;
  name: string;
  summary: string;
  source: SourceCitation;
  /** Staff roles the template's session types need (for the director's checklist). */
  roles: string[];
  /** Room features the template's session types need. */
  roomFeatures: string[];
  sessionTypes: SessionType[];
  protocol: Protocol;
}
