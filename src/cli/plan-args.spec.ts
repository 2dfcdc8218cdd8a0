import { parsePlanArgs } from './plan-args';

describe('parsePlanArgs', () => {
  it('reads the problem file and every option', () => {
    expect(
      parsePlanArgs(['p.json', '--out', 's.json', '--time-limit', '5000', '--seed', '42']),
    ).toEqual({
      ok: true,
      help: false,
      args: { file: 'p.json', out: 's.json', timeLimitMs: 5000, seed: 42 },
    });
  });

  it('accepts options before the file and --opt=value', () => {
    expect(parsePlanArgs(['--seed=-3', 'p.json'])).toEqual({
      ok: true,
      help: false,
      args: { file: 'p.json', seed: -3 },
    });
  });

  it('leaves out options not given', () => {
    expect(parsePlanArgs(['p.json'])).toEqual({ ok: true, help: false, args: { file: 'p.json' } });
  });

  it('answers --help', () => {
    expect(parsePlanArgs(['-h'])).toEqual({ ok: true, help: true });
  });

  it.each([
    [[], /missing the problem file/],
    [['a.json', 'b.json'], /one problem file, got 2/],
    [['p.json', '--time-limit', 'soon'], /--time-limit must be a whole number/],
    [['p.json', '--time-limit', '0'], /at least 1/],
    [['p.json', '--seed', '1.5'], /--seed must be a whole number/],
    [['p.json', '--verbose'], /Unknown option '--verbose'/],
    [['p.json', '--out'], /argument missing/],
  ])('rejects %j', (argv, message) => {
    const result = parsePlanArgs(argv as string[]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
