/**
 * Reports local-search progress cheaply: a report is due when the score
 * improved, and at most once every `every` moves; `flush` reports a pending
 * improvement (end of a phase).
 */
export class ProgressThrottle {
  private movesSinceReport: number;
  private pending = false;

  constructor(
    private readonly every: number,
    private readonly report: (() => void) | undefined,
  ) {
    this.movesSinceReport = every;
  }

  /** One local-search move done; `improved`: it made the score better. */
  move(improved: boolean): void {
    this.movesSinceReport++;
    if (improved) this.pending = true;
    if (this.movesSinceReport >= this.every) this.flush();
  }

  flush(): void {
    if (!this.pending) return;
    this.pending = false;
    this.movesSinceReport = 0;
    this.report?.();
  }
}
