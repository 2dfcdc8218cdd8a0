import type { Protocol, Series } from '../planning/format';
import { checkProtocol, hasProtocolErrors } from './protocol-check';
import { catalog, ivProtocol } from './protocol-check.fixture';
import type { ProtocolFinding } from './protocol-finding';

function codes(findings: ProtocolFinding[]): string[] {
  return findings.map((f) => `${f.severity}:${f.code}:${f.pointer}`);
}

function withDose(patch: Partial<Series>, protocol: Partial<Protocol> = {}): Protocol {
  const p = { ...ivProtocol(), ...protocol };
  p.series = p.series.map((s) => (s.id === 'dose' ? { ...s, ...patch } : s));
  return p;
}

/** A one-series protocol: `count` sessions of the 120-minute IV type. */
function doseOnly(series: Partial<Series>, protocol: Partial<Protocol> = {}): Protocol {
  return {
    id: 'p',
    series: [{ id: 'dose', sessionType: 'ketamine-iv', count: { min: 6, max: 6 }, ...series }],
    patientDay: { start: '09:00', end: '16:00' },
    restDays: ['SA', 'SU'],
    ...protocol,
  };
}

describe('checkProtocol: a valid protocol', () => {
  it('reports nothing for the six-dose MO/WE/FR protocol', () => {
    expect(checkProtocol(ivProtocol(), catalog())).toEqual([]);
  });
});

describe('checkProtocol: span and gaps', () => {
  it('says how many days 8 doses ≥ 72 h apart need when spanDays.max is 14', () => {
    const findings = checkProtocol(
      doseOnly(
        { count: { min: 8, max: 8 }, gapHours: { min: 72 } },
        { spanDays: { max: 14 }, restDays: [] },
      ),
      catalog(),
    );
    expect(codes(findings)).toEqual(['error:SPAN_TOO_SHORT_FOR_GAPS:/spanDays/max']);
    expect(findings[0].message).toContain('8 sessions of series "dose" at least 72 h apart');
    expect(findings[0].message).toContain(
      'need at least 22 days from first to last; spanDays.max is 14',
    );
    // 5 doses: 4 gaps × 3 days = 12 days elapsed → 13 days; 6 would need 16.
    expect(findings[0].suggestion).toContain(
      "Raise spanDays.max to 22, or lower the series' count.min to 5",
    );
  });

  it('accepts six MO/WE/FR doses ≥ 44 h apart in 12 days and rejects them in 11', () => {
    const ok = doseOnly(
      { gapHours: { min: 44 }, days: ['MO', 'WE', 'FR'] },
      { spanDays: { max: 12 } },
    );
    expect(checkProtocol(ok, catalog())).toEqual([]);
    const tight = doseOnly(
      { gapHours: { min: 44 }, days: ['MO', 'WE', 'FR'] },
      { spanDays: { max: 11 } },
    );
    const findings = checkProtocol(tight, catalog());
    expect(codes(findings)).toEqual(['error:SPAN_TOO_SHORT_FOR_GAPS:/spanDays/max']);
    expect(findings[0].message).toContain('need at least 12 days');
  });

  it('rejects doses 72–96 h apart on TU–TH: no allowed day is 3–4 days after another', () => {
    const findings = checkProtocol(
      doseOnly(
        { gapHours: { min: 72, max: 96 }, days: ['TU', 'WE', 'TH'] },
        { spanDays: { max: 21 } },
      ),
      catalog(),
    );
    expect(codes(findings)).toEqual(['error:WEEKDAYS_BLOCK_GAP:/series/0/days']);
    expect(findings[0].message).toContain('no second session can follow the first; count.min is 6');
    // MO/TH alternate 3 and 4 days apart: six doses fit in 18 days.
    expect(findings[0].suggestion).toBe('Allow MO as well, or widen gapHours.');
  });

  it('reports how many sessions can be chained when a chain dies out', () => {
    // MO→TH is 72 h; TH→MO is 96 h, outside 72 ± 1 h even with the DST allowance.
    const findings = checkProtocol(
      doseOnly(
        { count: { min: 3, max: 3 }, gapHours: { min: 72, max: 72 }, days: ['MO', 'TH'] },
        { patientDay: { start: '09:00', end: '11:00' } },
      ),
      catalog(),
    );
    expect(codes(findings)).toEqual(['error:WEEKDAYS_BLOCK_GAP:/series/0/days']);
    expect(findings[0].message).toContain('at most 2 sessions can be chained; count.min is 3');
  });

  it('allows a one-hour DST change between days, but no more (a 2-hour patient day fixes start times)', () => {
    const p = (min: number) =>
      doseOnly(
        { count: { min: 3, max: 3 }, gapHours: { min }, days: ['MO', 'WE', 'FR'] },
        { spanDays: { max: 5 }, patientDay: { start: '09:00', end: '11:00' } },
      );
    // Monday 09:00 → Wednesday 09:00 is 49 h across a fall-back change.
    expect(checkProtocol(p(49), catalog())).toEqual([]);
    expect(codes(checkProtocol(p(50), catalog()))).toEqual([
      'error:SPAN_TOO_SHORT_FOR_GAPS:/spanDays/max',
    ]);
  });

  it('uses the start-time window of the patient day: 26 h apart fits on consecutive days only when starts can move', () => {
    const p = (end: string) =>
      doseOnly(
        { count: { min: 2, max: 2 }, gapHours: { min: 26, max: 26 } },
        { spanDays: { max: 2 }, patientDay: { start: '09:00', end } },
      );
    expect(checkProtocol(p('14:00'), catalog())).toEqual([]); // 09:00 then 11:00 next day
    expect(codes(checkProtocol(p('11:00'), catalog()))).toEqual([
      'error:GAP_RANGE_IMPOSSIBLE:/series/0/gapHours/max',
    ]);
  });

  it('reports a gap maximum shorter than a session as impossible on any weekday', () => {
    const findings = checkProtocol(doseOnly({ gapHours: { max: 1 } }), catalog());
    expect(codes(findings)).toEqual(['error:GAP_RANGE_IMPOSSIBLE:/series/0/gapHours/max']);
  });

  it('reports a same-day-only gap when more sessions are needed than fit in one day', () => {
    const findings = checkProtocol(
      {
        id: 'p',
        series: [
          {
            id: 'emdr',
            sessionType: 'emdr-90',
            count: { min: 4, max: 4 },
            gapHours: { min: 2, max: 4 },
          },
        ],
        patientDay: { start: '08:00', end: '18:00', maxSessions: 2 },
      },
      catalog(),
    );
    expect(codes(findings)).toEqual(['error:GAP_RANGE_IMPOSSIBLE:/series/0/gapHours/max']);
    expect(findings[0].message).toContain('at most 2 sessions fit; count.min is 4');
  });

  it('warns when the default count cannot fit although the minimum can', () => {
    const findings = checkProtocol(
      withDose({ count: { min: 6, max: 8, default: 8 } }, { spanDays: { max: 14 } }),
      catalog(),
    );
    expect(codes(findings)).toEqual([
      'warning:SPAN_TOO_SHORT_FOR_GAPS:/series/1/count/default',
      // integration's default stays 6, fewer than the 8 doses to follow up
      'warning:FOLLOWUP_TARGETS_TOO_FEW:/rules/1/targets',
    ]);
    expect(findings[0].message).toContain('8 sessions of series "dose"');
    expect(findings[0].suggestion).toContain('Lower count.default to 6');
    expect(hasProtocolErrors(findings)).toBe(false);
  });

  it('warns when only the maximum cannot fit', () => {
    const findings = checkProtocol(withDose({}, { spanDays: { max: 14 } }), catalog());
    expect(codes(findings)).toEqual(['warning:SPAN_TOO_SHORT_FOR_GAPS:/series/1/count/max']);
  });
});

