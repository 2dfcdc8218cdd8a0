import { countIssues, effectiveCounts } from './enrollment-rules';
import type { ProtocolDefinition } from './protocol-definition';

const def: ProtocolDefinition = {
  series: [
    { id: 'intake', sessionType: 'intake', count: { min: 1, max: 1 } },
    { id: 'dose', sessionType: 'ketamine-iv', count: { min: 6, max: 8, default: 7 } },
    { id: 'a/b', sessionType: 'ifs-60', count: { min: 0, max: 2 } },
  ],
};

describe('countIssues', () => {
  it('accepts counts inside each range, including the bounds', () => {
    expect(countIssues({ dose: 6, intake: 1, 'a/b': 2 }, def)).toEqual([]);
    expect(countIssues({ dose: 8 }, def)).toEqual([]);
  });

  it.each([5, 9])('refuses dose %i with COUNT_OUT_OF_RANGE at /counts/dose', (n) => {
    expect(countIssues({ dose: n }, def)).toEqual([
      expect.objectContaining({ pointer: '/counts/dose', code: 'COUNT_OUT_OF_RANGE' }),
    ]);
  });

  it('refuses a series the version does not have, escaping the pointer', () => {
    expect(countIssues({ emdr: 4, 'x/y': 1 }, def).map((i) => [i.pointer, i.code])).toEqual([
      ['/counts/emdr', 'UNKNOWN_REFERENCE'],
      ['/counts/x~1y', 'UNKNOWN_REFERENCE'],
    ]);
  });
});

describe('effectiveCounts', () => {
  it('uses the given count, else the default, else the minimum', () => {
    expect(effectiveCounts({ 'a/b': 2 }, def)).toEqual({ intake: 1, dose: 7, 'a/b': 2 });
  });
});

describe('linked counts (format 1.1)', () => {
  const linked: ProtocolDefinition = {
    series: [
      ...def.series,
      { id: 'integration', sessionType: 'kap-integration', count: { sameAs: 'dose' } },
    ],
  };

  it('refuses a count for a linked series, pointing at the series to set instead', () => {
    expect(countIssues({ integration: 6 }, linked)).toEqual([
      expect.objectContaining({ pointer: '/counts/integration', code: 'COUNT_OF_LINKED_SERIES' }),
    ]);
  });

  it('gives a linked series the count of the series it names', () => {
    expect(effectiveCounts({}, linked)).toMatchObject({ dose: 7, integration: 7 });
    expect(effectiveCounts({ dose: 6 }, linked)).toMatchObject({ dose: 6, integration: 6 });
  });
});
