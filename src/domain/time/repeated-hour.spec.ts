import { clockLabel, inRepeatedHour, inSecondOccurrence, localRange } from './repeated-hour';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('the hour the clocks repeat (America/New_York, 2027-11-07 01:00-01:59 twice)', () => {
  it('tells the two occurrences apart', () => {
    expect(inSecondOccurrence(at('2027-11-07T01:30:00-04:00'), NY)).toBe(false);
    expect(inSecondOccurrence(at('2027-11-07T01:30:00-05:00'), NY)).toBe(true);
    expect(inSecondOccurrence(at('2027-11-07T02:00:00-05:00'), NY)).toBe(false);
    for (const iso of ['2027-11-07T01:00:00-04:00', '2027-11-07T01:59:00-05:00']) {
      expect(inRepeatedHour(at(iso), NY)).toBe(true);
    }
    for (const iso of ['2027-11-07T00:59:00-04:00', '2027-11-07T02:00:00-05:00']) {
      expect(inRepeatedHour(at(iso), NY)).toBe(false);
    }
    // A spring-forward day repeats nothing.
    expect(inRepeatedHour(at('2027-03-14T03:00:00-04:00'), NY)).toBe(false);
  });

  it('labels a time in that hour with EDT/EST, others as plain wall clock', () => {
    expect(clockLabel(at('2027-11-07T01:30:00-04:00'), NY, true)).toBe('2027-11-07 01:30 EDT');
    expect(clockLabel(at('2027-11-07T01:30:00-05:00'), NY)).toBe('01:30 EST');
    expect(clockLabel(at('2027-11-07T09:00:00-05:00'), NY)).toBe('09:00');
    expect(clockLabel(at('2027-03-08T09:00:00-05:00'), 'UTC', true)).toBe('2027-03-08 14:00');
  });

  it('ranges read forwards: 01:30 EDT–01:00 EST, the end date when another day', () => {
    expect(localRange(at('2027-11-07T01:30:00-04:00'), at('2027-11-07T01:00:00-05:00'), NY)).toBe(
      '2027-11-07 01:30 EDT–01:00 EST',
    );
    expect(localRange(at('2027-11-06T23:00:00-04:00'), at('2027-11-07T01:15:00-04:00'), NY)).toBe(
      '2027-11-06 23:00–2027-11-07 01:15 EDT',
    );
    expect(localRange(at('2027-03-08T09:00:00-05:00'), at('2027-03-08T11:15:00-05:00'), NY)).toBe(
      '2027-03-08 09:00–11:15',
    );
  });
});
