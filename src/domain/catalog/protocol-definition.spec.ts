import { definitionIssues, findingIssues, type ProtocolDefinition } from './protocol-definition';
import type { ProtocolCatalog } from '../protocol/protocol-finding';
import { checkProtocol } from '../protocol/protocol-check';

const catalog: ProtocolCatalog = {
  sessionTypes: [
    { id: 'intake', durationMinutes: 60, room: null, staff: [{ role: 'prescriber' }] },
    { id: 'ketamine-iv', durationMinutes: 120, room: null, staff: [{ role: 'prescriber' }] },
  ],
  staff: [{ id: 's1', roles: ['prescriber'] }],
  rooms: [],
};

const valid: ProtocolDefinition = {
  spanDays: { max: 21 },
  series: [
    { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
    { id: 'dose', sessionType: 'ketamine-iv', count: { min: 6, max: 8 }, gapHours: { min: 44 } },
  ],
  rules: [
    {
      type: 'offset',
      from: { series: 'intake', occurrence: 'last', point: 'end' },
      to: { series: 'dose', occurrence: 'first', point: 'start' },
      hours: { min: 20 },
    },
  ],
};

describe('definitionIssues', () => {
  it('accepts a definition whose names all resolve', () => {
    expect(definitionIssues(valid, catalog)).toEqual([]);
  });

  it('reports an unknown session type as UNKNOWN_REFERENCE at its pointer in the body', () => {
    const def = structuredClone(valid);
    def.series[1].sessionType = 'esketamine';
    expect(definitionIssues(def, catalog)).toEqual([
      expect.objectContaining({
        pointer: '/definition/series/1/sessionType',
        code: 'UNKNOWN_REFERENCE',
      }),
    ]);
  });

  it('reports a rule naming a missing series, with a custom prefix', () => {
    const def = structuredClone(valid);
    def.rules = [{ type: 'notSameDay', series: ['dose', 'emdr'] }];
    const issues = definitionIssues(def, catalog, '');
    expect(issues).toHaveLength(1);
    expect(issues[0].code).toBe('UNKNOWN_REFERENCE');
    expect(issues[0].pointer).toMatch(/^\/rules\/0\/series/);
  });

  it('ignores timing problems (those only block publishing)', () => {
    const def = structuredClone(valid);
    def.spanDays = { max: 3 };
    expect(checkProtocol({ id: 'p', ...def }, catalog).some((f) => f.severity === 'error')).toBe(
      true,
    );
    expect(definitionIssues(def, catalog)).toEqual([]);
  });
});

describe('findingIssues', () => {
  it('keeps only errors and appends the suggestion to the message', () => {
    const issues = findingIssues([
      { severity: 'warning', code: 'NO_STAFF_FOR_ROLE', pointer: '/series/0', message: 'w' },
      {
        severity: 'error',
        code: 'SPAN_TOO_SHORT_FOR_GAPS',
        pointer: '/spanDays/max',
        message: 'too short.',
        suggestion: 'Raise it.',
      },
    ]);
    expect(issues).toEqual([
      {
        pointer: '/definition/spanDays/max',
        code: 'SPAN_TOO_SHORT_FOR_GAPS',
        message: 'too short. Raise it.',
      },
    ]);
  });
});
