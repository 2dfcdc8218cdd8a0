import { FairQueue } from './fair-queue';

/** Takes every queued item in service order, starting each one as it is taken. */
function drain(queue: FairQueue<string>): string[] {
  const order: string[] = [];
  for (let next = queue.next(); next; next = queue.next()) {
    queue.started(next.key);
    order.push(next.item);
  }
  return order;
}

describe('FairQueue', () => {
  it('serves clinics in rotation, each in its own arrival order', () => {
    const queue = new FairQueue<string>({ perKey: 10, total: 100 });
    for (const item of ['a1', 'a2', 'a3', 'a4']) queue.push('A', item);
    queue.push('B', 'b1');
    queue.push('B', 'b2');
    queue.push('C', 'c1');
    expect(drain(queue)).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
  });

  it('serves a clinic with fewer running jobs first, then the one served least recently', () => {
    const queue = new FairQueue<string>({ perKey: 10, total: 100 });
    queue.started('A'); // A's first job went straight to a thread
    queue.push('A', 'a2');
    queue.push('A', 'a3');
    queue.push('B', 'b1');
    expect(queue.next()).toEqual({ key: 'B', item: 'b1' });
    queue.started('B');
    queue.finished('A');
    expect(queue.next()).toEqual({ key: 'A', item: 'a2' });
  });

  it('refuses beyond the per-clinic bound, leaving room for other clinics', () => {
    const queue = new FairQueue<string>({ perKey: 2, total: 3 });
    expect(queue.push('A', 'a1')).toBeUndefined();
    expect(queue.push('A', 'a2')).toBeUndefined();
    expect(queue.push('A', 'a3')).toBe('key-full');
    expect(queue.push('B', 'b1')).toBeUndefined();
    expect(queue.push('C', 'c1')).toBe('full');
    expect(queue.waiting).toBe(3);
    expect(queue.waitingFor('A')).toBe(2);
  });

  it('removes a queued item (e.g. one that waited too long) and only once', () => {
    const queue = new FairQueue<string>({ perKey: 5, total: 5 });
    queue.push('A', 'a1');
    queue.push('A', 'a2');
    expect(queue.remove('A', 'a1')).toBe(true);
    expect(queue.remove('A', 'a1')).toBe(false);
    expect(queue.remove('B', 'a2')).toBe(false);
    expect(drain(queue)).toEqual(['a2']);
    expect(queue.waiting).toBe(0);
  });

  it('forgets a clinic with nothing queued or running', () => {
    const queue = new FairQueue<string>({ perKey: 5, total: 5 });
    queue.started('A');
    queue.finished('A');
    expect(queue.runningFor('A')).toBe(0);
    queue.push('B', 'b1');
    queue.push('A', 'a1');
    // Neither has run anything the queue remembers: arrival order among keys decides.
    expect(drain(queue)).toEqual(['b1', 'a1']);
  });
});
