import { readFileSync } from 'fs';
import { join } from 'path';
import type { CountRange, Problem } from '../../planning/format';
import { checkProblem } from '../../planning/problem-check';
import { solve } from '../../planning/solve';
import { validateSolution } from '../../planning/solution-check';
import { checkProtocol } from '../protocol-check';
import { getTemplate, listTemplates, type ProtocolTemplate } from './index';

/** A clinic with two people per role and two rooms carrying every feature, open every day. */
function problemFor(t: ProtocolTemplate): Problem {
  const allDay = [{ rrule: 'FREQ=DAILY', start: '07:00', end: '21:00' }];
  return {
    formatVersion: 1.1,
    clinic: { timeZone: 'America/New_York', slotMinutes: 15 },
    // Crosses the US spring-forward change of 2027-03-14.
    horizon: { start: '2027-03-01', end: '2027-05-31' },
    staff: t.roles.flatMap((role) =>
      [1, 2].map((i) => ({ id: `${role}-${i}`, roles: [role], availability: allDay })),
    ),
    rooms: [1, 2].map((i) => ({ id: `room-${i}`, features: t.roomFeatures, capacity: 2 })),
    sessionTypes: t.sessionTypes,
    protocols: [t.protocol],
    patients: [
      { id: 'p-1', protocol: t.protocol.id, earliestStart: '2027-03-08' },
      { id: 'p-2', protocol: t.protocol.id, earliestStart: '2027-03-10' },
    ],
    options: { timeLimitMs: 4000, seed: 1 },
  };
}

const templates = listTemplates();

describe('starter templates', () => {
  it('has unique ids and looks templates up by id', () => {
    const ids = templates.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'iv-ketamine-6-mwf',
        'iv-ketamine-8-twice-weekly',
        'esketamine-8-weeks',
        'kap-integration',
        'emdr-intensive-2x4',
        'ketamine-retreat-3-day',
      ]),
    );
    expect(getTemplate('kap-integration')?.protocol.id).toBe('kap-integration');
    expect(getTemplate('nope')).toBeUndefined();
  });

  it('returns copies: changing one does not change the library', () => {
    const t = getTemplate('iv-ketamine-6-mwf')!;
    (t.protocol.series[1].count as CountRange).min = 1;
    t.sessionTypes[0].durationMinutes = 5;
    expect((getTemplate('iv-ketamine-6-mwf')!.protocol.series[1].count as CountRange).min).toBe(6);
    expect(getTemplate('iv-ketamine-6-mwf')!.sessionTypes[0].durationMinutes).toBe(60);
  });

  it('defines each shared session type identically in every template', () => {
    const byId = new Map<string, unknown>();
    for (const st of templates.flatMap((t) => t.sessionTypes)) {
      if (byId.has(st.id)) expect(st).toEqual(byId.get(st.id));
      byId.set(st.id, st);
    }
  });

  it('cites a source for each template, with a DOI or URL unless it is a local design', () => {
    for (const t of templates) {
      expect(t.source.title.length).toBeGreaterThan(10);
      expect(t.source.note.length).toBeGreaterThan(20);
      if (t.source.basis !== 'local-design') expect(t.source.doi ?? t.source.url).toBeTruthy();
    }
  });

  it('has a section in docs/starter-protocols.md citing the same source', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/starter-protocols.md'), 'utf8');
    for (const t of templates) {
      expect(doc).toContain(`## \`${t.id}\` — ${t.name}`);
      if (t.source.doi) expect(doc).toContain(`doi:${t.source.doi}`);
      if (t.source.url) expect(doc).toContain(t.source.url);
    }
    for (const st of templates.flatMap((t) => t.sessionTypes)) {
      expect(doc).toMatch(new RegExp(`\\|\\s*\`${st.id}\`\\s*\\|\\s*${st.durationMinutes}\\s*\\|`));
    }
  });

  it('uses only the documented roles and room features', () => {
    const roles = [
      'prescriber',
      'rn',
      'kap-therapist',
      'emdr-therapist',
      'ifs-therapist',
      'art-therapist',
    ];
    const features = ['infusion', 'monitoring', 'dosing', 'therapy'];
    for (const t of templates) {
      for (const r of t.roles) expect(roles).toContain(r);
      for (const f of t.roomFeatures) expect(features).toContain(f);
    }
  });

  describe.each(templates.map((t) => [t.id, t] as const))('%s', (_id, t) => {
    it('passes the protocol check with no findings in a clinic that has its roles and rooms', () => {
      const problem = problemFor(t);
      expect(checkProtocol(t.protocol, problem)).toEqual([]);
    });

    it('is a valid planning-format problem that the planner schedules completely', () => {
      const problem = problemFor(t);
      const checked = checkProblem(problem);
      expect(checked.ok ? [] : checked.errors).toEqual([]);
      const solution = solve(problem, { timeLimitMs: 4000, seed: 1 });
      expect(solution.unscheduled).toEqual([]);
      expect(solution.status).toBe('complete');
      expect(validateSolution(problem, solution)).toEqual([]);
    });
  });
});
