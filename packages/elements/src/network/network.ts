import type { ItemOf } from '@infoview/sdk';
import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { strings } from '../strings.js';
import { networkStyles } from './network.styles.js';

type Contact = ItemOf<'/contacts'>;
type Interview = ItemOf<'/interviews'>;
type Source = Contact['source'];
type Topic = Interview['topics'][number];

const SOURCES: Source[] = [
  'family',
  'friend',
  'classmate',
  'coworker',
  'supervisor',
  'faculty',
  'alumni_directory',
  'professional_organization',
  'event',
  'online_network',
  'publication',
  'referral',
  'other',
];
const TOPICS: Topic[] = [
  'major_to_career',
  'preparing_for_career',
  'companies_and_positions_fit',
  'organizational_climate',
  'career_change',
];

interface Draft {
  name: string;
  organization: string;
  title: string;
  email: string;
  phone: string;
  source: Source;
  known: boolean;
  foundVia: string;
  topics: Topic[];
}

const emptyDraft = (): Draft => ({
  name: '',
  organization: '',
  title: '',
  email: '',
  phone: '',
  source: 'friend',
  known: true,
  foundVia: '',
  topics: ['major_to_career'],
});

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/**
 * The student's contacts by source, and a form to add one with the guide's hints: who you may
 * already know, and email as the first contact when you do not know the person. Adding a
 * contact also opens an interview with them (state `prospect`).
 *
 * @event infoview-open-interview - `{ interviewId }`: the student chose (or just created) an interview.
 * @event infoview-contact-added - `{ contactId, interviewId }`.
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @csspart form - the add-contact form.
 * @csspart contacts - the list of contacts by source.
 * @cssproperty --infoview-color-accent - buttons and links.
 * @cssproperty --infoview-color-hint-surface - the background of the hints box.
 * @cssproperty --infoview-color-border - borders of cards and fields.
 */
