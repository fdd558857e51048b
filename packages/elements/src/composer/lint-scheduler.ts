/**
 * Runs the lint as the student types without ever holding up the caret: each change restarts a
 * short timer (a burst of keys, a paste or auto-repeat is one request), a new request aborts the
 * one still in flight (its answer would describe old text), and only the newest answer is used.
 */
export class LintScheduler<Draft, Result> {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: AbortController | undefined;
  #seq = 0;

  constructor(
    private readonly run: (draft: Draft, signal: AbortSignal) => Promise<Result>,
    private readonly onResult: (result: Result, draft: Draft) => void,
    private readonly onError: (error: unknown) => void,
    /** Milliseconds of quiet before a request. */
    readonly delay = 30,
  ) {}

  /** The draft changed: lint it once typing pauses for `delay` ms (0: now). */
  schedule(draft: Draft, delay = this.delay): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#send(draft), delay);
  }

  async #send(draft: Draft): Promise<void> {
    this.#inFlight?.abort();
    const controller = new AbortController();
    this.#inFlight = controller;
    const seq = ++this.#seq;
    try {
      const result = await this.run(draft, controller.signal);
      if (seq === this.#seq) this.onResult(result, draft);
    } catch (error) {
      if (!controller.signal.aborted && seq === this.#seq) this.onError(error);
    } finally {
      if (this.#inFlight === controller) this.#inFlight = undefined;
    }
  }

  /** Stops the timer and the request in flight (the element left the page, or the draft was recorded). */
  cancel(): void {
    clearTimeout(this.#timer);
    this.#inFlight?.abort();
    this.#inFlight = undefined;
    this.#seq++;
  }
}
