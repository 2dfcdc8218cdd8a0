import { loggablePath } from './request-logging';

describe('loggablePath', () => {
  const token = 'kpf_AbCdEfGhIjKlMnOpQrStUvWxYz012345';
  const key = 'kps_AbCdEfGhIjKlMnOpQrStUvWxYz012345';

  it.each([
    [`/feeds/${token}.ics`, '/feeds/[redacted]'],
    [`//feeds/${token}.ics`, '//feeds/[redacted]'],
    [`/v1/../feeds/${token}.ics`, '/v1/../feeds/[redacted]'],
    [`/FEEDS/not-a-token.ics`, '/FEEDS/[redacted]'],
    [`/feeds/kpf%5F${token.slice(4)}.ics`, '/feeds/[redacted]'],
    [`/x/kpf%255F${token.slice(4)}`, '/x/[redacted]'],
    [`/feeds%2F${token}.ics`, '/[redacted]'],
    [`/v1/patients/${key}`, '/v1/patients/[redacted]'],
    [`/v1/patients/${key}%zz`, '/v1/patients/[redacted]'],
    [`/v1/clinic?token=${token}`, '/v1/clinic'],
  ])('%s is logged as %s', (path, logged) => {
    expect(loggablePath(path)).toBe(logged);
  });

  it('keeps ids and ordinary paths', () => {
    const id = '0b3c7f0e-2a4d-4c3b-9f51-6f1e2d3c4b5a';
    expect(loggablePath(`/v1/feeds/${id}/fetches?limit=5`)).toBe(`/v1/feeds/${id}/fetches`);
    expect(loggablePath('/v1/feeds')).toBe('/v1/feeds');
    expect(loggablePath('/v1/patients/x%zz')).toBe('/v1/patients/x%zz');
  });
});
