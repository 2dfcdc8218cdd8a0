import type { Logger } from '../infra/logging/logger';
import type {
  CalendarFeedRepository,
  NewFeedFetch,
} from '../repositories/calendar-feed.repository';
import { FeedFetchLog } from './feed-fetch-log';

const row = (feedId: string): NewFeedFetch => ({
  clinicId: 'c',
  feedId,
  tokenId: 't',
  fetchedAt: new Date('2027-03-01T12:00:00Z'),
  userAgent: 'Thunderbird/115',
  status: 200,
  retired: false,
});

/** A repository whose feed "gone" was deleted: any insert holding its row fails, as the foreign key does. */
function setup() {
  const stored: string[] = [];
  const feeds = {
    insertFetches: jest.fn(async (rows: readonly NewFeedFetch[]) => {
      if (rows.some((r) => r.feedId === 'gone')) throw new Error('violates foreign key constraint');
      stored.push(...rows.map((r) => r.feedId));
    }),
  } as unknown as CalendarFeedRepository;
  const logger = { error: jest.fn() } as unknown as Logger;
  return { stored, feeds, logger, log: new FeedFetchLog(feeds, logger) };
}

describe('FeedFetchLog', () => {
  it('writes a batch in one insert', async () => {
    const { stored, feeds, log } = setup();
    log.record(row('a'));
    log.record(row('b'));
    await log.flush();
    expect(stored).toEqual(['a', 'b']);
    expect(feeds.insertFetches).toHaveBeenCalledTimes(1);
  });

  it('keeps the other fetches of a batch when one row is refused, and logs the count only', async () => {
    const { stored, logger, log } = setup();
    log.record(row('a'));
    log.record(row('gone'));
    log.record(row('b'));
    await log.flush();
    expect(stored).toEqual(['a', 'b']);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      { err: { name: 'Error', message: 'violates foreign key constraint' }, rows: 1 },
      'feed fetch log not written',
    );
  });
});
