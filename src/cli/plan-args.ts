/** Command-line arguments of `npm run plan`. */
import { parseArgs } from 'node:util';

export interface PlanArgs {
  file: string;
  out?: string;
  timeLimitMs?: number;
  seed?: number;
}

export type ParsedPlanArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; args: PlanArgs }
  | { ok: false; message: string };

export const PLAN_USAGE = `Usage: npm run plan -- problem.json [--out solution.json] [--time-limit MS] [--seed N]

  problem.json       planning problem (format version 1); - reads it from standard input
  --out FILE         write the solution JSON to FILE (checked before planning)
  --time-limit MS    stop the search after MS milliseconds (default: the problem's options, else 10000)
  --seed N           seed for every random choice (default: the problem's options, else 1)
  -h, --help         show this help`;

function integer(
  name: string,
  value: string | undefined,
  min: number,
): number | string | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    return `${name} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, not "${value}"`;
  }
  return Number(value);
}

export function parsePlanArgs(argv: string[]): ParsedPlanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: 'string', short: 'o' },
        'time-limit': { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, help: true };
  if (positionals.length !== 1) {
    return {
      ok: false,
      message:
        positionals.length === 0
          ? 'missing the problem file'
          : `expected one problem file, got ${positionals.length}`,
    };
  }
  const timeLimitMs = integer('--time-limit', values['time-limit'], 1);
  if (typeof timeLimitMs === 'string') return { ok: false, message: timeLimitMs };
  const seed = integer('--seed', values.seed, Number.MIN_SAFE_INTEGER);
  if (typeof seed === 'string') return { ok: false, message: seed };
  const args: PlanArgs = { file: positionals[0] };
  if (values.out !== undefined) args.out = values.out;
  if (timeLimitMs !== undefined) args.timeLimitMs = timeLimitMs;
  if (seed !== undefined) args.seed = seed;
  return { ok: true, help: false, args };
}
