import type { Protocol } from '../planning/format';
import { checkProtocol } from './protocol-check';
import { catalog, ivProtocol, SESSION_TYPES } from './protocol-check.fixture';
import type { ProtocolFinding } from './protocol-finding';
import { canStaff } from './checks/resources';

function codes(findings: ProtocolFinding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.code}:${f.pointer}`);
}

describe('checkProtocol: clinic staff and rooms', () => {
  it('reports a role no staff member holds, once per session type', () => {
    const findings = checkProtocol(
      ivProtocol(),
      catalog({
        staff: [
          { id: 'dr', roles: ['prescriber'] },
          { id: 'k', roles: ['kap-therapist'] },
        ],
      }),
    );
    expect(codes(findings)).toEqual(['error:NO_STAFF_FOR_ROLE:/series/1/sessionType']);
    expect(findings[0].message).toContain(
      'Session type "ketamine-iv" (used by series "dose") needs 1 person with the role "rn"',
    );
  });

  it('reports too few holders of a role for the count', () => {
    const sessionTypes = SESSION_TYPES.map((st) =>
      st.id === 'integration-50' ? { ...st, staff: [{ role: 'kap-therapist', count: 2 }] } : st,
    );
    const findings = checkProtocol(ivProtocol(), catalog({ sessionTypes }));
    expect(codes(findings)).toEqual(['error:NO_STAFF_FOR_ROLE:/series/2/sessionType']);
    expect(findings[0].message).toContain(
      'needs 2 different people with the role "kap-therapist", but only 1 staff member has it',
    );
  });

  it('reports requirements that distinct people cannot fill together', () => {
    const staff = [
      { id: 'dr-rn', roles: ['prescriber', 'rn'] },
      { id: 'kap', roles: ['kap-therapist'] },
    ];
    const findings = checkProtocol(ivProtocol(), catalog({ staff }));
    expect(codes(findings)).toEqual(['error:NOT_ENOUGH_DISTINCT_STAFF:/series/1/sessionType']);
  });

  it('matches staff to requirements through augmenting paths', () => {
    const reqs = [{ role: 'rn' }, { role: 'prescriber' }];
    // Greedy would give the rn slot to "both" and then fail; matching moves it.
    expect(
      canStaff(reqs, [
        { id: 'both', roles: ['rn', 'prescriber'] },
        { id: 'rn', roles: ['rn'] },
      ]),
    ).toBe(true);
    expect(
      canStaff(reqs, [
        { id: 'both', roles: ['rn', 'prescriber'] },
        { id: 'x', roles: ['kap'] },
      ]),
    ).toBe(false);
  });

  it('reports a room need no room meets, naming the closest room', () => {
    const rooms = [
      { id: 'infusion-1', features: ['infusion'] },
      { id: 'therapy-1', features: ['therapy'] },
    ];
    const findings = checkProtocol(ivProtocol(), catalog({ rooms }));
    expect(codes(findings)).toEqual(['error:NO_ROOM_WITH_FEATURES:/series/1/sessionType']);
    expect(findings[0].message).toContain('closest: "infusion-1", missing monitoring');
  });

  it('accepts a session type without a room in a clinic without rooms', () => {
    const p: Protocol = {
      id: 'p',
      series: [{ id: 'call', sessionType: 'phone-check', count: { min: 1, max: 1 } }],
    };
    expect(checkProtocol(p, catalog({ rooms: [] }))).toEqual([]);
  });

  it('reports a staff requirement reaching past the end of its session', () => {
    const sessionTypes = SESSION_TYPES.map((st) =>
      st.id === 'ketamine-iv'
        ? {
            ...st,
            staff: [...st.staff, { role: 'prescriber', offsetMinutes: 100, durationMinutes: 30 }],
          }
        : st,
    );
    const staff = [...catalog().staff, { id: 'dr-b', roles: ['prescriber'] }];
    const findings = checkProtocol(ivProtocol(), catalog({ sessionTypes, staff }));
    expect(codes(findings)).toEqual([
      'error:STAFF_REQUIREMENT_EXCEEDS_SESSION:/series/1/sessionType',
    ]);
    expect(findings[0].message).toContain(
      'from minute 100 to minute 130, outside the 120-minute session',
    );
    const startsAtEnd = SESSION_TYPES.map((st) =>
      st.id === 'ketamine-iv'
        ? { ...st, staff: [...st.staff, { role: 'prescriber', offsetMinutes: 120 }] }
        : st,
    );
    expect(
      codes(checkProtocol(ivProtocol(), catalog({ sessionTypes: startsAtEnd, staff }))),
    ).toEqual(['error:STAFF_REQUIREMENT_EXCEEDS_SESSION:/series/1/sessionType']);
  });
});

describe('checkProtocol: continuity', () => {
  it('reports a continuity role none of the series needs, and warns when some do not', () => {
    const none = {
      ...ivProtocol(),
      continuity: [{ series: ['integration'], role: 'emdr-therapist', mode: 'require' as const }],
    };
    const f = checkProtocol(none, catalog());
    expect(codes(f)).toEqual(['error:CONTINUITY_ROLE_NOT_IN_SERIES:/continuity/0/role']);
    expect(f[0].suggestion).toContain('kap-therapist');
    const some = {
      ...ivProtocol(),
      continuity: [{ series: ['dose', 'intake'], role: 'kap-therapist', mode: 'prefer' as const }],
    };
    expect(codes(checkProtocol(some, catalog()))).toEqual([
      'warning:CONTINUITY_ROLE_NOT_IN_SERIES:/continuity/0/role',
    ]);
  });

  it('reports unknown series in a continuity group', () => {
    const p = {
      ...ivProtocol(),
      continuity: [{ series: ['dose', 'ifs'], role: 'kap-therapist', mode: 'prefer' as const }],
    };
    expect(codes(checkProtocol(p, catalog()))).toEqual([
      'error:UNKNOWN_SERIES:/continuity/0/series/1',
    ]);
  });
});
