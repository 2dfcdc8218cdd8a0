import { httpsOriginOfHost } from './host';

describe('httpsOriginOfHost', () => {
  it.each([
    ['localhost:3000', 'https://localhost:3000'],
    ['calendar.Example.ORG', 'https://calendar.example.org'],
    ['example.org:443', 'https://example.org'],
    ['example.org.', 'https://example.org.'],
    ['my_host-1.internal:65535', 'https://my_host-1.internal:65535'],
    ['127.0.0.1:8080', 'https://127.0.0.1:8080'],
    ['[::1]:3000', 'https://[::1]:3000'],
    ['[2001:db8::1]', 'https://[2001:db8::1]'],
  ])('takes %j as %s', (host, origin) => {
    expect(httpsOriginOfHost(host)).toEqual({ ok: true, origin });
  });

  it.each([
    'localhost:3999@evil.example', // userinfo: the URL would point at evil.example
    'evil.example/#', // the token would land in a fragment
    'evil.example/x?', // or a query
    'x y',
    'a\\b',
    'a:0',
    'a:65536',
    'a:',
    ':3000',
    'a:08',
    'a..b',
    '.',
    'a%2eb',
    'a;b',
    '0x7f.1', // a URL parser reads it as 127.0.0.1
    '1.2.3', // ... and this as 1.2.0.3
    '1.2.3.999',
    '[zz]',
    '[::1',
    'a'.repeat(262),
  ])('refuses %j', (host) => {
    const result = httpsOriginOfHost(host);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining('must be host[:port]') });
  });

  it('refuses a request without a Host header', () => {
    expect(httpsOriginOfHost(undefined)).toEqual({
      ok: false,
      problem: 'the request has no Host header',
    });
    expect(httpsOriginOfHost('').ok).toBe(false);
  });
});
