import { ProgressThrottle } from './progress-throttle';

describe('ProgressThrottle', () => {
  it('reports the first improvement at once, then at most once every N moves', () => {
    let reports = 0;
    const t = new ProgressThrottle(3, () => reports++);
    t.move(false);
    expect(reports).toBe(0);
    t.move(true);
    expect(reports).toBe(1);
    t.move(true);
    t.move(true);
    expect(reports).toBe(1);
    t.move(false);
    expect(reports).toBe(2);
    t.move(false);
    t.move(false);
    t.move(false);
    expect(reports).toBe(2);
  });

  it('flush reports a pending improvement once, and nothing without one', () => {
    let reports = 0;
    const t = new ProgressThrottle(100, () => reports++);
    t.move(true);
    t.move(true);
    expect(reports).toBe(1);
    t.flush();
    t.flush();
    expect(reports).toBe(2);
    t.move(false);
    t.flush();
    expect(reports).toBe(2);
  });
});
