import { PgliteAnalyzer, type AnalyzeLog } from './pglite-analyzer';

const MINUTE = 60_000;

/** A data source whose queries are recorded and settled by the test. */
function fakeDataSource() {
  const queries: { sql: string; settle: (error?: Error) => void }[] = [];
  const query = (sql: string) =>
    new Promise<unknown>((resolve, reject) => {
      queries.push({ sql, settle: (error) => (error ? reject(error) : resolve([])) });
    });
  return { dataSource: { query } as never, queries };
}

const flush = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('PgliteAnalyzer', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('analyzes at boot, then vacuums and analyzes every interval, one statement at a time', async () => {
    const { dataSource, queries } = fakeDataSource();
    const analyzer = new PgliteAnalyzer(dataSource, 10 * MINUTE);
    const booted = analyzer.onApplicationBootstrap();
    expect(queries.map((q) => q.sql)).toEqual(['ANALYZE']);
    queries[0].settle();
    await booted;
    expect(analyzer.runs).toBe(1);

    jest.advanceTimersByTime(10 * MINUTE - 1);
    expect(queries).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(queries.map((q) => q.sql)).toEqual(['ANALYZE', 'VACUUM (ANALYZE)']);
    // Still running at the next tick: joined, not queued behind it.
    jest.advanceTimersByTime(10 * MINUTE);
    void analyzer.analyze();
    expect(queries).toHaveLength(2);
    queries[1].settle();
    await flush();
    expect(analyzer.runs).toBe(2);
  });

  it('never runs with an interval of 0 (PGLITE_ANALYZE_MINUTES=0, or PostgreSQL)', async () => {
    const { dataSource, queries } = fakeDataSource();
    await new PgliteAnalyzer(dataSource, 0).onApplicationBootstrap();
    jest.advanceTimersByTime(24 * 60 * MINUTE);
    expect(queries).toHaveLength(0);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('logs a failed ANALYZE and keeps its schedule', async () => {
    const { dataSource, queries } = fakeDataSource();
    const log: AnalyzeLog = { debug: jest.fn(), error: jest.fn() };
    const analyzer = new PgliteAnalyzer(dataSource, MINUTE, log);
    const booted = analyzer.onApplicationBootstrap();
    queries[0].settle(new Error('disk full'));
    await expect(booted).resolves.toBeUndefined();
    expect(log.error).toHaveBeenCalledWith(
      { err: { name: 'Error', message: 'disk full' } },
      'pglite: ANALYZE failed',
    );
    jest.advanceTimersByTime(MINUTE);
    expect(queries).toHaveLength(2);
    queries[1].settle();
    await flush();
    expect(log.debug).toHaveBeenCalledWith(
      { ms: expect.any(Number) },
      'pglite: VACUUM (ANALYZE) done',
    );
  });

  it('stops on shutdown, after the running ANALYZE has finished', async () => {
    const { dataSource, queries } = fakeDataSource();
    const analyzer = new PgliteAnalyzer(dataSource, MINUTE);
    const booted = analyzer.onApplicationBootstrap();
    queries[0].settle();
    await booted;
    jest.advanceTimersByTime(MINUTE);
    let destroyed = false;
    const destroying = analyzer.onModuleDestroy().then(() => (destroyed = true));
    await flush();
    expect(destroyed).toBe(false);
    queries[1].settle();
    await destroying;
    jest.advanceTimersByTime(10 * MINUTE);
    await analyzer.analyze();
    expect(queries).toHaveLength(2);
    expect(jest.getTimerCount()).toBe(0);
  });
});
