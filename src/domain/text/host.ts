/**
 * A request's `Host` header read as the origin of links the API hands out (the calendar feed
 * URL, whose token is the credential, when FEED_BASE_URL is not set). Only `host[:port]` is
 * taken: a name (dot-separated labels of letters, digits, `-`, `_`, `~`: RFC 3986 reg-name
 * without the percent-encoding and sub-delimiters no DNS name holds and URL parsers read
 * differently, nor empty labels), a dotted IPv4 address or a bracketed IPv6 address, and a
 * port from 1 to 65535. Anything else
 * (`a@evil.example`, `evil.example/#`, `x y`, `a:0`) would make a URL that names another host
 * or hides the token, so it is refused rather than pasted. The scheme is always https.
 */

export type HostOrigin = { ok: true; origin: string } | { ok: false; problem: string };

const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_~-]+(?:\.[A-Za-z0-9_~-]+)*\.?)(?::([1-9]\d{0,4}))?$/;
const MAX_LENGTH = 261; // 253 for a DNS name, a colon and a port

const SHAPE =
  'must be host[:port]: a name, an IPv4 address or a bracketed IPv6 address, and a port from 1 to 65535';

/** `https://` + a valid Host header (normalized: lower case, no :443), or why it is not one. */
export function httpsOriginOfHost(host: string | undefined): HostOrigin {
  if (host === undefined || host === '') {
    return { ok: false, problem: 'the request has no Host header' };
  }
  const shown = JSON.stringify(host);
  const m = host.length <= MAX_LENGTH ? HOST.exec(host) : null;
  if (!m || (m[2] !== undefined && Number(m[2]) > 65535)) {
    return { ok: false, problem: `the Host header ${shown} ${SHAPE}` };
  }
  let url: URL;
  try {
    url = new URL(`https://${host}/`);
  } catch {
    return { ok: false, problem: `the Host header ${shown} ${SHAPE}` };
  }
  // A name a URL parser reads as something else (`0x7f.1` is 127.0.0.1) is refused too.
  if (!m[1].startsWith('[') && url.hostname !== m[1].toLowerCase()) {
    return { ok: false, problem: `the Host header ${shown} ${SHAPE}` };
  }
  return { ok: true, origin: url.origin };
}
