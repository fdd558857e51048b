import type { ItemOf, ResponseData } from '@infoview/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { aWeekFromNow, formatWhen, toLocalInput } from '../shared/format.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { strings } from '../strings.js';
import { interviewStyles } from './interview.styles.js';

type Interview = ResponseData<'/interviews/{id}', 'get'>;
type Contact = ResponseData<'/contacts/{id}', 'get'>;
type TimelineEntry = ItemOf<'/interviews/{id}/timeline'>;
type QuestionList = ResponseData<'/interviews/{id}/questions', 'get'>;
type BankQuestion = ItemOf<'/questions'>;
type Warning = { message: string };
type PrepItem = keyof Interview['prep'];

const PREP_ITEMS: PrepItem[] = [
  'research_person',
  'research_organization',
  'research_industry',
  'question_list',
  'elevator_pitch',
  'resume',
];
const CATEGORIES = ['job_content', 'career_path', 'preparation', 'fit', 'next_steps'] as const;

/** What the student is typing, kept apart from the loaded interview so a reload never erases it. */
interface Drafts {
  channel?: 'email' | 'phone';
  reply: 'accepted' | 'declined';
  meetingAt?: string;
  duration: number;
  location: string;
  businessCard: boolean;
  askedReferral: boolean;
  prep?: Partial<Record<PrepItem, boolean>>;
  questions?: ({ questionId: string; text: string } | { text: string; questionId?: undefined })[];
  bankChoice: string;
  notes?: string;
  learned?: string;
  referralName: string;
  referralEmail: string;
  referralOrganization: string;
}

const freshDrafts = (): Drafts => ({
  reply: 'accepted',
  duration: 30,
  location: '',
  businessCard: false,
  askedReferral: false,
  bankChoice: '',
  referralName: '',
  referralEmail: '',
  referralOrganization: '',
});

/**
 * One interview: its timeline, the actions its lifecycle state allows now (the API's
 * `allowedEvents`, never re-decided here), the preparation checklist, the question list built
 * from the bank with the open-question check, notes with the points learned, referrals and the
 * thank-you. Sending a message is recorded as a plain step (it went out); a composer plugs in later.
 *
 * @event infoview-interview-changed - `{ interviewId, state }` after each recorded step.
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @csspart actions - the actions allowed now.
 * @csspart timeline - the timeline list.
 * @csspart questions - the question list.
 * @csspart notes - the notes form.
 * @cssproperty --infoview-color-accent - buttons and links.
 * @cssproperty --infoview-color-success - the "passes" message of the question check.
 * @cssproperty --infoview-color-danger - problems and question findings.
 */
