import type { Protocol, ProtocolRule } from '../planning/format';
import { checkProtocol } from './protocol-check';
import { catalog, ivProtocol } from './protocol-check.fixture';
import type { ProtocolFinding } from './protocol-finding';

function codes(findings: ProtocolFinding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.code}:${f.pointer}`);
}

function withRules(rules: ProtocolRule[], patch: Partial<Protocol> = {}): Protocol {
  return { ...ivProtocol(), rules, ...patch };
}

const check = (p: Protocol) => codes(checkProtocol(p, catalog()));

describe('checkProtocol: shape of the protocol', () => {
  it('reports a protocol without series', () => {
    expect(check({ id: 'p', series: [] })).toEqual(['error:NO_SERIES:/series']);
  });

  it('reports duplicate series ids and unknown session types', () => {
    const p = ivProtocol();
    p.series.push({ id: 'dose', sessionType: 'nope', count: { min: 1, max: 1 } });
    expect(check(p)).toEqual(
      expect.arrayContaining([
        'error:DUPLICATE_SERIES_ID:/series/3/id',
        'error:UNKNOWN_SESSION_TYPE:/series/3/sessionType',
      ]),
    );
  });

  it('reports count ranges with min above max or a default outside them', () => {
    const p = ivProtocol();
    p.series[0].count = { min: 3, max: 2 };
    p.series[2].count = { min: 6, max: 8, default: 9 };
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(
      expect.arrayContaining([
        'error:COUNT_RANGE_INVALID:/series/0/count',
        'error:COUNT_RANGE_INVALID:/series/2/count',
      ]),
    );
    expect(findings.find((f) => f.pointer === '/series/0/count')!.message).toContain(
      'min 3 is above max 2',
    );
    expect(findings.find((f) => f.pointer === '/series/2/count')!.message).toContain(
      'default 9 is outside 6–8',
    );
  });

  it('reports reversed or negative gap bounds, reversed spans and patient days', () => {
    const p = ivProtocol();
    p.series[1].gapHours = { min: 50, max: 40 };
    p.series[2].gapHours = { min: -1 };
    p.spanDays = { min: 20, max: 18 };
    p.patientDay = { start: '18:00', end: '08:00' };
    expect(check(p)).toEqual(
      expect.arrayContaining([
        'error:HOUR_RANGE_INVALID:/series/1/gapHours',
        'error:HOUR_RANGE_INVALID:/series/2/gapHours/min',
        'error:SPAN_RANGE_INVALID:/spanDays',
        'error:PATIENT_DAY_INVALID:/patientDay/end',
      ]),
    );
  });

  it('reports a session longer than the patient day or its maxMinutes', () => {
    expect(check({ ...ivProtocol(), patientDay: { start: '09:00', end: '10:30' } })).toContain(
      'error:PATIENT_DAY_TOO_SHORT:/patientDay/end',
    );
    const findings = checkProtocol({ ...ivProtocol(), patientDay: { maxMinutes: 100 } }, catalog());
    expect(codes(findings)).toContain('error:PATIENT_DAY_TOO_SHORT:/patientDay/maxMinutes');
    expect(findings[0].message).toContain(
      '"ketamine-iv" (series "dose") lasts 120 minutes, more than patientDay.maxMinutes (100)',
    );
  });
});

describe('checkProtocol: offset rules', () => {
  const offset = (o: Partial<Extract<ProtocolRule, { type: 'offset' }>>): ProtocolRule => ({
    type: 'offset',
    from: { series: 'intake', occurrence: 'last', point: 'end' },
    to: { series: 'dose', occurrence: 'first', point: 'start' },
    hours: { min: 24, max: 168 },
    ...o,
  });

  it('reports series that do not exist, with the ones that do', () => {
    const findings = checkProtocol(
      withRules([offset({ from: { series: 'intak', occurrence: 'last', point: 'end' } })]),
      catalog(),
    );
    expect(codes(findings)).toEqual(['error:UNKNOWN_SERIES:/rules/0/from/series']);
    expect(findings[0].suggestion).toBe('Use one of: intake, dose, integration.');
  });

  it('reports occurrences that never or not always exist', () => {
    expect(
      check(withRules([offset({ to: { series: 'dose', occurrence: 9, point: 'start' } })])),
    ).toEqual(['error:OCCURRENCE_OUT_OF_RANGE:/rules/0/to/occurrence']);
    expect(
      check(withRules([offset({ to: { series: 'dose', occurrence: 0, point: 'start' } })])),
    ).toEqual(['error:OCCURRENCE_OUT_OF_RANGE:/rules/0/to/occurrence']);
    expect(
      check(withRules([offset({ to: { series: 'dose', occurrence: 7, point: 'start' } })])),
    ).toEqual(['warning:OCCURRENCE_OUT_OF_RANGE:/rules/0/to/occurrence']);
  });

  it('reports reversed hours', () => {
    expect(check(withRules([offset({ hours: { min: 10, max: 5 } })]))).toEqual([
      'error:HOUR_RANGE_INVALID:/rules/0/hours',
    ]);
  });

  it('reports an offset longer than any two sessions can be apart within spanDays', () => {
    const findings = checkProtocol(withRules([offset({ hours: { min: 500 } })]), catalog());
    expect(codes(findings)).toEqual(['error:OFFSET_EXCEEDS_SPAN:/rules/0/hours/min']);
    // 17 days + the 10-hour patient day + 1 h DST = 419 h
    expect(findings[0].message).toContain('at most 419 h apart');
  });

  it('reports an offset that runs backwards within one series', () => {
    const backwards = offset({
      from: { series: 'dose', occurrence: 'last', point: 'start' },
      to: { series: 'dose', occurrence: 'first', point: 'start' },
      hours: { min: 24 },
    });
    expect(check(withRules([backwards]))).toEqual(['error:OFFSET_RULE_IMPOSSIBLE:/rules/0/hours']);
    const forwards = offset({
      from: { series: 'dose', occurrence: 'first', point: 'start' },
      to: { series: 'dose', occurrence: 'last', point: 'start' },
      hours: { min: 24 },
    });
    expect(check(withRules([forwards]))).toEqual([]);
  });

  it('checks the fixed offset between two points of the same session', () => {
    const startToEnd = (min: number) =>
      offset({
        from: { series: 'dose', occurrence: 1, point: 'start' },
        to: { series: 'dose', occurrence: 'first', point: 'end' },
        hours: { min },
      });
    expect(check(withRules([startToEnd(2)]))).toEqual([]);
    expect(check(withRules([startToEnd(3)]))).toEqual([
      'error:OFFSET_RULE_IMPOSSIBLE:/rules/0/hours',
    ]);
  });
});

describe('checkProtocol: follow-up rules', () => {
  const followUp = (
    o: Partial<Extract<ProtocolRule, { type: 'followUp' }>> = {},
  ): ProtocolRule => ({
    type: 'followUp',
    anchor: 'dose',
    targets: ['integration'],
    hours: { min: 1, max: 30 },
    ...o,
  });

  it('reports unknown anchor and target series', () => {
    expect(
      check(withRules([followUp({ anchor: 'doses', targets: ['integration', 'ifs'] })])),
    ).toEqual(['error:UNKNOWN_SERIES:/rules/0/anchor', 'error:UNKNOWN_SERIES:/rules/0/targets/1']);
  });

  it('reports fewer possible targets than anchors (one follow-up each)', () => {
    const p = withRules([followUp()]);
    p.series[2].count = { min: 3, max: 5 };
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['error:FOLLOWUP_TARGETS_TOO_FEW:/rules/0/targets']);
    expect(findings[0].message).toContain(
      'at least 6 "integration" sessions are needed, but they number at most 5',
    );
  });

  it('warns when only the default counts fall short, and reports an empty target list', () => {
    const p = withRules([followUp()]);
    p.series[2].count = { min: 6, max: 8, default: 6 };
    p.series[1].count = { min: 6, max: 8, default: 7 };
    expect(codes(checkProtocol(p, catalog()))).toEqual([
      'warning:FOLLOWUP_TARGETS_TOO_FEW:/rules/0/targets',
    ]);
    expect(check(withRules([followUp({ targets: [] })]))).toEqual([
      'error:FOLLOWUP_TARGETS_TOO_FEW:/rules/0/targets',
    ]);
  });

  it('reports a follow-up that can never be reached from any allowed anchor day', () => {
    const p = withRules([followUp({ hours: { min: 1, max: 30 } })]);
    p.series[1].days = ['FR'];
    p.series[1].count = { min: 1, max: 1 };
    p.series[2] = { ...p.series[2], count: { min: 1, max: 1 }, days: ['MO'] };
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['error:FOLLOWUP_UNREACHABLE:/rules/0/hours']);
    expect(findings[0].message).toContain(
      'A "dose" session on FR can never get a "integration" session starting 1–30 h after it ends',
    );
  });

  it('warns about the anchor weekdays whose follow-up would land on a rest day', () => {
    const p = withRules([followUp({ hours: { min: 12, max: 30 } })], { restDays: ['SU'] });
    p.series[1].days = ['MO', 'WE', 'SA'];
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['warning:FOLLOWUP_UNREACHABLE:/rules/0/hours']);
    expect(findings[0].message).toContain('on SA');
    expect(findings[0].suggestion).toBe(
      'Remove SA from "dose"\'s days, or widen the rule\'s hours.',
    );
  });

  it('reports a same-day follow-up that does not fit in the patient day', () => {
    const p = withRules([followUp({ sameDay: true, hours: { min: 6 } })], {
      patientDay: { start: '09:00', end: '16:00' },
    });
    expect(check(p)).toEqual(['error:FOLLOWUP_UNREACHABLE:/rules/0/hours']);
    const ok = withRules([followUp({ sameDay: true, hours: { min: 1 } })]);
    expect(check(ok)).toEqual([]);
  });

  it('reports a same-day follow-up between series kept apart by notSameDay', () => {
    const p = withRules([
      followUp({ sameDay: true }),
      { type: 'notSameDay', series: ['dose', 'integration'] },
    ]);
    expect(check(p)).toContain('error:FOLLOWUP_CONFLICTS_NOT_SAME_DAY:/rules/0/sameDay');
  });
});

describe('checkProtocol: notSameDay rules', () => {
  it('warns about a rule with fewer than two series and reports unknown ones', () => {
    expect(check(withRules([{ type: 'notSameDay', series: ['dose'] }]))).toEqual([
      'warning:NOT_SAME_DAY_TOO_FEW_SERIES:/rules/0/series',
    ]);
    expect(check(withRules([{ type: 'notSameDay', series: ['dose', 'emdr'] }]))).toEqual([
      'error:UNKNOWN_SERIES:/rules/0/series/1',
    ]);
  });

  it('reports series kept apart that need more days than the span has', () => {
    // dose only on MO, emdr only on TU, the call on MO or TU: three days needed, two per week.
    const p: Protocol = {
      id: 'p',
      spanDays: { max: 7 },
      series: [
        { id: 'dose', sessionType: 'ketamine-iv', count: { min: 1, max: 1 }, days: ['MO'] },
        { id: 'emdr', sessionType: 'emdr-90', count: { min: 1, max: 1 }, days: ['TU'] },
        { id: 'call', sessionType: 'phone-check', count: { min: 1, max: 1 }, days: ['MO', 'TU'] },
      ],
      rules: [{ type: 'notSameDay', series: ['dose', 'emdr', 'call'] }],
      patientDay: { maxSessions: 1 },
    };
    const findings = checkProtocol(p, catalog());
    expect(codes(findings)).toEqual(['error:NOT_SAME_DAY_EXCEEDS_DAYS:/rules/0']);
    expect(findings[0].message).toContain(
      'need at least 3 days, but a 7-day span holds at most 2 days they may use',
    );
    p.spanDays = { max: 8 };
    expect(checkProtocol(p, catalog())).toEqual([]);
  });
});
