import type { ItemOf } from '@infoview/sdk';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { formatWhen } from '../shared/format.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { strings } from '../strings.js';
import { feedStyles } from './feed.styles.js';

type FeedItem = ItemOf<'/feed'>;

/**
 * The in-app reminders the scheduler delivered, newest first, with the unread count.
 *
 * @event infoview-feed-read - `{ itemId }` after an item is marked read.
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @csspart unread - the unread count.
 * @csspart list - the list of reminders.
 * @cssproperty --infoview-color-accent - buttons and the unread marker.
 */
@customElement('infoview-feed')
export class InfoviewFeed extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, feedStyles];

  @state() private items: FeedItem[] = [];

  /** How many reminders are unread (also shown in the heading). */
  get unreadCount(): number {
    return this.items.filter((i) => i.readAt === null).length;
  }

  protected override async load(conn: InfoviewConnection): Promise<void> {
    const items = await conn.all('/feed');
    this.items = items.reverse();
  }

  protected override render() {
    const text = strings().feed;
    return html`<section aria-labelledby="h">
      <h2 id="h">
        ${text.heading}
        ${this.status === 'ready' ? html`<span class="count" part="unread">(${text.unread(this.unreadCount)})</span>` : ''}
      </h2>
      ${this.renderMessages()} ${this.renderLoaded(() => this.#renderList())}
    </section>`;
  }

  #renderList() {
    const text = strings();
    if (this.items.length === 0) return html`<p class="muted">${text.feed.empty}</p>`;
    return html`<ul class="plain" part="list">
      ${this.items.map(
        (item) => html`<li class="card item ${item.readAt === null ? 'unread' : ''}">
          <div>
            <strong>${item.title}</strong><br />
            <span class="muted">${text.workspace.due(formatWhen(item.dueAt))}</span>
            ${item.readAt !== null ? html` <span class="badge">${text.feed.read}</span>` : nothing}
          </div>
          ${
            item.readAt === null
              ? html`<button class="secondary" aria-label=${text.feed.markRead(item.title)} ?disabled=${this.busy}
                @click=${() => this.#markRead(item)}>${text.feed.markReadLabel}</button>`
              : nothing
          }
        </li>`,
      )}
    </ul>`;
  }

  async #markRead(item: FeedItem) {
    const ok = await this.act(
      (conn) => conn.client.post('/feed/{id}/read', { params: { path: { id: item.id } } }),
      strings().feed.marked,
    );
    if (ok) this.emit('infoview-feed-read', { itemId: item.id });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'infoview-feed': InfoviewFeed;
  }
}
