import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function boot(env: Record<string, string>) {
  return spawnSync(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('start-up with bad configuration', () => {
  it.each([
    [
      { PORT: 'eighty' },
      'Invalid configuration: PORT must be an integer from 0 to 65535, got "eighty"',
    ],
    [{ LOG_LEVEL: 'chatty' }, 'Invalid configuration: LOG_LEVEL must be one of'],
    [
      { DATABASE_URL: 'mysql://db/app' },
      'Invalid configuration: DATABASE_URL must be a postgres:// URL',
    ],
  ])('%j stops the process with one clear line', (env, message) => {
    const run = boot(env);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });
});
