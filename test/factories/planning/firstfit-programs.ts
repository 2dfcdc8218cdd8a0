/**
 * The programs the first-fit planted generator (firstfit-planted.ts) draws
 * clinics from, taken from the product's own protocols rather than invented
 * shapes: the starter templates (src/domain/protocol/templates), the shared
 * example problems (test/fixtures/examples, copies of shared/examples) and the
 * planning-format page's own example. The only changes are the multi-target
 * follow-up variants the issue names (issue 7, item 1).
 *
 * Templates and examples define some session types under the same id with
 * different contents (e.g. `ketamine-iv`); `mergePrograms` renames the later
 * one so that one clinic can hold programs from both sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem, Protocol, SessionType } from '../../../src/domain/planning/format';
import { getTemplate } from '../../../src/domain/protocol/templates';

/** What the product schedules; every instance draws a few of these. */
export type ProgramKind =
  | 'iv-mwf'
  | 'iv-mwf-multi-target'
  | 'im-kap'
  | 'im-kap-multi-target'
  | 'iv-emdr-ifs-multi-target'
  | 'esketamine'
  | 'emdr-intensive'
  | 'retreat';

export const PROGRAM_KINDS: readonly ProgramKind[] = [
  'iv-mwf',
  'iv-mwf-multi-target',
  'im-kap',
  'im-kap-multi-target',
  'iv-emdr-ifs-multi-target',
  'esketamine',
  'emdr-intensive',
  'retreat',
];

export interface Program {
  kind: ProgramKind;
  /** Where the protocol comes from, e.g. `template:iv-ketamine-6-mwf`. */
  source: string;
  protocol: Protocol;
  sessionTypes: SessionType[];
}

const EXAMPLES = join(__dirname, '../../fixtures/examples');

function example(name: string): Program['protocol'] & { sessionTypes: SessionType[] } {
  const problem = JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8')) as Problem;
  return { ...problem.protocols[0], sessionTypes: problem.sessionTypes };
}

function fromExample(kind: ProgramKind, name: string, edit?: (p: Protocol) => void): Program {
  const { sessionTypes, ...protocol } = example(name);
  edit?.(protocol);
  const used = new Set(protocol.series.map((s) => s.sessionType));
  return {
    kind,
    source: `example:${name}${edit ? ' (variant)' : ''}`,
    protocol,
    sessionTypes: sessionTypes.filter((t) => used.has(t.id)),
  };
}

/**
 * A starter template as a format 1 program: the first-fit harness plants
 * version 1 clinics with the naive booker, which knows no presence
 * requirements, so a session type's `mode: "present"` requirements (the
 * `ketamine-iv` physician cover) are left out here. The planner's presence is
 * tested in solve-presence.spec.ts and presence-completeness.spec.ts.
 */
function fromTemplate(kind: ProgramKind, id: string): Program {
  const t = getTemplate(id);
  if (!t) throw new Error(`no starter template ${id}`);
  const sessionTypes = t.sessionTypes.map((st) => ({
    ...st,
    staff: st.staff.filter((r) => r.mode !== 'present'),
  }));
  return { kind, source: `template:${id}`, protocol: t.protocol, sessionTypes };
}

/**
 * The planning-format page's example protocol (`kap-intensive-2w`): IV doses,
 * each followed by EMDR or IFS (`targets: ["emdr", "ifs"]`), with the shared
 * examples' session types. Its span is widened from 14 to 21 days: first fit
 * books the two IFS sessions no dose uses after the last follow-up IFS, which
 * a 14-day span never allows, so the naive booker could plant no patient.
 */
