import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { connectionFor, defaultConnection, onConfigure } from '../connection/default-connection.js';
import { strings } from '../strings.js';
import { baseStyles } from './base.styles.js';
import { isStaleWrite, type ShownProblem, showProblem } from './problem.js';

type Status = 'idle' | 'loading' | 'ready' | 'error';

/**
 * What every Infoview component does the same way: finds its connection, loads its data (again
 * after any write on the connection), and shows loading, error and status messages in live
 * regions. A write that meets a stale ETag (412) is announced and the view reloads; drafts are
 * kept in the component's own state, never in the loaded data, so nothing typed is lost.
 */
export abstract class InfoviewElement extends LitElement {
  static override styles = [baseStyles];

  /** The connection to use; without one, `fetchClientSecret` (and `base-url`), else the page's `configure()`. */
  @property({ attribute: false }) connection: InfoviewConnection | undefined;

  /** The host's callback resolving to a session's client secret (see docs/embedding.md). */
  @property({ attribute: false }) fetchClientSecret: (() => Promise<string>) | undefined;

  /** Where the Infoview API is served; the page's own origin when absent. */
  @property({ attribute: 'base-url' }) baseUrl: string | undefined;

  @state() protected status: Status = 'idle';
  @state() protected loadProblem: ShownProblem | undefined;
  @state() protected actionProblem: ShownProblem | undefined;
  @state() protected statusMessage = '';
  @state() protected busy = false;

  #unsubscribe: (() => void) | undefined;
  #listening: InfoviewConnection | undefined;
  #onChange = () => {
    if (!this.busy) void this.reload();
  };
  #loadSeq = 0;

  protected get conn(): InfoviewConnection | undefined {
    if (this.connection) return this.connection;
    if (this.fetchClientSecret) return connectionFor(this.baseUrl ?? location.origin, this.fetchClientSecret);
    return defaultConnection();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = onConfigure(() => this.#attach());
    this.#attach();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#listening?.removeEventListener('change', this.#onChange);
    this.#listening = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = changed.has('connection') || changed.has('fetchClientSecret') || changed.has('baseUrl');
    if (source && this.isConnected) this.#attach();
  }

  #attach() {
    const conn = this.conn;
    if (!conn || conn === this.#listening) return;
    this.#listening?.removeEventListener('change', this.#onChange);
    conn.addEventListener('change', this.#onChange);
    this.#listening = conn;
    void this.reload();
  }

  /** Fetches what the component shows; called on connect, after writes, and by the host. */
  protected abstract load(conn: InfoviewConnection): Promise<void>;

  /** Loads again (the host may call it, e.g. after its own changes). */
  async reload(): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    const seq = ++this.#loadSeq;
    if (this.status !== 'ready') this.status = 'loading';
    try {
      await this.load(conn);
      if (seq !== this.#loadSeq) return;
      this.loadProblem = undefined;
      this.status = 'ready';
    } catch (error) {
      if (seq !== this.#loadSeq) return;
      this.loadProblem = showProblem(error);
      this.status = 'error';
    }
  }

  /**
   * Runs one write. On success announces `done` and reloads; on a 412 announces the stale view
   * and reloads; on any other problem shows its title and detail. Returns whether it succeeded.
   */
  protected async act(write: (conn: InfoviewConnection) => Promise<unknown>, done: string): Promise<boolean> {
    const conn = this.conn;
    if (!conn || this.busy) return false;
    this.busy = true;
    this.actionProblem = undefined;
    this.statusMessage = strings().saving;
    try {
      await write(conn);
      this.statusMessage = done;
      await this.reload();
      return true;
    } catch (error) {
      if (isStaleWrite(error)) {
        this.statusMessage = '';
        this.actionProblem = { ...showProblem(error), detail: strings().staleWrite };
        await this.reload();
      } else {
        this.statusMessage = '';
        this.actionProblem = showProblem(error);
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** The live regions: polite status, assertive error (present from the start so they are announced). */
  protected renderMessages(): TemplateResult {
    const problem = this.actionProblem;
    return html`
      <p class="status" role="status" part="status">${this.statusMessage}</p>
      <div role="alert" part="error">
        ${
          problem
            ? html`<div class="problem">
              <p><strong>${problem.title}</strong></p>
              ${problem.detail ? html`<p>${problem.detail}</p>` : nothing}
            </div>`
            : nothing
        }
      </div>
    `;
  }

  /** Loading, load error or the content. */
  protected renderLoaded(content: () => TemplateResult): TemplateResult {
    const text = strings();
    if (!this.conn) return html`<p class="muted">${text.notConfigured}</p>`;
    if (this.status === 'error' && this.loadProblem) {
      return html`<div class="problem" role="alert" part="error">
        <p><strong>${this.loadProblem.title}</strong></p>
        ${this.loadProblem.detail ? html`<p>${this.loadProblem.detail}</p>` : nothing}
        <button class="secondary" @click=${() => this.reload()}>${text.retry}</button>
      </div>`;
    }
    if (this.status !== 'ready') {
      return html`<p role="status" part="loading" class="muted">${text.loading}</p>`;
    }
    return content();
  }

  protected emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}
