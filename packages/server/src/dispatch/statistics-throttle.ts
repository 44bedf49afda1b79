// At most one statistics write per instance per interval (default a minute): an agent sends a pass every
// 20 s, the session writes the first at once and then keeps only the newest, writing it when the interval
// since the last write is over. Closing drops what is pending (the session's lease takes the record too).
export class StatisticsThrottle<T> {
  private lastWrite = -Infinity;
  private pending?: T;
  private timer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly intervalMs: number, private readonly write: (value: T) => Promise<void>, private readonly now = () => Date.now()) {}

  offer(value: T): void {
    if (this.closed) return;
    this.pending = value;
    const wait = this.lastWrite + this.intervalMs - this.now();
    if (wait <= 0) return void this.flush();
    this.timer ??= setTimeout(() => void this.flush(), wait);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    const value = this.pending;
    if (value === undefined || this.closed) return;
    this.pending = undefined;
    this.lastWrite = this.now();
    await this.write(value);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.pending = undefined;
  }
}
