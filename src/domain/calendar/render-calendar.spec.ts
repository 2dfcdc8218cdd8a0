import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseStrict } from './ics-check.spec-helper';
import { FeedAppointment, feedEvents } from './feed-events';
import { renderCalendar, wallTimeRepeats } from './render-calendar';

const ZONE = 'America/New_York';
const GOLDEN = join(__dirname, 'fixtures', 'staff-feed.golden.ics');
const WINDOW = { from: new Date('2027-03-01T05:00:00Z'), to: new Date('2027-12-01T05:00:00Z') };

function appointment(
  over: Omit<Partial<FeedAppointment>, 'start' | 'end'> & { start: string; end: string },
) {
  return {
    id: 'a',
    uid: '00000000-0000-4000-8000-000000000001',
    occurrenceId: null,
    status: 'booked',
    sequence: 0,
    updatedAt: new Date('2027-02-01T10:00:00Z'),
    sessionTypeName: 'Ketamine IV',
    roomName: 'Bay 1',
    patientId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    patientInitials: 'EK',
    patientPseudonym: null,
    ...over,
    start: new Date(over.start),
    end: new Date(over.end),
  } as FeedAppointment;
}

/** A fixed staff feed: winter, the spring-forward night, summer, a cancellation, folding. */
const ROWS: FeedAppointment[] = [
  appointment({ uid: 'uid-1-winter', start: '2027-03-12T14:00:00Z', end: '2027-03-12T16:00:00Z' }),
  // 01:30 EST -> 03:30 EDT: across the gap of 2027-03-14.
  appointment({
    uid: 'uid-2-across-dst',
    start: '2027-03-14T06:30:00Z',
    end: '2027-03-14T07:30:00Z',
    sequence: 2,
    updatedAt: new Date('2027-03-01T09:15:00Z'),
  }),
  appointment({ uid: 'uid-3-summer', start: '2027-03-15T13:00:00Z', end: '2027-03-15T15:00:00Z' }),
  appointment({
    uid: 'uid-4-cancelled',
    start: '2027-03-17T13:00:00Z',
    end: '2027-03-17T15:00:00Z',
    status: 'cancelled',
    sequence: 1,
    updatedAt: new Date('2027-03-02T08:00:00Z'),
  }),
  appointment({
    uid: 'uid-5-folding',
    start: '2027-03-19T13:00:00Z',
    end: '2027-03-19T14:00:00Z',
    sessionTypeName:
      'Integration; EMDR, ärztlich begleitet — Überwachung 🧪 nach der Infusion (lang)',
    roomName: 'Raum Ö, 2. Stock; Flur \\ Süd',
    patientInitials: 'ÅÉ',
  }),
  // 01:30 on 2027-11-07 happens twice in New York: written in UTC.
  appointment({
    uid: 'uid-6-repeated-hour',
    start: '2027-11-07T06:30:00Z',
    end: '2027-11-07T07:30:00Z',
  }),
];

function render(rows = ROWS, over: { name?: string; timeZone?: string } = {}) {
  return renderCalendar({
    name: 'Schedule: RN B',
    timeZone: ZONE,
    window: WINDOW,
    refreshMinutes: 60,
    ...over,
    events: feedEvents(rows, {
      kind: 'staff',
      patientLabel: 'initials',
      cancelledShownSince: new Date('2027-03-01T00:00:00Z'),
    }),
  });
}

