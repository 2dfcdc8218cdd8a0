import { apiKeyPrefix, generateApiKey, hashApiKey, looksLikeApiKey } from './api-key-secret';

describe('api key secrets', () => {
  it('generates distinct well-formed keys with at least 128 random bits', () => {
    const keys = new Set(Array.from({ length: 200 }, generateApiKey));
    expect(keys.size).toBe(200);
    for (const key of keys) {
      expect(looksLikeApiKey(key)).toBe(true);
      // 32 base64url characters carry 6 bits each.
      expect((key.length - 4) * 6).toBeGreaterThanOrEqual(128);
    }
  });

  it('hashes deterministically to hex SHA-256 and exposes only a short prefix', () => {
    const key = generateApiKey();
    expect(hashApiKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(key)).toBe(hashApiKey(key));
    expect(hashApiKey(key)).not.toBe(hashApiKey(generateApiKey()));
    expect(apiKeyPrefix(key)).toBe(key.slice(0, 12));
    expect(looksLikeApiKey('kps_short')).toBe(false);
    expect(looksLikeApiKey('Bearer ' + key)).toBe(false);
  });
});