describe('checkProtocol: rest days and weekdays', () => {
  it('reports a series whose days are all rest days', () => {
    const findings = checkProtocol(withDose({ days: ['SA', 'SU'] }), catalog());
    expect(codes(findings)).toContainEqual('error:REST_DAYS_BLOCK_SERIES:/series/1/days');
  });

  it('reports rest days that break a daily chain', () => {
    const findings = checkProtocol(
      doseOnly({ count: { min: 7, max: 7 }, gapHours: { min: 20, max: 28 } }, { restDays: ['SU'] }),
      catalog(),
    );
    expect(codes(findings)).toEqual(['error:REST_DAYS_BLOCK_SERIES:/restDays']);
    expect(findings[0].message).toContain('can chain at most 6 sessions; count.min is 7');
  });

  it('reports every weekday being a rest day', () => {
    const findings = checkProtocol(
      doseOnly({}, { restDays: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] }),
      catalog(),
    );
    expect(codes(findings)).toEqual(['error:REST_DAYS_BLOCK_SERIES:/restDays']);
  });

  it('warns when a series lists a rest day', () => {
    const findings = checkProtocol(withDose({ days: ['MO', 'WE', 'FR', 'SA'] }), catalog());
    expect(codes(findings)).toEqual(['warning:DAYS_INCLUDE_REST_DAYS:/series/1/days']);
    expect(findings[0].message).toContain('can only fall on MO, WE, FR');
  });
});

describe('checkProtocol: day capacity', () => {
  it('reports more sessions than the span has patient days for', () => {
    const findings = checkProtocol(
      {
        id: 'p',
        spanDays: { max: 7 },
        series: [{ id: 'emdr', sessionType: 'emdr-90', count: { min: 10, max: 10 } }],
        patientDay: { maxSessions: 1 },
        restDays: ['SA', 'SU'],
      },
      catalog(),
    );
    expect(codes(findings)).toContainEqual('error:SPAN_TOO_SHORT_FOR_SESSIONS:/spanDays/max');
    const f = findings.find((x) => x.code === 'SPAN_TOO_SHORT_FOR_SESSIONS')!;
    expect(f.message).toContain('10 sessions at most 1 a day needs 10 patient days');
    expect(f.message).toContain('at most 5 days that are not rest days');
  });

  it('reports session minutes beyond maxMinutes per day over the span', () => {
    const findings = checkProtocol(
      {
        id: 'p',
        spanDays: { max: 2 },
        series: [{ id: 'emdr', sessionType: 'emdr-90', count: { min: 4, max: 4 } }],
        patientDay: { maxMinutes: 120 },
      },
      catalog(),
    );
    expect(codes(findings)).toContainEqual('error:SPAN_TOO_SHORT_FOR_SESSIONS:/spanDays/max');
  });
});
