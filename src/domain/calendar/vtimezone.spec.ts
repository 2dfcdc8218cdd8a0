import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { offsetTransitions, vtimezoneFor, vtimezoneSpan } from './vtimezone';

const HOUR = 3_600_000;

/**
 * A reader written for this spec (not the generator's code): each observance's onset in UTC
 * is its DTSTART (local time) minus TZOFFSETFROM; an instant is at the TZOFFSETTO (minutes) of
 * the latest onset not after it.
 */
function readOffsets(vtimezone: string): (ms: number) => number {
  const minutes = (v: string) => {
    const m = /^([+-])(\d\d)(\d\d)$/.exec(v)!;
    return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  };
  const onsets = [...vtimezone.matchAll(/BEGIN:(STANDARD|DAYLIGHT)\r\n([\s\S]*?)END:\1/g)]
    .map((m) => {
      const prop = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(m[2])![1].trim();
      const d = /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)$/.exec(prop('DTSTART'))!.map(Number);
      const wall = Date.UTC(d[1], d[2] - 1, d[3], d[4], d[5], d[6]);
      const from = minutes(prop('TZOFFSETFROM'));
      return { at: wall - from * 60_000, to: minutes(prop('TZOFFSETTO')) };
    })
    .sort((a, b) => a.at - b.at);
  return (ms) => {
    const last = onsets.filter((o) => o.at <= ms).pop();
    if (!last) throw new Error(`no observance at ${new Date(ms).toISOString()}`);
    return last.to;
  };
}

const ZONES = [
  'America/New_York',
  'Australia/Sydney',
  'Australia/Lord_Howe',
  'America/Mexico_City',
  'America/Sao_Paulo',
  'America/Whitehorse',
  'Asia/Tehran',
  'Asia/Amman',
  'Africa/Cairo',
  'Africa/Casablanca',
  'Pacific/Fiji',
  'Etc/GMT+5',
  'Etc/GMT-14',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Europe/Dublin',
  'US/Eastern',
  'Asia/Calcutta',
  'UTC',
];
/** Two-year windows: one around Mexico's 2022 end of DST, one where feeds will be. */
const WINDOWS = [
  ['2022-01-01T00:00:00Z', '2024-01-01T00:00:00Z'],
  ['2027-01-01T00:00:00Z', '2029-01-01T00:00:00Z'],
] as const;

describe('vtimezoneFor', () => {
  describe.each(WINDOWS)('%s .. %s', (fromIso, toIso) => {
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);

    it.each(ZONES)('%s: the offset of every hour is luxon’s, read two ways', (zone) => {
      const span = vtimezoneSpan(zone, from, to);
      const text = vtimezoneFor(zone, span.from, span.to)!;
      expect(text).toMatch(new RegExp(`^BEGIN:VTIMEZONE\r\nTZID:${zone.replace('+', '\\+')}\r\n`));
      const offsetAt = readOffsets(text);
      // ical.js (Thunderbird's parser) reads a DTSTART;TZID local time as a client does.
      const tz = new ICAL.Timezone(ICAL.Component.fromString(text));
      const bad: string[] = [];
      for (let t = from; t < to; t += HOUR) {
        const local = DateTime.fromMillis(t, { zone });
        if (offsetAt(t) !== local.offset) bad.push(`${new Date(t).toISOString()} reader`);
        const wall = ICAL.Time.fromData(
          {
            year: local.year,
            month: local.month,
            day: local.day,
            hour: local.hour,
            minute: local.minute,
            second: 0,
          },
          tz,
        );
        const seen = wall.toUnixTime() * 1000;
        // A local time shown twice (the repeated hour) may be read as its other occurrence
        // (RFC 5545 3.3.5: the first); the feed writes events in that hour in UTC.
        const wallOf = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat('yyyyLLddHHmm');
        if (seen !== t && wallOf(seen) !== wallOf(t)) {
          bad.push(`${new Date(t).toISOString()} ical.js ${new Date(seen).toISOString()}`);
        }
      }
      expect(bad.slice(0, 5)).toEqual([]);
    });
  });

  it('names the zone exactly as given (an alias stays an alias)', () => {
    const span = vtimezoneSpan('UTC', Date.parse('2027-03-01'), Date.parse('2027-12-01'));
    for (const zone of ['US/Eastern', 'Asia/Calcutta', 'Asia/Katmandu']) {
      expect(vtimezoneFor(zone, span.from, span.to)).toContain(`\r\nTZID:${zone}\r\n`);
    }
    expect(vtimezoneFor('Mars/Base', span.from, span.to)).toBeNull();
  });

  it('Mexico City has kept -06:00 all year since 2022; Etc/GMT+5 is five hours west', () => {
    const span = vtimezoneSpan('UTC', Date.parse('2027-03-01'), Date.parse('2027-12-01'));
    const mexico = vtimezoneFor('America/Mexico_City', span.from, span.to)!;
    expect(mexico).not.toContain('DAYLIGHT');
    expect(mexico.match(/TZOFFSETTO:.*/g)).toEqual(['TZOFFSETTO:-0600']);
    const gmt5 = vtimezoneFor('Etc/GMT+5', span.from, span.to)!;
    expect(gmt5.match(/TZOFFSET(FROM|TO):.*/g)).toEqual(['TZOFFSETFROM:-0500', 'TZOFFSETTO:-0500']);
  });

  it('offsetTransitions: to the minute, negative DST and half-hour shifts included', () => {
    const at = (zone: string, year: number) =>
      offsetTransitions(zone, Date.UTC(year, 0, 1), Date.UTC(year + 1, 0, 1)).map((t) => [
        new Date(t.at).toISOString(),
        t.from,
        t.to,
      ]);
    expect(at('America/New_York', 2027)).toEqual([
      ['2027-03-14T07:00:00.000Z', -300, -240],
      ['2027-11-07T06:00:00.000Z', -240, -300],
    ]);
    expect(at('Australia/Lord_Howe', 2027)).toEqual([
      ['2027-04-03T15:00:00.000Z', 660, 630],
      ['2027-10-02T15:30:00.000Z', 630, 660],
    ]);
    expect(at('America/Mexico_City', 2022)).toEqual([
      ['2022-04-03T08:00:00.000Z', -360, -300],
      ['2022-10-30T07:00:00.000Z', -300, -360],
    ]);
    expect(at('Asia/Kathmandu', 2027)).toEqual([]);
  });

  it('vtimezoneSpan: the whole years around the window, in the zone', () => {
    const iso = (span: { from: number; to: number }) =>
      [span.from, span.to].map((t) => new Date(t).toISOString());
    const [from, to] = [Date.parse('2027-01-01T03:00:00Z'), Date.parse('2027-06-01T04:00:00Z')];
    expect(iso(vtimezoneSpan('America/New_York', from, to))).toEqual([
      '2026-01-01T05:00:00.000Z',
      '2028-01-01T05:00:00.000Z',
    ]);
    expect(iso(vtimezoneSpan('Pacific/Kiritimati', from, to))).toEqual([
      '2026-12-31T10:00:00.000Z',
      '2027-12-31T10:00:00.000Z',
    ]);
    expect(iso(vtimezoneSpan('Mars/Base', from, to))).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2028-01-01T00:00:00.000Z',
    ]);
  });
});
