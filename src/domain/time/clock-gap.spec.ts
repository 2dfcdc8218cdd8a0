import { gapEmptiedPeriods } from './clock-gap';

const NY = 'America/New_York'; // 2027-03-14: 02:00-02:59 does not exist

describe('gapEmptiedPeriods', () => {
  it('names a period the spring-forward gap empties, at its end', () => {
    const issues = gapEmptiedPeriods(
      [
        { start: '2027-03-14T01:00', end: '2027-03-14T04:00' }, // across: fine
        { start: '2027-03-14T02:59', end: '2027-03-14T03:00' }, // 03:59 -> 03:00
        { start: '2027-03-14T02:30', end: '2027-03-14T02:45' }, // 03:30 -> 03:45: as the format reads it
        { start: '2027-03-15T10:00', end: '2027-03-14T10:00' }, // reversed as written: not ours
      ],
      NY,
      '/timeOff',
    );
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/timeOff/1/end', 'END_NOT_AFTER_START'],
    ]);
    expect(issues[0].message).toContain('it would be read as 03:59');
  });

  it('nothing in a zone without the change, or on other days', () => {
    const p = [{ start: '2027-03-14T02:59', end: '2027-03-14T03:00' }];
    expect(gapEmptiedPeriods(p, 'UTC', '/u')).toEqual([]);
    expect(gapEmptiedPeriods(p, 'Europe/London', '/u')).toEqual([]);
    expect(gapEmptiedPeriods(null, NY, '/u')).toEqual([]);
  });
});
