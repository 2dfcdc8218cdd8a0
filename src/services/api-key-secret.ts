import { createHash, randomBytes } from 'node:crypto';

export const KEY_PREFIX = 'kps_';
const KEY_PATTERN = /^kps_[A-Za-z0-9_-]{32}$/;

/** A new key: `kps_` + 24 random bytes (192 bits) in base64url. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(24).toString('base64url');
}

export function looksLikeApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/**
 * Keys carry 192 random bits, so a plain SHA-256 is enough: a slow password hash (bcrypt,
 * argon2) only helps against guessing low-entropy secrets, and a fast hash lets every request
 * be authenticated with one indexed lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The non-secret part shown in lists and logs (`kps_` + 8 chars = 48 of 192 bits). */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, 12);
}
