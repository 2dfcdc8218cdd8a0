/** Why `FairQueue.push` refused an item. */
export type QueueRefusal = 'key-full' | 'full';

/**
 * Bounded per-key FIFO queues served fairly: `next()` takes from the key with the fewest
 * jobs running, ties broken by the key served least recently (round-robin over keys).
 * So one key (a clinic) queueing many jobs delays another key's job by at most one job
 * per worker, and cannot fill the queue beyond `perKey`.
 *
 * Written by hand (about 80 lines) because the queue libraries we looked at (p-queue,
 * piscina's own queue) are FIFO or priority-ordered, with no per-key rotation or bound.
 * Keys with nothing queued and nothing running are forgotten, so memory stays bounded
 * by the jobs in flight.
 */
export class FairQueue<T> {
  private readonly queues = new Map<string, T[]>();
  private readonly running = new Map<string, number>();
  private readonly lastServed = new Map<string, number>();
  private served = 0;
  private total = 0;

  constructor(private readonly limits: { perKey: number; total: number }) {}

  get waiting(): number {
    return this.total;
  }

  waitingFor(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  runningFor(key: string): number {
    return this.running.get(key) ?? 0;
  }

  push(key: string, item: T): QueueRefusal | undefined {
    const queue = this.queues.get(key) ?? [];
    if (queue.length >= this.limits.perKey) return 'key-full';
    if (this.total >= this.limits.total) return 'full';
    queue.push(item);
    this.queues.set(key, queue);
    this.total += 1;
    return undefined;
  }

  /** Takes `item` out of its queue (e.g. it waited too long). False when it is not queued. */
  remove(key: string, item: T): boolean {
    const queue = this.queues.get(key);
    const at = queue?.indexOf(item) ?? -1;
    if (!queue || at < 0) return false;
    queue.splice(at, 1);
    this.total -= 1;
    if (queue.length === 0) this.queues.delete(key);
    this.forgetIfIdle(key);
    return true;
  }

  /** The next item to run, removed from its queue; the caller then calls `started(key)`. */
  next(): { key: string; item: T } | undefined {
    let best: string | undefined;
    for (const key of this.queues.keys()) {
      if (best === undefined || this.before(key, best)) best = key;
    }
    if (best === undefined) return undefined;
    const queue = this.queues.get(best)!;
    const item = queue.shift()!;
    this.total -= 1;
    if (queue.length === 0) this.queues.delete(best);
    return { key: best, item };
  }

  /** A job of `key` started running (taken from the queue or dispatched directly). */
  started(key: string): void {
    this.running.set(key, this.runningFor(key) + 1);
    this.served += 1;
    this.lastServed.set(key, this.served);
  }

  /** A job of `key` finished running. */
  finished(key: string): void {
    this.running.set(key, Math.max(0, this.runningFor(key) - 1));
    this.forgetIfIdle(key);
  }

  private before(a: string, b: string): boolean {
    const runningA = this.runningFor(a);
    const runningB = this.runningFor(b);
    if (runningA !== runningB) return runningA < runningB;
    return (this.lastServed.get(a) ?? 0) < (this.lastServed.get(b) ?? 0);
  }

  private forgetIfIdle(key: string): void {
    if (this.waitingFor(key) > 0 || this.runningFor(key) > 0) return;
    this.queues.delete(key);
    this.running.delete(key);
    this.lastServed.delete(key);
  }
}
