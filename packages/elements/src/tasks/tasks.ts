import type { ItemOf } from '@infoview/sdk';
import { html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { formatWhen } from '../shared/format.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { strings } from '../strings.js';
import { tasksStyles } from './tasks.styles.js';

type Task = ItemOf<'/tasks'>;

const DAY = 86_400_000;

/**
 * The student's open tasks, derived by the rule engine: mark one done, snooze it for a day or
 * dismiss it.
 *
 * @event infoview-task-changed - `{ taskId, status }` after each change.
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @csspart count - the number of open tasks.
 * @csspart list - the list of tasks.
 * @cssproperty --infoview-color-accent - buttons.
 * @cssproperty --infoview-color-muted - secondary text.
 */
@customElement('infoview-tasks')
export class InfoviewTasks extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, tasksStyles];

  @state() private tasks: Task[] = [];

  protected override async load(conn: InfoviewConnection): Promise<void> {
    const tasks = await conn.all('/tasks', { status: 'open' });
    this.tasks = tasks.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  }

  protected override render() {
    const text = strings().tasks;
    return html`<section aria-labelledby="h">
      <h2 id="h">
        ${text.heading}
        ${this.status === 'ready' ? html`<span class="count" part="count">(${text.count(this.tasks.length)})</span>` : ''}
      </h2>
      ${this.renderMessages()} ${this.renderLoaded(() => this.#renderList())}
    </section>`;
  }

  #renderList() {
    const text = strings();
    if (this.tasks.length === 0) return html`<p class="muted">${text.tasks.empty}</p>`;
    return html`<ul class="plain" part="list">
      ${this.tasks.map(
        (task) => html`<li class="card task">
          <div>
            <strong>${task.title}</strong><br />
            <span class="muted">${text.workspace.due(formatWhen(task.dueAt))}</span>
          </div>
          <div class="row">
            <button aria-label=${text.tasks.complete(task.title)} ?disabled=${this.busy} @click=${() =>
              this.#change(task, 'complete')}>${text.tasks.completeLabel}</button>
            <button class="secondary" aria-label=${text.tasks.snooze(task.title)} ?disabled=${this.busy} @click=${() =>
              this.#change(task, 'snooze')}>${text.tasks.snoozeLabel}</button>
            <button class="secondary" aria-label=${text.tasks.dismiss(task.title)} ?disabled=${this.busy} @click=${() =>
              this.#change(task, 'dismiss')}>${text.tasks.dismissLabel}</button>
          </div>
        </li>`,
      )}
    </ul>`;
  }

  async #change(task: Task, verb: 'complete' | 'snooze' | 'dismiss') {
    const text = strings().tasks;
    const done = verb === 'complete' ? text.completed : verb === 'snooze' ? text.snoozed : text.dismissed;
    const params = { params: { path: { id: task.id } } };
    const ok = await this.act(async (conn) => {
      if (!conn.client.etagOf(`/tasks/${task.id}`)) await conn.client.get('/tasks/{id}', params);
      if (verb === 'complete') await conn.client.post('/tasks/{id}/complete', { ...params, body: {} });
      else if (verb === 'dismiss') await conn.client.post('/tasks/{id}/dismiss', { ...params, body: {} });
      else {
        const until = new Date(Math.max(Date.now(), Date.parse(task.dueAt)) + DAY).toISOString();
        await conn.client.post('/tasks/{id}/snooze', { ...params, body: { until } });
      }
    }, done);
    if (ok) this.emit('infoview-task-changed', { taskId: task.id, verb });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'infoview-tasks': InfoviewTasks;
  }
}
