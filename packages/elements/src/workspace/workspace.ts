import type { ItemOf } from '@infoview/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { formatWhen } from '../shared/format.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { strings } from '../strings.js';
import { workspaceStyles } from './workspace.styles.js';

type Task = ItemOf<'/tasks'>;
type Interview = ItemOf<'/interviews'>;
type Contact = ItemOf<'/contacts'>;

/** The lifecycle's states in the order a pipeline reads. */
const PIPELINE = [
  'prospect',
  'awaiting_reply',
  'followed_up',
  'scheduled',
  'completed',
  'nurturing',
  'declined',
  'unresponsive',
  'cancelled',
  'withdrawn',
] as const;

const NEXT_SHOWN = 5;

/**
 * The student's home: what is due today and next, and every interview by lifecycle state.
 *
 * @event infoview-open-interview - `{ interviewId }`: the student chose an interview.
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @csspart today - the "due today" list.
 * @csspart next - the "coming up" list.
 * @csspart pipeline - the pipeline grid.
 * @cssproperty --infoview-color-accent - buttons and links (default #1a56db).
 * @cssproperty --infoview-color-text - body text.
 * @cssproperty --infoview-color-surface - background.
 * @cssproperty --infoview-color-border - borders of cards and fields.
 * @cssproperty --infoview-font-family - the font.
 * @cssproperty --infoview-focus-color - the focus ring.
 */
@customElement('infoview-workspace')
export class InfoviewWorkspace extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, workspaceStyles];

  @state() private tasks: Task[] = [];
  @state() private interviews: Interview[] = [];
  @state() private names = new Map<string, string>();
  #marking = false;

  protected override async load(conn: InfoviewConnection): Promise<void> {
    const [tasks, interviews, contacts] = await Promise.all([
      conn.all('/tasks', { status: 'open' }),
      conn.all('/interviews'),
      conn.all('/contacts'),
    ]);
    this.show(tasks, interviews, contacts);
  }

  /** Sets the data; a render that follows is measured as `infoview-workspace:render`. */
  show(tasks: Task[], interviews: Interview[], contacts: Contact[]): void {
    // Only a workspace on the page measures itself (a removed one may still receive its data).
    if (this.isConnected) {
      performance.mark('infoview-workspace:data');
      this.#marking = true;
    }
    this.tasks = [...tasks].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    this.interviews = interviews;
    this.names = new Map(contacts.map((c: Contact) => [c.id, c.name]));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#marking && this.status === 'ready') {
      this.#marking = false;
      performance.mark('infoview-workspace:rendered');
      performance.measure(
        'infoview-workspace:render',
        'infoview-workspace:data',
        'infoview-workspace:rendered',
      );
    }
  }

  protected override render() {
    const text = strings();
    return html`<section aria-labelledby="h">
      <h2 id="h">${text.workspace.heading}</h2>
      ${this.renderMessages()} ${this.renderLoaded(() => this.#renderContent())}
    </section>`;
  }

  #renderContent() {
    const text = strings();
    const endOfToday = new Date();
    endOfToday.setHours(23, 59, 59, 999);
    const today = this.tasks.filter((t) => Date.parse(t.dueAt) <= endOfToday.getTime());
    const next = this.tasks.filter((t) => Date.parse(t.dueAt) > endOfToday.getTime()).slice(0, NEXT_SHOWN);
    const byState = new Map<string, Interview[]>();
    for (const interview of this.interviews) {
      const list = byState.get(interview.state) ?? [];
      list.push(interview);
      byState.set(interview.state, list);
    }
    return html`
      <div class="columns">
        <section aria-labelledby="today">
          <h3 id="today">${text.workspace.dueToday}</h3>
          ${
            today.length === 0
              ? html`<p class="muted">${text.workspace.nothingToday}</p>`
              : html`<ul part="today">${today.map((t) => this.#renderTask(t))}</ul>`
          }
        </section>
        <section aria-labelledby="next">
          <h3 id="next">${text.workspace.dueNext}</h3>
          ${
            next.length === 0
              ? html`<p class="muted">${text.workspace.nothingNext}</p>`
              : html`<ul part="next">${next.map((t) => this.#renderTask(t))}</ul>`
          }
        </section>
      </div>
      <section aria-labelledby="pipeline">
        <h3 id="pipeline">${text.workspace.pipeline}</h3>
        ${
          this.interviews.length === 0
            ? html`<p class="muted">${text.workspace.empty}</p>`
            : html`<div class="columns" part="pipeline">
              ${PIPELINE.filter((s) => byState.has(s)).map((s) => this.#renderState(s, byState.get(s)!))}
            </div>`
        }
      </section>
    `;
  }

  #renderTask(task: Task) {
    const text = strings();
    const name = task.contactId ? this.names.get(task.contactId) : undefined;
    return html`<li>
      ${
        task.interviewId && name
          ? html`<button class="link" @click=${() => this.#open(task.interviewId!)}>${task.title}</button>`
          : task.title
      }
      <span class="muted">— ${text.workspace.due(formatWhen(task.dueAt))}</span>
    </li>`;
  }

  #renderState(stateName: string, interviews: Interview[]) {
    const text = strings();
    const id = `state-${stateName}`;
    return html`<section class="state" aria-labelledby=${id}>
      <h4 id=${id}>
        <span>${text.states[stateName] ?? stateName}</span>
        <span class="muted">${text.workspace.count(interviews.length)}</span>
      </h4>
      <ul class="plain">
        ${interviews.map((i) => {
          const name = this.names.get(i.contactId) ?? '—';
          return html`<li>
            <button class="link" aria-label=${text.workspace.open(name)} @click=${() => this.#open(i.id)}>
              ${name}
            </button>
            ${i.meeting ? html`<span class="muted">${formatWhen(i.meeting.at)}</span>` : nothing}
          </li>`;
        })}
      </ul>
    </section>`;
  }

  #open(interviewId: string) {
    this.emit('infoview-open-interview', { interviewId });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'infoview-workspace': InfoviewWorkspace;
  }
}
