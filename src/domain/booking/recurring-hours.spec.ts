/**
 * Stored recurring hours without `from` fall on the same dates whatever span is expanded: the
 * booking check's and move search's problems, a plan run's problem (compile, first-fit, the
 * validator, all through anchoredWindows) and the affected-appointment check (windowSpans).
 */
import type { AvailabilityWindow, Problem } from '../planning/format';
import { ClinicTime } from '../planning/first-fit/clinic-time';
import { compileModel } from '../planning/model/compile';
import { windowIntervals } from '../planning/solution-check/clinic-time';
import { tinyProblem } from '../planning/solution-check/tiny-problem.testing';
import { dayNumber, formatDay } from '../time/local-date';
import { anchoredWindows } from '../time/rrule-anchor';
import { formatInstant } from '../time/zone';
import { windowSpans } from './affected';

const ZONE = 'America/New_York'; // DST starts Sunday 2027-03-14
const FIRST = '2027-03-01';
const LAST = '2027-03-31';
const iso = (minute: number) => formatInstant(ZONE, minute);
const pairs = (flat: number[]) =>
  flat.flatMap((v, i) => (i % 2 === 0 ? [`${iso(v)}/${iso(flat[i + 1])}`] : []));

/** Each expander's occurrences over [FIRST, LAST], expanding from `start` to LAST. */
function expansions(windows: AvailabilityWindow[], start: string): Record<string, string[]> {
  const keep = (list: string[]) => list.filter((p) => p.slice(0, 10) >= FIRST);
  const anchored = anchoredWindows(windows, start);
  const problem: Problem = { ...tinyProblem(), horizon: { start, end: LAST } };
  problem.staff = [{ id: 'rn', roles: ['rn'], availability: anchored }];
  const compiled = compileModel(problem).staff[0].free;
  const time = new ClinicTime(ZONE, start, LAST);
  const dates: string[] = [];
  for (let d = dayNumber(start); d <= dayNumber(LAST); d++) dates.push(formatDay(d));
  const validator = windowIntervals(anchored, dates, problem.horizon, ZONE);
  return {
    affected: keep(
      windowSpans(windows, dayNumber(start), dayNumber(LAST), ZONE).map(
        ([s, e]) => `${iso(s)}/${iso(e)}`,
      ),
    ),
    compile: keep(pairs(compiled)),
    firstFit: keep(time.windows(anchored).map(({ s, e }) => `${iso(s)}/${iso(e)}`)),
    validator: keep(validator.map((w) => `${iso(w.start / 60_000)}/${iso(w.end / 60_000)}`)),
  };
}

function expectSameWhateverTheStart(windows: AvailabilityWindow[], expected: string[]) {
  for (let d = dayNumber('2027-01-15'); d <= dayNumber(FIRST); d++) {
    const got = expansions(windows, formatDay(d));
    expect({ start: formatDay(d), ...got }).toEqual({
      start: formatDay(d),
      affected: expected,
      compile: expected,
      firstFit: expected,
      validator: expected,
    });
  }
}

describe('recurring hours without `from` (RULE_EPOCH anchor)', () => {
  it('every other Monday: the same Mondays whatever the start, 08:00 local across DST', () => {
    const windows = [{ rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', start: '08:00', end: '20:00' }];
    // 2027-03-08 is 1366 weeks after Monday 2001-01-01 (on); 03-15 and 03-29 are off.
    expectSameWhateverTheStart(windows, [
      '2027-03-08T08:00:00-05:00/2027-03-08T20:00:00-05:00',
      '2027-03-22T08:00:00-04:00/2027-03-22T20:00:00-04:00',
    ]);
  });

  it('every third day: the same days whatever the start, 08:00 local across DST', () => {
    const windows = [{ rrule: 'FREQ=DAILY;INTERVAL=3', start: '08:00', end: '10:00' }];
    // 2027-03-01 is 9555 days (a multiple of 3) after 2001-01-01.
    const days = ['01', '04', '07', '10', '13', '16', '19', '22', '25', '28', '31'];
    expectSameWhateverTheStart(
      windows,
      days.map((d) => {
        const off = d < '14' ? '-05:00' : '-04:00';
        return `2027-03-${d}T08:00:00${off}/2027-03-${d}T10:00:00${off}`;
      }),
    );
  });
});
