import type { Protocol, SessionType } from '../planning/format';
import { definitionIssues } from '../catalog/protocol-definition';
import { checkProtocol } from './protocol-check';
import { catalog, ivProtocol, SESSION_TYPES } from './protocol-check.fixture';
import type { ProtocolFinding } from './protocol-finding';

function codes(findings: ProtocolFinding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.code}:${f.pointer}`);
}

/** ivProtocol with integrations linked to the dose count. */
function linked(): Protocol {
  const p = ivProtocol();
  p.series[2].count = { sameAs: 'dose' };
  return p;
}

describe('checkProtocol: format 1.1 linked counts and resumeGapHours', () => {
  it('accepts a linked count and resumeGapHours', () => {
    const p = linked();
    p.series[1].resumeGapHours = { max: 168 };
    expect(checkProtocol(p, catalog())).toEqual([]);
  });

  it.each<[string, (p: Protocol) => void, string]>([
    [
      'an unknown series',
      (p) => (p.series[2].count = { sameAs: 'doses' }),
      'error:UNKNOWN_SERIES:/series/2/count/sameAs',
    ],
    [
      'itself',
      (p) => (p.series[2].count = { sameAs: 'integration' }),
      'error:COUNT_LINK_INVALID:/series/2/count/sameAs',
    ],
    [
      'a linked series',
      (p) => (p.series[0].count = { sameAs: 'integration' }),
      'error:COUNT_LINK_INVALID:/series/0/count/sameAs',
    ],
  ])('reports a link to %s', (_, mutate, finding) => {
    const p = linked();
    mutate(p);
    expect(codes(checkProtocol(p, catalog()))).toEqual([finding]);
  });

  it('judges a linked series by the count it takes (a follow-up target too few)', () => {
    // Integrations linked to the intake's single session can never follow six doses.
    const p = linked();
    p.series[2].count = { sameAs: 'intake' };
    expect(codes(checkProtocol(p, catalog()))).toEqual([
      'error:FOLLOWUP_TARGETS_TOO_FEW:/rules/1/targets',
    ]);
  });

  it.each<[string, Protocol['series'][number]['resumeGapHours']]>([
    ['without max', { min: 44 } as never],
    ['with max below gapHours.min', { max: 40 }],
    ['inverted', { min: 50, max: 45 }],
  ])('reports resumeGapHours %s', (_, resume) => {
    const p = ivProtocol();
    p.series[1].resumeGapHours = resume;
    expect(codes(checkProtocol(p, catalog()))).toEqual([
      'error:HOUR_RANGE_INVALID:/series/1/resumeGapHours',
    ]);
  });

  it('refuses to store a broken link (the catalog`s 422 codes)', () => {
    const { id: _id, ...definition } = linked();
    definition.series[2].count = { sameAs: 'integration' };
    expect(definitionIssues(definition, catalog()).map((i) => [i.pointer, i.code])).toEqual([
      ['/definition/series/2/count/sameAs', 'COUNT_LINK_INVALID'],
    ]);
    definition.series[2].count = { sameAs: 'nope' };
    expect(definitionIssues(definition, catalog()).map((i) => [i.pointer, i.code])).toEqual([
      ['/definition/series/2/count/sameAs', 'UNKNOWN_REFERENCE'],
    ]);
  });
});

describe('checkProtocol: format 1.1 presence', () => {
  const withCover = (extra: SessionType['staff']): SessionType[] =>
    SESSION_TYPES.map((st) =>
      st.id === 'ketamine-iv' ? { ...st, staff: [...st.staff, ...extra] } : st,
    );

  it('lets the one prescriber cover the session while holding its first 45 minutes', () => {
    const sessionTypes = withCover([{ role: 'prescriber', mode: 'present' }]);
    expect(checkProtocol(ivProtocol(), catalog({ sessionTypes }))).toEqual([]);
    // The same requirement occupied needs a second prescriber.
    const occupied = withCover([{ role: 'prescriber' }]);
    expect(codes(checkProtocol(ivProtocol(), catalog({ sessionTypes: occupied })))).toEqual([
      'error:NOT_ENOUGH_DISTINCT_STAFF:/series/1/sessionType',
    ]);
  });

  it('still needs someone holding a presence role', () => {
    const sessionTypes = withCover([{ role: 'physician', mode: 'present' }]);
    expect(codes(checkProtocol(ivProtocol(), catalog({ sessionTypes })))).toEqual([
      'error:NO_STAFF_FOR_ROLE:/series/1/sessionType',
    ]);
  });

  it('does not count presence toward continuity', () => {
    const sessionTypes = withCover([{ role: 'emdr-therapist', mode: 'present' }]);
    const p = ivProtocol();
    p.continuity = [{ series: ['dose'], role: 'emdr-therapist', mode: 'prefer' }];
    expect(codes(checkProtocol(p, catalog({ sessionTypes })))).toEqual([
      'error:CONTINUITY_ROLE_NOT_IN_SERIES:/continuity/0/role',
    ]);
  });
});