@customElement('infoview-interview')
export class InfoviewInterview extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, interviewStyles];

  /** The interview shown. */
  @property({ attribute: 'interview-id' }) interviewId = '';

  /**
   * Whether it shows the interview any component on the page opens (their
   * `infoview-open-interview` event), so a host needs no glue; `follows="false"` turns it off.
   */
  @property({ converter: (value) => value !== 'false' }) follows = true;

  #onOpen = (event: Event) => {
    const id = (event as CustomEvent<{ interviewId?: string }>).detail?.interviewId;
    if (this.follows && id) this.interviewId = id;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('infoview-open-interview', this.#onOpen);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('infoview-open-interview', this.#onOpen);
  }

  @state() private interview: Interview | undefined;
  @state() private contact: Contact | undefined;
  @state() private timeline: TimelineEntry[] = [];
  @state() private questions: QuestionList | undefined;
  @state() private bank: BankQuestion[] = [];
  @state() private warnings: Warning[] = [];
  @state() private drafts: Drafts = freshDrafts();

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // A new interview (set before or after the first render): fresh drafts, a fresh load.
    if (changed.has('interviewId') && this.interview?.id !== this.interviewId) {
      this.drafts = freshDrafts();
      this.warnings = [];
      this.interview = undefined;
      this.status = 'idle';
      if (this.interviewId) void this.reload();
    }
  }

  protected override async load(conn: InfoviewConnection): Promise<void> {
    if (!this.interviewId) return;
    const id = this.interviewId;
    const path = { params: { path: { id } } };
    const [interview, timeline, questions, bank] = await Promise.all([
      conn.client.get('/interviews/{id}', path),
      this.#timeline(conn, id),
      conn.client.get('/interviews/{id}/questions', path),
      this.bank.length ? Promise.resolve(this.bank) : conn.all('/questions'),
    ]);
    const contact = await conn.client.get('/contacts/{id}', {
      params: { path: { id: interview.contactId } },
    });
    if (id !== this.interviewId) return;
    this.interview = interview;
    this.contact = contact;
    this.timeline = timeline;
    this.questions = questions;
    this.bank = bank;
  }

  async #timeline(conn: InfoviewConnection, id: string): Promise<TimelineEntry[]> {
    const page = await conn.client.get('/interviews/{id}/timeline', {
      params: { path: { id }, query: { limit: 200 } },
    });
    return page.data;
  }

  #set<K extends keyof Drafts>(key: K, value: Drafts[K]) {
    this.drafts = { ...this.drafts, [key]: value };
  }

  protected override render() {
    const text = strings().interview;
    if (!this.interviewId) return html`<p class="muted">${text.none}</p>`;
    return html`${this.renderMessages()} ${this.renderLoaded(() => this.#renderInterview())}`;
  }

  #renderInterview() {
    const i = this.interview;
    const c = this.contact;
    if (!i || !c) return html``;
    const text = strings();
    const allowed = new Set(i.allowedEvents);
    return html`<article aria-labelledby="h">
      <h2 id="h">${text.interview.heading(c.name)}</h2>
      <p>
        <span class="muted">${text.interview.state}:</span>
        <span class="badge">${text.states[i.state] ?? i.state}</span>
        ${
          i.meeting
            ? html`<br />${text.interview.meetingAt(formatWhen(i.meeting.at), i.meeting.durationMinutes)}`
            : nothing
        }
      </p>
      ${
        this.warnings.length
          ? html`<div class="notice">
            <h3>${text.warningsHeading}</h3>
            <ul>
              ${this.warnings.map((w) => html`<li>${w.message}</li>`)}
            </ul>
          </div>`
          : nothing
      }
      <div class="layout">
        <section aria-labelledby="actions" class="actions" part="actions">
          <h3 id="actions">${text.interview.actionsHeading}</h3>
          ${this.#renderActions(allowed)}
        </section>
        <div>
          ${allowed.has('update_prep') ? this.#renderPrep() : nothing} ${this.#renderQuestions()}
          ${allowed.has('record_notes') ? this.#renderNotes() : nothing}
          ${allowed.has('record_referral') || i.referralCount > 0 ? this.#renderReferrals(allowed) : nothing}
          ${this.#renderTimeline()}
        </div>
      </div>
    </article>`;
  }

  /** One recorded step: the call, then the warnings it returned (advice, never a refusal). */
  async #step(call: (conn: InfoviewConnection, id: string) => Promise<{ warnings?: Warning[] }>) {
    const id = this.interviewId;
    let warnings: Warning[] = [];
    const ok = await this.act(async (conn) => {
      // Read first so the SDK holds this interview's current ETag and sends it as If-Match.
      if (!conn.client.etagOf(`/interviews/${id}`)) {
        await conn.client.get('/interviews/{id}', { params: { path: { id } } });
      }
      warnings = (await call(conn, id)).warnings ?? [];
    }, strings().saved);
    if (ok) {
      this.warnings = warnings;
      this.emit('infoview-interview-changed', { interviewId: id, state: this.interview?.state });
    }
    return ok;
  }

  #renderActions(allowed: Set<string>) {
    const text = strings();
    const t = text.interview;
    const d = this.drafts;
    const known = this.contact?.known ?? false;
    const parts = [];
    const channelDefault = d.channel ?? 'email';
    const outreach = allowed.has('send_outreach')
      ? 'send_outreach'
      : allowed.has('send_follow_up')
        ? 'send_follow_up'
        : null;
    if (outreach) {
      parts.push(html`<form
        class="card"
        aria-labelledby="outreach"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#step((conn, id) =>
            conn.client.post('/interviews/{id}/attempts', {
              params: { path: { id } },
              body: { channel: channelDefault },
            }),
          );
        }}
      >
        <h4 id="outreach">${outreach === 'send_outreach' ? t.recordOutreach : t.recordFollowUp}</h4>
        <p class="hint">${t.outreachHint} ${known ? text.network.phoneOk : text.network.emailFirst}</p>
        <div class="field">
          <label for="channel">${t.channel}</label>
          <select id="channel" @change=${(e: Event) => this.#set('channel', (e.target as HTMLSelectElement).value as 'email' | 'phone')}>
            ${(['email', 'phone'] as const).map((ch) => html`<option value=${ch} ?selected=${ch === channelDefault}>${text.channels[ch]}</option>`)}
          </select>
        </div>
        <button type="submit" ?disabled=${this.busy}>${outreach === 'send_outreach' ? t.recordOutreach : t.recordFollowUp}</button>
      </form>`);
    }
    if (allowed.has('receive_reply') || allowed.has('schedule_meeting')) {
      const isReply = allowed.has('receive_reply');
      const meetingAt = d.meetingAt ?? toLocalInput(aWeekFromNow());
      parts.push(html`<form
        class="card"
        aria-labelledby="reply"
        @submit=${(e: Event) => {
          e.preventDefault();
          const meeting = {
            at: new Date(meetingAt).toISOString(),
            durationMinutes: d.duration,
            ...(d.location.trim() ? { location: d.location.trim() } : {}),
          };
          void this.#step((conn, id) =>
            isReply
              ? conn.client.post('/interviews/{id}/reply', {
                  params: { path: { id } },
                  body: d.reply === 'accepted' ? { response: 'accepted', meeting } : { response: 'declined' },
                })
              : conn.client.post('/interviews/{id}/meeting', { params: { path: { id } }, body: meeting }),
          ).then((ok) => ok && this.#set('meetingAt', undefined));
        }}
      >
        <h4 id="reply">${isReply ? t.recordReply : t.reschedule}</h4>
        ${
          isReply
            ? html`<fieldset>
              <legend>${t.replyLegend}</legend>
              ${(['accepted', 'declined'] as const).map(
                (r) => html`<label class="inline"
                  ><input
                    type="radio"
                    name="reply"
                    .checked=${d.reply === r}
                    @change=${() => this.#set('reply', r)}
                  />${r === 'accepted' ? t.accepted : t.declined}</label
                >`,
              )}
            </fieldset>`
            : nothing
        }
        ${
          !isReply || d.reply === 'accepted'
            ? html`<div class="field">
                <label for="meeting-at">${t.meetingTime}</label>
                <input id="meeting-at" type="datetime-local" required .value=${meetingAt}
                  @input=${(e: Event) => this.#set('meetingAt', (e.target as HTMLInputElement).value)} />
              </div>
              <div class="field">
                <label for="duration">${t.duration}</label>
                <input id="duration" type="number" min="1" max="1440" required .value=${String(d.duration)}
                  @input=${(e: Event) => this.#set('duration', Number((e.target as HTMLInputElement).value) || 30)} />
              </div>
              <div class="field">
                <label for="location">${t.location}</label>
                <input id="location" type="text" .value=${d.location}
                  @input=${(e: Event) => this.#set('location', (e.target as HTMLInputElement).value)} />
              </div>`
            : nothing
        }
        <button type="submit" ?disabled=${this.busy}>${isReply ? t.recordReply : t.reschedule}</button>
      </form>`);
    }
    if (allowed.has('complete')) {
      parts.push(html`<form
        class="card"
        aria-labelledby="complete"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.#step((conn, id) =>
            conn.client.post('/interviews/{id}/complete', {
              params: { path: { id } },
              body: { businessCardReceived: d.businessCard, askedForReferral: d.askedReferral },
            }),
          );
        }}
      >
        <h4 id="complete">${t.completeLegend}</h4>
        <label class="inline"><input type="checkbox" .checked=${d.businessCard}
          @change=${(e: Event) => this.#set('businessCard', (e.target as HTMLInputElement).checked)} />${t.businessCard}</label>
        <label class="inline"><input type="checkbox" .checked=${d.askedReferral}
          @change=${(e: Event) => this.#set('askedReferral', (e.target as HTMLInputElement).checked)} />${t.askedReferral}</label>
        <button type="submit" ?disabled=${this.busy}>${t.complete}</button>
      </form>`);
    }
    if (allowed.has('send_thank_you')) {
      parts.push(html`<div class="card">
        <p class="hint">${t.thankYouHint}</p>
        <button ?disabled=${this.busy} @click=${() =>
          this.#step((conn, id) =>
            conn.client.post('/interviews/{id}/thank-you', { params: { path: { id } }, body: {} }),
          )}>
          ${t.thankYou}
        </button>
      </div>`);
    }
    const buttons = [];
    if (allowed.has('cancel_meeting')) {
      buttons.push(html`<button class="secondary" ?disabled=${this.busy} @click=${() =>
        this.#step((conn, id) =>
          conn.client.post('/interviews/{id}/meeting/cancel', {
            params: { path: { id } },
            body: { reason: 'cancelled' },
          }),
        )}>
        ${t.cancelMeeting}</button>`);
    }
    if (allowed.has('withdraw')) {
      buttons.push(html`<button class="secondary" ?disabled=${this.busy} @click=${() =>
        this.#step((conn, id) =>
          conn.client.post('/interviews/{id}/withdraw', { params: { path: { id } }, body: {} }),
        )}>
        ${t.withdraw}</button>`);
    }
    if (buttons.length) parts.push(html`<div class="row">${buttons}</div>`);
    if (parts.length === 0) return html`<p class="muted">${allowed.size ? t.onlyRecords : t.noActions}</p>`;
    return parts;
  }

  #renderPrep() {
    const text = strings();
    const saved = this.interview?.prep ?? {};
    const prep = this.drafts.prep ?? saved;
    return html`<form
      class="card"
      aria-labelledby="prep"
      @submit=${(e: Event) => {
        e.preventDefault();
        const items = Object.fromEntries(PREP_ITEMS.map((k) => [k, Boolean(prep[k])]));
        void this.#step((conn, id) =>
          conn.client.post('/interviews/{id}/prep', { params: { path: { id } }, body: { items } }),
        ).then((ok) => ok && this.#set('prep', undefined));
      }}
    >
      <h3 id="prep">${text.interview.prepHeading}</h3>
      ${PREP_ITEMS.map(
        (item) => html`<label class="inline"
          ><input
            type="checkbox"
            .checked=${Boolean(prep[item])}
            @change=${(e: Event) =>
              this.#set('prep', { ...prep, [item]: (e.target as HTMLInputElement).checked })}
          />${text.prepItems[item]}</label
        >`,
      )}
      <button type="submit" ?disabled=${this.busy}>${text.interview.savePrep}</button>
    </form>`;
  }

  #renderQuestions() {
    const text = strings();
    const t = text.interview;
    const list = this.questions;
    if (!list) return nothing;
    const items =
      this.drafts.questions ??
      list.items.map((q) => (q.questionId ? { questionId: q.questionId, text: q.text } : { text: q.text }));
    const unsaved = this.drafts.questions !== undefined;
    const choice =
      this.drafts.bankChoice || this.bank.find((q) => !items.some((i) => i.questionId === q.id))?.id || '';
    return html`<section class="card" aria-labelledby="questions" part="questions">
      <h3 id="questions">${t.questionsHeading}</h3>
      ${
        items.length === 0
          ? html`<p class="muted">${t.noQuestions}</p>`
          : html`<ol>
            ${items.map(
              (q, index) => html`<li>
                <div class="question">
                  <span>${q.text}</span>
                  <button class="secondary" aria-label=${t.removeQuestion(index + 1)}
                    @click=${() =>
                      this.#set(
                        'questions',
                        items.filter((_, i) => i !== index),
                      )}>✕</button>
                </div>
              </li>`,
            )}
          </ol>`
      }
      ${!unsaved && list.passes && items.length > 0 ? html`<p class="pass">${t.passes}</p>` : nothing}
      ${
        !unsaved && list.findings.length
          ? html`<ul class="findings">${list.findings.map((f) => html`<li>${f.message}</li>`)}</ul>`
          : nothing
      }
      <div class="field">
        <label for="bank">${t.bank}</label>
        <select id="bank" @change=${(e: Event) => this.#set('bankChoice', (e.target as HTMLSelectElement).value)}>
          ${CATEGORIES.map(
            (category) => html`<optgroup label=${text.categories[category] ?? category}>
              ${this.bank
                .filter((q) => q.category === category)
                .map((q) => html`<option value=${q.id} ?selected=${q.id === choice}>${q.text}</option>`)}
            </optgroup>`,
          )}
        </select>
      </div>
      <div class="row">
        <button class="secondary" @click=${() => {
          const q = this.bank.find((b) => b.id === choice);
          if (q && !items.some((i) => i.questionId === q.id)) {
            this.drafts = {
              ...this.drafts,
              questions: [...items, { questionId: q.id, text: q.text }],
              bankChoice: '',
            };
          }
        }}>${t.addQuestion}</button>
        <button ?disabled=${this.busy} @click=${() => this.#saveQuestions(items)}>${t.saveQuestions}</button>
      </div>
    </section>`;
  }

  async #saveQuestions(items: NonNullable<Drafts['questions']>) {
    const id = this.interviewId;
    const ok = await this.act(async (conn) => {
      if (!conn.client.etagOf(`/interviews/${id}/questions`)) {
        await conn.client.get('/interviews/{id}/questions', { params: { path: { id } } });
      }
      await conn.client.put('/interviews/{id}/questions', {
        params: { path: { id } },
        body: { items: items.map((q) => (q.questionId ? { questionId: q.questionId } : { text: q.text })) },
      });
    }, strings().saved);
    if (ok) this.#set('questions', undefined);
  }

  #renderNotes() {
    const t = strings().interview;
    const i = this.interview!;
    const notes = this.drafts.notes ?? '';
    const learned = this.drafts.learned ?? i.learnedPoints.join('\n');
    return html`<form
      class="card"
      aria-labelledby="notes-h"
      part="notes"
      @submit=${(e: Event) => {
        e.preventDefault();
        const learnedPoints = learned
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        void this.#step((conn, id) =>
          conn.client.post('/interviews/{id}/notes', {
            params: { path: { id } },
            body: { notes, learnedPoints },
          }),
        ).then((ok) => {
          if (ok) this.drafts = { ...this.drafts, notes: undefined, learned: undefined };
        });
      }}
    >
      <h3 id="notes-h">${t.notesHeading}</h3>
      ${
        i.learnedPoints.length
          ? html`<h4>${t.learnedHeading}</h4>
            <ul>
              ${i.learnedPoints.map((p) => html`<li>${p}</li>`)}
            </ul>`
          : nothing
      }
      <div class="field">
        <label for="notes">${t.notes}</label>
        <textarea id="notes" required .value=${notes}
          @input=${(e: Event) => this.#set('notes', (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <div class="field">
        <label for="learned">${t.learned}</label>
        <textarea id="learned" .value=${learned}
          @input=${(e: Event) => this.#set('learned', (e.target as HTMLTextAreaElement).value)}></textarea>
      </div>
      <button type="submit" ?disabled=${this.busy}>${t.saveNotes}</button>
    </form>`;
  }

  #renderReferrals(allowed: Set<string>) {
    const t = strings().interview;
    const i = this.interview!;
    const d = this.drafts;
    return html`<section class="card" aria-labelledby="referrals">
      <h3 id="referrals">${t.referralsHeading}</h3>
      <p class="muted">${t.referralCount(i.referralCount)}</p>
      ${
        allowed.has('record_referral')
          ? html`<form
            @submit=${(e: Event) => {
              e.preventDefault();
              void this.#step((conn, id) =>
                conn.client.post('/interviews/{id}/referrals', {
                  params: { path: { id } },
                  body: {
                    name: d.referralName.trim(),
                    contact: {
                      email: d.referralEmail.trim() || null,
                      organization: d.referralOrganization.trim() || null,
                    },
                  },
                }),
              ).then((ok) => {
                if (ok)
                  this.drafts = {
                    ...this.drafts,
                    referralName: '',
                    referralEmail: '',
                    referralOrganization: '',
                  };
              });
            }}
          >
            <div class="field">
              <label for="ref-name">${t.referralName}</label>
              <input id="ref-name" required .value=${d.referralName}
                @input=${(e: Event) => this.#set('referralName', (e.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="ref-email">${t.referralEmail}</label>
              <input id="ref-email" type="email" .value=${d.referralEmail}
                @input=${(e: Event) => this.#set('referralEmail', (e.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="ref-org">${t.referralOrganization}</label>
              <input id="ref-org" .value=${d.referralOrganization}
                @input=${(e: Event) => this.#set('referralOrganization', (e.target as HTMLInputElement).value)} />
            </div>
            <div class="row">
              <button type="submit" ?disabled=${this.busy}>${t.addReferral}</button>
              ${
                allowed.has('record_no_referral') && i.referralCount === 0 && !i.noReferralAvailable
                  ? html`<button type="button" class="secondary" ?disabled=${this.busy} @click=${() =>
                      this.#step((conn, id) =>
                        conn.client.post('/interviews/{id}/no-referral', {
                          params: { path: { id } },
                          body: {},
                        }),
                      )}>
                    ${t.noReferral}</button>`
                  : nothing
              }
            </div>
          </form>`
          : nothing
      }
    </section>`;
  }

  #renderTimeline() {
    const text = strings();
    const t = text.interview;
    return html`<section class="card" aria-labelledby="timeline">
      <h3 id="timeline">${t.timelineHeading}</h3>
      ${
        this.timeline.length === 0
          ? html`<p class="muted">${t.timelineEmpty}</p>`
          : html`<ol class="timeline" part="timeline">
            ${this.timeline.map(
              (e) => html`<li>
                <strong>${text.events[e.type] ?? e.type}</strong> — ${formatWhen(e.at)}
                <span class="muted">(${t.transition(text.states[e.from] ?? e.from, text.states[e.to] ?? e.to)})</span>
              </li>`,
            )}
          </ol>`
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'infoview-interview': InfoviewInterview;
  }
}