function formatPageProtocol(): Program {
  const types = example('iv-mwf-outpatient').sessionTypes;
  const protocol: Protocol = {
    id: 'kap-intensive-2w',
    spanDays: { min: 7, max: 21 },
    series: [
      { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
      {
        id: 'dose',
        sessionType: 'ketamine-iv',
        count: { min: 6, max: 8, default: 6 },
        gapHours: { min: 44, max: 96 },
        days: ['MO', 'WE', 'FR'],
      },
      { id: 'emdr', sessionType: 'emdr-90', count: { min: 4, max: 4 } },
      { id: 'ifs', sessionType: 'ifs-60', count: { min: 4, max: 6, default: 4 } },
    ],
    rules: [
      {
        type: 'offset',
        from: { series: 'intake', occurrence: 'last', point: 'end' },
        to: { series: 'dose', occurrence: 'first', point: 'start' },
        hours: { min: 24, max: 336 },
      },
      {
        type: 'followUp',
        anchor: 'dose',
        targets: ['emdr', 'ifs'],
        hours: { min: 1, max: 30 },
        sameDay: false,
      },
      { type: 'notSameDay', series: ['dose', 'emdr'] },
    ],
    patientDay: {
      start: '08:00',
      end: '19:00',
      maxSessions: 3,
      maxMinutes: 330,
      minBreakMinutes: 30,
    },
    restDays: ['SU'],
    continuity: [{ series: ['emdr'], role: 'emdr-therapist', mode: 'require' }],
  };
  const used = new Set(protocol.series.map((s) => s.sessionType));
  return {
    kind: 'iv-emdr-ifs-multi-target',
    source: 'docs/planning-format.md example',
    protocol,
    sessionTypes: types.filter((t) => used.has(t.id)),
  };
}

/** Every variant of each kind. Fresh copies on each call. */
export function programVariants(kind: ProgramKind): Program[] {
  switch (kind) {
    case 'iv-mwf':
      return [
        fromTemplate(kind, 'iv-ketamine-6-mwf'),
        fromExample(kind, 'iv-mwf-outpatient'),
        fromTemplate(kind, 'iv-ketamine-8-twice-weekly'),
      ];
    case 'iv-mwf-multi-target': {
      // iv-mwf-outpatient with each infusion followed by integration or IFS.
      const ifsTypes = example('esketamine-8-weeks').sessionTypes.filter((t) => t.id === 'ifs-60');
      const variant = fromExample(kind, 'iv-mwf-outpatient', (p) => {
        p.id = 'iv-6-mwf-2w-integration-or-ifs';
        const integration = p.series.find((s) => s.id === 'integration')!;
        integration.count = { min: 3, max: 8, default: 4 };
        p.series.push({ id: 'ifs', sessionType: 'ifs-60', count: { min: 2, max: 4 } });
        for (const r of p.rules ?? [])
          if (r.type === 'followUp') r.targets = ['integration', 'ifs'];
      });
      variant.sessionTypes.push(...ifsTypes);
      return [variant];
    }
    case 'im-kap':
      return [fromExample(kind, 'kap-im-rolling'), fromTemplate(kind, 'kap-integration')];
    case 'im-kap-multi-target':
      // shared/examples/kap-im-two-targets.json: kap-im-rolling, follow-up integration or ART.
      return [
        fromExample(kind, 'kap-im-rolling', (p) => {
          p.id = 'kap-im-3w-two-targets';
          for (const r of p.rules ?? [])
            if (r.type === 'followUp') r.targets = ['integration', 'art'];
        }),
      ];
    case 'iv-emdr-ifs-multi-target':
      return [formatPageProtocol()];
    case 'esketamine':
      return [fromTemplate(kind, 'esketamine-8-weeks'), fromExample(kind, 'esketamine-8-weeks')];
    case 'emdr-intensive':
      return [fromTemplate(kind, 'emdr-intensive-2x4')];
    case 'retreat':
      return [fromTemplate(kind, 'ketamine-retreat-3-day'), fromExample(kind, 'retreat-3-day')];
  }
}

/**
 * The programs' protocols and session types in one clinic: a session type id
 * already taken by a different definition is renamed (`ketamine-iv-2`) in the
 * later program's protocol; protocol ids must already be distinct.
 */
export function mergePrograms(programs: Program[]): {
  protocols: Protocol[];
  sessionTypes: SessionType[];
} {
  const types = new Map<string, SessionType>();
  const protocols: Protocol[] = [];
  for (const program of programs) {
    if (protocols.some((p) => p.id === program.protocol.id))
      throw new Error(`protocol ${program.protocol.id} drawn twice`);
    const rename = new Map<string, string>();
    for (const t of program.sessionTypes) {
      let id = t.id;
      for (let k = 2; types.has(id) && !sameType(types.get(id)!, t); k++) id = `${t.id}-${k}`;
      types.set(id, { ...t, id });
      rename.set(t.id, id);
    }
    protocols.push({
      ...program.protocol,
      series: program.protocol.series.map((s) => ({
        ...s,
        sessionType: rename.get(s.sessionType) ?? s.sessionType,
      })),
    });
  }
  return { protocols, sessionTypes: [...types.values()] };
}

function sameType(a: SessionType, b: SessionType): boolean {
  return JSON.stringify({ ...a, id: '' }) === JSON.stringify({ ...b, id: '' });
}
