import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time (ms, all threads) a process has used so far, from /proc (Linux), or undefined
 * elsewhere. Per request it says what a request costs, whatever else the machine runs.
 */
export function processCpuMs(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    const perSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
    return (ticks * 1000) / perSecond;
  } catch {
    return undefined;
  }
}
