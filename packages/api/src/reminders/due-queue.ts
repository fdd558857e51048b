interface Entry {
  at: number;
  seq: number;
  start: () => void;
}

/** Quiet: nothing running and nothing falling due within this long. */
const QUIET_GAP_MS = 50;

/** Earlier instant first; the same instant in the order it was queued. */
const before = (a: Entry, b: Entry) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/**
 * Runs each task at its instant, never before, earliest first, at most `concurrency` at once —
 * on one timer: 10,000 reminders falling due in one second cost a heap and a timer, not 10,000
 * timers and 10,000 waiting promises, and every batch claimed ahead shares one bound on the
 * channel attempts in flight.
 */
export class DueQueue {
  private readonly heap: Entry[] = [];
  private active = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  /** Waiting for the queue to fall quiet. */
  private quietWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly clock: () => number,
  ) {}

  /** Runs `task` once the clock reached `at` and a place is free; settles with its outcome. */
  run<T>(at: number, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.push({
        at,
        seq: this.seq++,
        start: () => {
          let running: Promise<T>;
          try {
            running = task();
          } catch (error) {
            running = Promise.reject(error);
          }
          running.then(
            (value) => {
              this.active--;
              resolve(value);
              this.pump();
            },
            (error: unknown) => {
              this.active--;
              reject(error);
              this.pump();
            },
          );
        },
      });
      this.pump();
    });
  }

  /**
   * Resolves once nothing runs and nothing falls due within the next 50 ms, or after `maxWaitMs`
   * at the latest: work that can wait (recording outcomes) yields to the sends of a burst.
   */
  quiet(maxWaitMs: number): Promise<void> {
    if (this.isQuiet(this.clock())) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.quietWaiters = this.quietWaiters.filter((w) => w !== waiter);
        resolve();
      }, maxWaitMs);
      this.quietWaiters.push(waiter);
    });
  }

  private isQuiet(now: number): boolean {
    return this.active === 0 && (this.heap.length === 0 || this.heap[0]!.at > now + QUIET_GAP_MS);
  }

  private pump(): void {
    const heap = this.heap;
    if (this.quietWaiters.length > 0 && this.active === 0 && this.isQuiet(this.clock())) {
      const waiters = this.quietWaiters;
      this.quietWaiters = [];
      for (const waiter of waiters) waiter();
    }
    if (heap.length === 0 || this.active >= this.concurrency) return;
    const now = this.clock();
    while (this.active < this.concurrency && heap.length > 0 && heap[0]!.at <= now) {
      const entry = this.pop();
      this.active++;
      entry.start();
    }
    if (this.active >= this.concurrency || heap.length === 0) return;
    // The head is not due yet: one timer for it (re-armed when something earlier arrives).
    const at = heap[0]!.at;
    if (at >= this.timerAt) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(at - now, 1),
    );
  }

  private push(entry: Entry): void {
    const heap = this.heap;
    let i = heap.push(entry) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(entry, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = entry;
  }

  private pop(): Entry {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
        if (!before(heap[child]!, last)) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
