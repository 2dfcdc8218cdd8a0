import ICAL from 'ical.js';

/** One VEVENT as a calendar client (ical.js, Thunderbird's parser) reads it. */
export interface ParsedEvent {
  uid: string;
  start: Date;
  end: Date;
  stamp: Date;
  sequence: number;
  summary: string;
  location: string | null;
  status: string;
  /** TZID of DTSTART (null: UTC). */
  tzid: string | null;
}

export interface ParsedCalendar {
  name: string;
  events: ParsedEvent[];
  /** TZIDs of the VTIMEZONE components. */
  zones: string[];
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Parses an iCalendar body with ical.js and checks it strictly, throwing on the first breach:
 * CRLF line ends only (also after the last line), no line over 75 octets, each physical line
 * valid UTF-8 on its own (folding never splits a character), the calendar properties every
 * client reads, UID and a UTC DTSTAMP on every event, and DTSTART/DTEND either UTC or with a
 * TZID backed by a VTIMEZONE of the same calendar (never floating). The VTIMEZONEs are
 * registered with ical.js before any time is read, so instants come out as a client sees them.
 */
export function parseStrict(body: string | Buffer): ParsedCalendar {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (LONE_SURROGATE.test(text)) throw new Error('lone UTF-16 surrogate in the body');
  if (!text.endsWith('\r\n')) throw new Error('the last line does not end with CRLF');
  const lines = text.slice(0, -2).split('\r\n');
  lines.forEach((line, i) => {
    if (/[\r\n]/.test(line)) throw new Error(`line ${i + 1}: bare CR or LF`);
    const raw = Buffer.from(line, 'utf8');
    if (raw.length > 75) throw new Error(`line ${i + 1}: ${raw.length} octets (> 75): ${line}`);
  });
  // Re-split the raw bytes at CRLF: each physical line must decode alone.
  let from = 0;
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(from, i));
      from = i + 2;
    }
  }

  const calendar = new ICAL.Component(ICAL.parse(text));
  if (calendar.name !== 'vcalendar') throw new Error(`top component ${calendar.name}`);
  for (const prop of ['version', 'prodid', 'name', 'x-wr-calname', 'refresh-interval']) {
    if (!calendar.hasProperty(prop)) throw new Error(`calendar without ${prop.toUpperCase()}`);
  }
  if (!calendar.hasProperty('x-published-ttl')) throw new Error('calendar without X-PUBLISHED-TTL');
  if (calendar.getFirstPropertyValue('version') !== '2.0') throw new Error('VERSION is not 2.0');

  const zones: string[] = [];
  for (const vtz of calendar.getAllSubcomponents('vtimezone')) {
    const tz = new ICAL.Timezone(vtz);
    zones.push(tz.tzid);
    ICAL.TimezoneService.register(tz);
  }

  const events = calendar.getAllSubcomponents('vevent').map((vevent, i) => {
    const where = `event ${i + 1}`;
    const uid = vevent.getFirstPropertyValue('uid');
    if (typeof uid !== 'string' || uid === '') throw new Error(`${where}: no UID`);
    const stampProp = vevent.getFirstProperty('dtstamp');
    if (!stampProp) throw new Error(`${where}: no DTSTAMP`);
    const stampJson = stampProp.toJSON() as [string, Record<string, string>, string, string];
    if (!stampJson[3].endsWith('Z') || stampJson[1].tzid) {
      throw new Error(`${where}: DTSTAMP is not UTC (${stampJson[3]})`);
    }
    const tzids = ['dtstart', 'dtend'].map((name) => {
      const prop = vevent.getFirstProperty(name);
      if (!prop) throw new Error(`${where}: no ${name.toUpperCase()}`);
      const json = prop.toJSON() as [string, Record<string, string>, string, string];
      const tzid = json[1].tzid ?? null;
      if (json[2] !== 'date-time') throw new Error(`${where}: ${name} is a ${json[2]}`);
      if (tzid === null && !json[3].endsWith('Z')) {
        throw new Error(`${where}: ${name.toUpperCase()} is floating (${json[3]})`);
      }
      if (tzid !== null && !zones.includes(tzid)) {
        throw new Error(`${where}: TZID ${tzid} has no VTIMEZONE`);
      }
      return tzid;
    });
    const event = new ICAL.Event(vevent);
    const time = (name: string) => (vevent.getFirstPropertyValue(name) as ICAL.Time).toJSDate();
    return {
      uid,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      stamp: time('dtstamp'),
      sequence: event.sequence,
      summary: event.summary,
      location: (vevent.getFirstPropertyValue('location') as string | null) ?? null,
      status: String(vevent.getFirstPropertyValue('status') ?? ''),
      tzid: tzids[0],
    };
  });
  return { name: String(calendar.getFirstPropertyValue('name')), events, zones };
}
