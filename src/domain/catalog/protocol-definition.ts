/**
 * Rules a stored protocol definition must meet to be saved at all (the catalog refuses it with
 * 422), as opposed to the findings of the static check, which a draft may carry until it is
 * published. Pure: the caller passes the clinic's catalog.
 */
import type { FieldIssue } from '../errors';
import type { Protocol } from '../planning/format';
import { checkProtocol } from '../protocol/protocol-check';
import {
  type ProtocolCatalog,
  type ProtocolFinding,
  REFERENCE_FINDING_CODES,
} from '../protocol/protocol-finding';

/** The planning-format protocol without its id: the id is the protocol's code. */
export type ProtocolDefinition = Omit<Protocol, 'id'>;

/** Finding codes that mean "names something that does not exist". */
const UNKNOWN_REFERENCE_CODES = new Set(['UNKNOWN_SESSION_TYPE', 'UNKNOWN_SERIES']);

/** The planning document's protocol entry for a stored definition. */
export function toPlanningProtocol(code: string, definition: ProtocolDefinition): Protocol {
  return { id: code, ...definition };
}

/**
 * Why the definition cannot be saved: a series naming a session type the clinic does not
 * have, a rule or continuity naming a series that does not exist, duplicate series ids,
 * malformed ranges or occurrences. Each issue points into the request (`prefix` is where the
 * definition sits in the body, e.g. `/definition`). Unknown names get the code
 * UNKNOWN_REFERENCE; the others keep the protocol check's code.
 */
export function definitionIssues(
  definition: ProtocolDefinition,
  catalog: ProtocolCatalog,
  prefix = '/definition',
): FieldIssue[] {
  return checkProtocol(toPlanningProtocol('draft', definition), catalog)
    .filter((f) => REFERENCE_FINDING_CODES.has(f.code))
    .map((f) => ({
      pointer: prefix + f.pointer,
      code: UNKNOWN_REFERENCE_CODES.has(f.code) ? 'UNKNOWN_REFERENCE' : f.code,
      message: f.message,
    }));
}

/** The errors of a check as field issues (publishing refuses with these), suggestion included. */
export function findingIssues(findings: readonly ProtocolFinding[], prefix = '/definition') {
  return findings
    .filter((f) => f.severity === 'error')
    .map((f): FieldIssue => ({
      pointer: prefix + f.pointer,
      code: f.code,
      message: f.suggestion ? `${f.message} ${f.suggestion}` : f.message,
    }));
}