@customElement('infoview-network')
export class InfoviewNetwork extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, networkStyles];

  @state() private contacts: Contact[] = [];
  @state() private interviewOf = new Map<string, string>();
  @state() private draft: Draft = emptyDraft();

  protected override async load(conn: InfoviewConnection): Promise<void> {
    const [contacts, interviews] = await Promise.all([conn.all('/contacts'), conn.all('/interviews')]);
    this.contacts = contacts;
    this.interviewOf = new Map(interviews.map((i: Interview) => [i.contactId, i.id]));
  }

  protected override render() {
    const text = strings();
    return html`<section aria-labelledby="h">
      <h2 id="h">${text.network.heading}</h2>
      ${this.renderMessages()}
      <div class="layout">
        ${this.#renderForm()}
        <div>${this.renderLoaded(() => this.#renderContacts())}</div>
      </div>
    </section>`;
  }

  #set<K extends keyof Draft>(key: K, value: Draft[K]) {
    this.draft = { ...this.draft, [key]: value };
  }

  #renderForm() {
    const text = strings().network;
    const d = this.draft;
    const input = (key: 'name' | 'organization' | 'title' | 'email' | 'phone' | 'foundVia', type = 'text') =>
      html`<div class="field">
        <label for="c-${key}">${text[key]}</label>
        <input
          id="c-${key}"
          type=${type}
          .value=${d[key]}
          ?required=${key === 'name' || (key === 'email' && !d.known)}
          autocomplete="off"
          @input=${(e: Event) => this.#set(key, (e.target as HTMLInputElement).value)}
        />
      </div>`;
    return html`<form part="form" aria-labelledby="add" @submit=${this.#submit}>
      <h3 id="add">${text.addHeading}</h3>
      <div class="hints">
        <h4>${text.hintsHeading}</h4>
        <p class="hint">${text.hints}</p>
      </div>
      ${input('name')}
      <div class="field">
        <label for="c-source">${text.source}</label>
        <select
          id="c-source"
          .value=${d.source}
          @change=${(e: Event) => this.#set('source', (e.target as HTMLSelectElement).value as Source)}
        >
          ${SOURCES.map(
            (s) => html`<option value=${s} ?selected=${s === d.source}>${strings().sources[s]}</option>`,
          )}
        </select>
      </div>
      <div class="field">
        <label class="inline">
          <input
            type="checkbox"
            .checked=${d.known}
            aria-describedby="channel-hint"
            @change=${(e: Event) => this.#set('known', (e.target as HTMLInputElement).checked)}
          />
          ${text.known}
        </label>
        <p id="channel-hint" class="hint">${d.known ? text.phoneOk : text.emailFirst}</p>
      </div>
      ${input('email', 'email')} ${input('phone', 'tel')} ${input('organization')} ${input('title')}
      ${input('foundVia')}
      <fieldset class="topics">
        <legend>${text.topics}</legend>
        ${TOPICS.map(
          (t) => html`<label class="inline">
            <input
              type="checkbox"
              .checked=${d.topics.includes(t)}
              @change=${(e: Event) =>
                this.#set(
                  'topics',
                  (e.target as HTMLInputElement).checked ? [...d.topics, t] : d.topics.filter((x) => x !== t),
                )}
            />
            ${strings().topics[t]}
          </label>`,
        )}
      </fieldset>
      <button type="submit" ?disabled=${this.busy}>${text.submit}</button>
    </form>`;
  }

  async #submit(event: Event) {
    event.preventDefault();
    const d = this.draft;
    let created: { contactId: string; interviewId: string } | undefined;
    const ok = await this.act(async (conn) => {
      const student = await conn.student();
      const contact = await conn.client.post('/contacts', {
        body: {
          studentId: student.id,
          name: d.name.trim(),
          source: d.source,
          known: d.known,
          organization: orNull(d.organization),
          title: orNull(d.title),
          email: orNull(d.email),
          phone: orNull(d.phone),
          foundVia: orNull(d.foundVia),
        },
      });
      const interview = await conn.client.post('/interviews', {
        body: { contactId: contact.id, topics: d.topics },
      });
      created = { contactId: contact.id, interviewId: interview.id };
    }, strings().network.added(d.name.trim()));
    if (ok && created) {
      this.draft = emptyDraft();
      this.emit('infoview-contact-added', created);
      this.emit('infoview-open-interview', { interviewId: created.interviewId });
    }
  }

  #renderContacts() {
    const text = strings();
    if (this.contacts.length === 0) return html`<p class="muted">${text.network.empty}</p>`;
    const bySource = SOURCES.map((s) => [s, this.contacts.filter((c) => c.source === s)] as const).filter(
      ([, list]) => list.length > 0,
    );
    return html`<div part="contacts">
      <p class="muted">${text.network.count(this.contacts.length)}</p>
      ${bySource.map(
        ([source, list]) => html`<section aria-labelledby="src-${source}">
          <h3 id="src-${source}">${text.sources[source]}</h3>
          <ul class="plain">
            ${list.map((c) => this.#renderContact(c))}
          </ul>
        </section>`,
      )}
    </div>`;
  }

  #renderContact(contact: Contact) {
    const text = strings().network;
    const interviewId = this.interviewOf.get(contact.id);
    const about = [contact.title, contact.organization].filter(Boolean).join(', ');
    return html`<li class="card contact">
      <div>
        <strong>${contact.name}</strong>
        ${about ? html`<br /><span class="muted">${about}</span>` : nothing}
        ${contact.known ? html` <span class="badge">${text.knownTag}</span>` : nothing}
      </div>
      ${
        interviewId
          ? html`<button
            class="secondary"
            @click=${() => this.emit('infoview-open-interview', { interviewId })}
          >
            ${text.openInterview(contact.name)}
          </button>`
          : html`<button class="secondary" ?disabled=${this.busy} @click=${() => this.#plan(contact)}>
            ${text.planInterview(contact.name)}
          </button>`
      }
    </li>`;
  }

  async #plan(contact: Contact) {
    let interviewId: string | undefined;
    await this.act(async (conn) => {
      interviewId = (await conn.client.post('/interviews', { body: { contactId: contact.id } })).id;
    }, strings().saved);
    if (interviewId) this.emit('infoview-open-interview', { interviewId });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'infoview-network': InfoviewNetwork;
  }
}
