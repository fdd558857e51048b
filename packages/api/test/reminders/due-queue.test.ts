import { describe, expect, it } from 'vitest';
import { DueQueue } from '../../src/reminders/due-queue.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('DueQueue', () => {
  it('runs each task at its instant or after, earliest first, whatever the order queued', async () => {
    const queue = new DueQueue(10, Date.now);
    const t0 = Date.now();
    const started: { name: string; at: number }[] = [];
    const task = (name: string) => async () => {
      started.push({ name, at: Date.now() });
    };
    await Promise.all([
      queue.run(t0 + 60, task('c')),
      queue.run(t0 + 20, task('a')),
      queue.run(t0 + 40, task('b')),
      queue.run(t0 - 1000, task('overdue')),
    ]);
    expect(started.map((s) => s.name)).toEqual(['overdue', 'a', 'b', 'c']);
    for (const [name, due] of [
      ['a', 20],
      ['b', 40],
      ['c', 60],
    ] as const) {
      expect(started.find((s) => s.name === name)!.at).toBeGreaterThanOrEqual(t0 + due);
    }
  });

  it('an earlier task queued while the queue waits for a later one runs at its own time', async () => {
    const queue = new DueQueue(10, Date.now);
    const t0 = Date.now();
    const order: string[] = [];
    const late = queue.run(t0 + 300, async () => {
      order.push('late');
    });
    await sleep(10);
    const early = queue.run(t0 + 40, async () => {
      order.push(`early@${Date.now() - t0 < 250 ? 'on-time' : 'late'}`);
    });
    await Promise.all([late, early]);
    expect(order).toEqual(['early@on-time', 'late']);
  });

  it('never runs more than `concurrency` tasks at once', async () => {
    const queue = new DueQueue(3, Date.now);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        queue.run(Date.now(), async () => {
          running++;
          most = Math.max(most, running);
          await sleep(5);
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it("a task's failure is its caller's (sync or async), and the queue goes on", async () => {
    const queue = new DueQueue(1, Date.now);
    const failing = queue.run(Date.now(), async () => {
      throw new Error('async boom');
    });
    const throwing = queue.run(Date.now(), () => {
      throw new Error('sync boom');
    });
    const fine = queue.run(Date.now(), async () => 42);
    await expect(failing).rejects.toThrow('async boom');
    await expect(throwing).rejects.toThrow('sync boom');
    await expect(fine).resolves.toBe(42);
  });

  it('falls quiet at once when idle, or when nothing runs and nothing is due within 50 ms', async () => {
    const queue = new DueQueue(10, Date.now);
    const t0 = Date.now();
    await queue.quiet(10_000); // idle: resolves now
    expect(Date.now() - t0).toBeLessThan(1000);

    const far = queue.run(Date.now() + 400, async () => {});
    await queue.quiet(10_000); // only a task due later than the gap: quiet
    expect(Date.now() - t0).toBeLessThan(300);

    let release: () => void = () => {};
    const running = queue.run(Date.now(), () => new Promise<void>((r) => (release = r)));
    let quietAt = 0;
    const quiet = queue.quiet(10_000).then(() => (quietAt = Date.now()));
    await sleep(100);
    expect(quietAt).toBe(0); // a task still runs
    const released = Date.now();
    release();
    await Promise.all([running, quiet]);
    expect(quietAt).toBeGreaterThanOrEqual(released);
    await far;
  });

  it('stays busy while tasks keep falling due, until the longest wait', async () => {
    const queue = new DueQueue(1, Date.now);
    const t0 = Date.now();
    // A task due every 20 ms for 600 ms: never 50 ms without one.
    const stream = Promise.all(Array.from({ length: 30 }, (_, i) => queue.run(t0 + i * 20, () => sleep(2))));
    await sleep(5);
    const waited = Date.now();
    await queue.quiet(200);
    const after = Date.now() - waited;
    expect(after).toBeGreaterThanOrEqual(190);
    expect(after).toBeLessThan(500);
    await stream;
    await queue.quiet(10_000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
