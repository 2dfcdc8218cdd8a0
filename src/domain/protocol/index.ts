export { checkProtocol, hasProtocolErrors } from './protocol-check';
export {
  type FindingSeverity,
  PROTOCOL_FINDING_CODES,
  type ProtocolCatalog,
  type ProtocolFinding,
  type ProtocolFindingCode,
  REFERENCE_FINDING_CODES,
} from './protocol-finding';
export {
  getTemplate,
  listTemplates,
  type ProtocolTemplate,
  type SourceCitation,
} from './templates';