describe('renderCalendar', () => {
  it('matches the golden file byte for byte (UPDATE_GOLDEN=1 rewrites it)', () => {
    const text = render();
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, text);
    expect(text).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('parses strictly with ical.js; each event at the stored instants, DST included', () => {
    const parsed = parseStrict(render());
    expect(parsed.name).toBe('Schedule: RN B');
    expect(parsed.zones).toEqual([ZONE]);
    expect(parsed.events.map((e) => [e.uid, e.start.toISOString(), e.end.toISOString()])).toEqual(
      ROWS.map((r) => [r.uid, r.start.toISOString(), r.end.toISOString()]),
    );
    expect(parsed.events.map((e) => e.tzid)).toEqual([ZONE, ZONE, ZONE, ZONE, ZONE, null]);
    expect(parsed.events.map((e) => e.stamp.toISOString())).toEqual(
      ROWS.map((r) => r.updatedAt.toISOString()),
    );
    expect(parsed.events.map((e) => [e.status, e.sequence])).toEqual([
      ['CONFIRMED', 0],
      ['CONFIRMED', 2],
      ['CONFIRMED', 0],
      ['CANCELLED', 1],
      ['CONFIRMED', 0],
      ['CONFIRMED', 0],
    ]);
    expect(parsed.events[4]).toMatchObject({
      summary:
        'Integration; EMDR, ärztlich begleitet — Überwachung 🧪 nach der Infusion (lang) · ÅÉ',
      location: 'Raum Ö, 2. Stock; Flur \\ Süd',
    });
  });

  it('writes wall-clock times with TZID (not the process zone), DTSTAMP in UTC', () => {
    const text = render();
    expect(text).toContain('DTSTART;TZID=America/New_York:20270312T090000\r\n');
    expect(text).toContain('DTSTART;TZID=America/New_York:20270314T013000\r\n');
    expect(text).toContain('DTEND;TZID=America/New_York:20270314T033000\r\n');
    expect(text).toContain('DTSTART;TZID=America/New_York:20270315T090000\r\n');
    expect(text).toContain('DTSTART:20271107T063000Z\r\n');
    expect(text).toContain('DTSTAMP:20270301T091500Z\r\n');
    expect(text).not.toMatch(/DTSTAMP;TZID|DTSTAMP:\d{8}T\d{6}\r/);
  });

  it('without a VTIMEZONE writes every time in UTC, never floating', () => {
    const text = renderCalendar({
      name: 'x',
      timeZone: 'Etc/Nowhere',
      window: WINDOW,
      refreshMinutes: 60,
      events: feedEvents(ROWS.slice(0, 1), {
        kind: 'patient',
        patientLabel: 'initials',
        cancelledShownSince: new Date(0),
      }),
    });
    expect(text).toContain('DTSTART:20270312T140000Z\r\n');
    expect(text).not.toContain('BEGIN:VTIMEZONE');
    expect(text).toContain('X-WR-TIMEZONE:UTC\r\n');
    expect(parseStrict(text).events[0].start.toISOString()).toBe('2027-03-12T14:00:00.000Z');
  });

  it('an empty calendar is still a valid one', () => {
    const text = render([]);
    expect(parseStrict(text).events).toEqual([]);
    expect(text).not.toContain('BEGIN:VTIMEZONE');
    expect(text).toMatch(
      /X-PUBLISHED-TTL:PT1H\r\nX-WR-TIMEZONE:America\/New_York\r\nEND:VCALENDAR\r\n$/,
    );
  });

  it('calendar properties come before the first component (RFC 5545 3.4)', () => {
    const lines = render().split('\r\n');
    const firstComponent = lines.findIndex((l, i) => i > 0 && l.startsWith('BEGIN:'));
    expect(lines[firstComponent]).toBe('BEGIN:VTIMEZONE');
    for (const prop of ['NAME:', 'X-WR-CALNAME:', 'REFRESH-INTERVAL', 'X-PUBLISHED-TTL:']) {
      expect(lines.findIndex((l) => l.startsWith(prop))).toBeLessThan(firstComponent);
    }
    expect(lines.indexOf('X-WR-TIMEZONE:America/New_York')).toBe(firstComponent - 1);
    expect(lines.slice(-2)).toEqual(['END:VCALENDAR', '']);
    expect(lines.at(-3)).toBe('END:VEVENT');
  });

  it('escapes the calendar name as TEXT (NAME and X-WR-CALNAME)', () => {
    const name = 'Schedule: Sam Ortiz, RN; Bay\\2\nnights';
    const text = render(ROWS, { name });
    expect(text).toContain('\r\nNAME:Schedule: Sam Ortiz\\, RN\\; Bay\\\\2\\nnights\r\n');
    expect(text).toContain('\r\nX-WR-CALNAME:Schedule: Sam Ortiz\\, RN\\; Bay\\\\2\\nnights\r\n');
    // ical.js does not know NAME's value type (RFC 7986: TEXT), so it leaves it escaped.
    expect(parseStrict(text).name).toBe('Schedule: Sam Ortiz\\, RN\\; Bay\\\\2\\nnights');
  });

  it.each([
    ['US/Eastern', -5],
    ['Asia/Calcutta', 5.5],
    ['Asia/Katmandu', 5.75],
    ['America/Mexico_City', -6],
    ['Etc/GMT+5', -5],
  ])(
    '%s: the VTIMEZONE has the events’ TZID and X-WR-TIMEZONE; clients read the stored instant',
    (zone, hours) => {
      const text = render(ROWS.slice(0, 1), { timeZone: zone });
      const local = new Date(ROWS[0].start.getTime() + hours * 3_600_000).toISOString();
      const wall = local.slice(0, 19).replace(/[-:]/g, '');
      expect(text).toContain(`\r\nDTSTART;TZID=${zone}:${wall}\r\n`);
      expect(text).toContain(`\r\nX-WR-TIMEZONE:${zone}\r\n`);
      const parsed = parseStrict(text);
      expect(parsed.zones).toEqual([zone]);
      expect(parsed.events[0].start.toISOString()).toBe(ROWS[0].start.toISOString());
    },
  );

  it('wallTimeRepeats: only the hour repeated when daylight saving time ends', () => {
    const at = (iso: string) => wallTimeRepeats(Date.parse(iso), ZONE);
    expect(at('2027-11-07T05:30:00Z')).toBe(true); // 01:30 EDT
    expect(at('2027-11-07T06:30:00Z')).toBe(true); // 01:30 EST
    expect(at('2027-11-07T07:30:00Z')).toBe(false); // 02:30 EST
    expect(at('2027-11-07T04:30:00Z')).toBe(false); // 00:30 EDT
    expect(at('2027-03-14T06:30:00Z')).toBe(false);
    expect(wallTimeRepeats(Date.parse('2027-11-07T06:30:00Z'), 'UTC')).toBe(false);
  });
});
