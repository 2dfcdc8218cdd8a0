import type { AppConfig } from '../infra/config/app-config';
import type { CalendarFeedRepository, FeedByToken } from '../repositories/calendar-feed.repository';
import { FeedTokenCache } from './feed-token-cache';

function setup(recheckMs: number) {
  const calls: string[] = [];
  let pending: (() => void) | null = null;
  let hold = false;
  const row = (hash: string) =>
    ({ token: { id: hash }, feed: { id: 'f' } }) as unknown as FeedByToken;
  const repo = {
    findByTokenHash: async (hash: string) => {
      calls.push(hash);
      if (hold) await new Promise<void>((resolve) => (pending = resolve));
      return hash === 'unknown' ? null : row(hash);
    },
  } as unknown as CalendarFeedRepository;
  const config = { feeds: { recheckMs } } as AppConfig;
  const cache = new FeedTokenCache(repo, config);
  return {
    cache,
    calls,
    config,
    hold: (on: boolean) => (hold = on),
    release: () => pending?.(),
  };
}

describe('FeedTokenCache', () => {
  it('remembers found tokens within FEED_RECHECK_MS, never unknown ones', async () => {
    const s = setup(60_000);
    await s.cache.find('a');
    await s.cache.find('a');
    await s.cache.find('unknown');
    await s.cache.find('unknown');
    expect(s.calls).toEqual(['a', 'unknown', 'unknown']);
  });

  it('FEED_RECHECK_MS 0 looks up on every request', async () => {
    const s = setup(0);
    await s.cache.find('a');
    await s.cache.find('a');
    expect(s.calls).toEqual(['a', 'a']);
  });

  it('invalidate() forgets, and a lookup that overlapped it is not remembered', async () => {
    const s = setup(60_000);
    await s.cache.find('a');
    s.cache.invalidate();
    s.hold(true);
    const overlapping = s.cache.find('a');
    await new Promise((r) => setImmediate(r));
    s.cache.invalidate();
    s.release();
    await overlapping;
    s.hold(false);
    await s.cache.find('a');
    await s.cache.find('a');
    expect(s.calls).toEqual(['a', 'a', 'a']);
  });
});
