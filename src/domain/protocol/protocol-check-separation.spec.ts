import { definitionIssues } from '../catalog/protocol-definition';
import type { Protocol, ProtocolRule } from '../planning/format';
import { checkProtocol } from './protocol-check';
import { catalog, ivProtocol } from './protocol-check.fixture';
import type { ProtocolFinding } from './protocol-finding';

const codes = (findings: ProtocolFinding[]) =>
  findings.map((f) => `${f.severity}:${f.code}:${f.pointer}`);

/** ivProtocol (6–8 doses 44–100 h apart, an integration 1–30 h after each, span ≤ 18 days) plus `rule` as rule 2. */
function withSeparation(rule: Partial<ProtocolRule>, patch: Partial<Protocol> = {}): Protocol {
  const p = ivProtocol();
  return { ...p, rules: [...p.rules!, { type: 'separation', ...rule } as ProtocolRule], ...patch };
}
const check = (p: Protocol) => codes(checkProtocol(p, catalog()));

describe('checkProtocol: separation rules', () => {
  it('accepts a separation every patient can meet', () => {
    expect(check(withSeparation({ series: ['dose'], minHours: 44 }))).toEqual([]);
    expect(check(withSeparation({ series: ['dose', 'integration'], minHours: 20 }))).toEqual([]);
  });

  it('reports unknown series and a minHours that is not hours from 0', () => {
    expect(check(withSeparation({ series: ['dose', 'emdr'], minHours: 20 }))).toEqual([
      'error:UNKNOWN_SERIES:/rules/2/series/1',
    ]);
    expect(check(withSeparation({ series: ['dose'], minHours: -1 }))).toEqual([
      'error:HOUR_RANGE_INVALID:/rules/2/minHours',
    ]);
  });

  it('reports a separation longer than the series allows between consecutive sessions', () => {
    const p = withSeparation({ series: ['dose'], minHours: 101 }, { spanDays: undefined });
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['error:SEPARATION_CONFLICTS_GAP:/rules/2/minHours']);
    expect(findings[0].message).toContain('at most 100 h apart (gapHours.max)');
    expect(
      check(withSeparation({ series: ['dose'], minHours: 100 }, { spanDays: undefined })),
    ).toEqual([]);
    // Only patients with two or more doses are blocked: a warning.
    p.series[1].count = { min: 1, max: 8, default: 1 };
    expect(check(p)).toEqual(['warning:SEPARATION_CONFLICTS_GAP:/rules/2/minHours']);
  });

  it('reports a follow-up that can never start minHours after its anchor', () => {
    // A dose lasts 2 h and its integration starts at most 30 h after it ends: 32 h after its start.
    const p = withSeparation({ series: ['integration', 'dose'], minHours: 33 });
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['error:SEPARATION_CONFLICTS_FOLLOWUP:/rules/2/minHours']);
    expect(findings[0].message).toContain('at most 32 h after each "dose" session starts');
    expect(check(withSeparation({ series: ['integration', 'dose'], minHours: 32 }))).toEqual([]);
  });

  it('reports more separated sessions than the span can hold', () => {
    // Six doses 90 h apart need 450 h; 18 days hold at most 433 h (DST hour included).
    const p = withSeparation({ series: ['dose'], minHours: 90 });
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['error:SEPARATION_EXCEEDS_SPAN:/rules/2/minHours']);
    expect(findings[0].suggestion).toContain('Raise spanDays.max to 19');
    expect(check(withSeparation({ series: ['dose'], minHours: 86 }))).toEqual([]);
    // Four doses at least fit; the default six do not: a warning.
    p.series[1].count = { min: 4, max: 8, default: 6 };
    p.series[2].count = { min: 4, max: 8, default: 6 };
    expect(check(p)).toEqual(['warning:SEPARATION_EXCEEDS_SPAN:/rules/2/minHours']);
  });
});

describe('checkProtocol: rule types', () => {
  it('reports a rule of an unknown type at its type, and the catalog refuses it', () => {
    const p = ivProtocol();
    p.rules!.push({ type: 'sameWeek', series: ['dose'] } as unknown as ProtocolRule);
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['error:UNKNOWN_RULE_TYPE:/rules/2/type']);
    expect(findings[0].suggestion).toBe('Use one of: offset, followUp, notSameDay, separation.');
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { id, ...definition } = p;
    expect(definitionIssues(definition, catalog())).toEqual([
      expect.objectContaining({ pointer: '/definition/rules/2/type', code: 'UNKNOWN_RULE_TYPE' }),
    ]);
  });
});
