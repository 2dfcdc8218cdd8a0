/**
 * Static protocol check: problems a program director can act on before any
 * planning — broken references, impossible counts, gap rules the allowed
 * weekdays cannot meet, spans too short for the sessions, follow-ups that can
 * never be reached, session types the clinic cannot staff or house.
 *
 * Errors are reported only when no patient can ever be scheduled as written
 * (the timing model is a relaxation; see `day-sequence.ts`); warnings flag
 * what blocks some patients or looks like a mistake. Pure: no I/O.
 */
import type { Protocol } from '../planning/format';
import { buildContext } from './checks/context';
import { checkResources } from './checks/resources';
import { checkRules } from './checks/rules';
import { checkSeriesTiming } from './checks/series-timing';
import { checkStructure } from './checks/structure';
import type { ProtocolCatalog, ProtocolFinding } from './protocol-finding';

export type { ProtocolCatalog, ProtocolFinding } from './protocol-finding';

export function checkProtocol(protocol: Protocol, catalog: ProtocolCatalog): ProtocolFinding[] {
  const ctx = buildContext(protocol, catalog);
  checkStructure(ctx);
  checkSeriesTiming(ctx);
  checkRules(ctx);
  checkResources(ctx);
  const rank = { error: 0, warning: 1 } as const;
  return ctx.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank[a.f.severity] - rank[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** True when the findings contain at least one error. */
export function hasProtocolErrors(findings: readonly ProtocolFinding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
