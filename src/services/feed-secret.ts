import { randomBytes } from 'node:crypto';
import { hashApiKey } from './api-key-secret';

export const FEED_TOKEN_PREFIX = 'kpf_';
const FEED_FILE = /^(kpf_[A-Za-z0-9_-]{32})\.ics$/;

/** A new feed token: `kpf_` + 24 bytes (192 bits) from the CSPRNG, in base64url. */
export function generateFeedToken(): string {
  return FEED_TOKEN_PREFIX + randomBytes(24).toString('base64url');
}

/** The token of a `/feeds/<token>.ics` file name, or null when it cannot be one. */
export function feedTokenOf(file: string): string | null {
  return FEED_FILE.exec(file)?.[1] ?? null;
}

/** Stored instead of the token: SHA-256, as for API keys (192 random bits need no slow hash). */
export const hashFeedToken = hashApiKey;

/**
 * The feed's calendar URL and its webcal:// twin. `baseUrl` must be a bare http(s) origin (as
 * FEED_BASE_URL and `httpsOriginOfHost` give): anything else is a bug, never a URL.
 */
export function feedUrls(baseUrl: string, token: string): { url: string; webcalUrl: string } {
  let origin: string | null = null;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    // not a URL: refused below
  }
  if (origin !== baseUrl || !/^https?:/.test(baseUrl)) {
    throw new Error('feed URLs need a bare http(s) origin as their base');
  }
  const url = `${baseUrl}/feeds/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}
