import type { ResponseData } from '@infoview/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { type ShownProblem, showProblem } from '../shared/problem.js';
import { strings } from '../strings.js';
import { composerStyles } from './composer.styles.js';
import { drafts } from './drafts.js';
import { isStepKind, kindsFor } from './kinds.js';
import { LintScheduler } from './lint-scheduler.js';
import { segmentsOf, shiftSpans } from './spans.js';

type Interview = ResponseData<'/interviews/{id}', 'get'>;
type Contact = ResponseData<'/contacts/{id}', 'get'>;
type Kind = ResponseData<'/messages/render', 'post'>['kind'];
export type ComposerFinding = ResponseData<'/messages/lint', 'post'>['findings'][number];
type Field = 'subject' | 'body';
interface Draft {
  kind: Kind;
  subject: string;
  body: string;
}

/** Quiet typing, after the quick check's delay, before the full check with suggestions. */
const FULL_LINT_PAUSE_MS = 400;

const SEVERITY_ORDER = { error: 0, warning: 1, hint: 2 } as const;

/**
 * Writes the interview's next message where the student types it: the kind its state calls for,
 * the template filled in by the API, then the guide's lint as they type (debounced, superseded
 * requests aborted), each finding marked on its span in the text, listed in order with the rule,
 * the guide's passage and the fix, and announced in a live region. The student sends it from their
 * own mail app ("copy", "open in my mail app") and records it as sent: the message and its
 * lifecycle step in one call with If-Match. Drafts are kept per interview and kind in
 * `localStorage` until recorded.
 *
 * @event infoview-message-recorded - `{ interviewId, kind, state }` after "record as sent".
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @csspart editor - the subject and message fields with their marks.
 * @csspart mark - a marked span (also `mark-error`, `mark-warning`, `mark-hint`).
 * @csspart findings - the list of findings.
 * @csspart lacks - what the message still lacks.
 * @csspart send - copy, mail app and record.
 * @cssproperty --infoview-mark-error - background of an error's span.
 * @cssproperty --infoview-mark-warning - background of a warning's span.
 * @cssproperty --infoview-mark-hint - background of a hint's span.
 */
@customElement('infoview-composer')
export class InfoviewComposer extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, composerStyles];

  /** The interview written for. */
  @property({ attribute: 'interview-id' }) interviewId = '';

  /** A message kind to start with instead of the one the interview's state calls for. */
  @property() kind: string | undefined;

  /**
   * Whether it writes for the interview any component on the page opens (their
   * `infoview-open-interview` event); `follows="false"` turns it off.
   */
  @property({ converter: (value) => value !== 'false' }) follows = true;

  /** Milliseconds of quiet typing before the lint runs. */
  @property({ type: Number, attribute: 'lint-delay' }) lintDelay = 30;

  @state() private interview: Interview | undefined;
  @state() private contact: Contact | undefined;
  @state() private draft: Draft | undefined;
  @state() private findings: ComposerFinding[] = [];
  @state() private linted = false;
  @state() private lintProblem = false;
  @state() private renderProblem: ShownProblem | undefined;
  @state() private announcement = '';
  @state() private confirming = false;
  @state() private note = '';

  @query('#body') private bodyField!: HTMLTextAreaElement;
  @query('#subject') private subjectField!: HTMLInputElement;

  #loadedFor = '';
  /** Suggested fixes already worked out, by misspelled word: the quick check does not send them. */
  #fixes = new Map<string, { replacement: string }>();
  // Two passes: the quick check marks the spans as the student types; the full one, after a
  // longer pause, adds the spelling suggestions (slow to work out) and is superseded alike.
  #lint = new LintScheduler<Draft, ComposerFinding[]>(
    (draft, signal) => this.#runLint(draft, signal, 0),
    (findings, draft) => this.#applyLint(findings, draft),
    () => {
      this.lintProblem = true;
    },
  );
  #fullLint = new LintScheduler<Draft, ComposerFinding[]>(
    (draft, signal) => this.#runLint(draft, signal, 3),
    (findings, draft) => this.#applyLint(findings, draft),
    () => {
      this.lintProblem = true;
    },
  );

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
    this.#cancelLint();
  }

  #cancelLint(): void {
    this.#lint.cancel();
    this.#fullLint.cancel();
  }

  /** The draft changed: the quick check soon, the full one when typing pauses for longer. */
  #scheduleLint(draft: Draft, delay = this.lintDelay): void {
    this.#lint.schedule(draft, delay);
    this.#fullLint.cancel();
    this.#fullLint.schedule(draft, delay + FULL_LINT_PAUSE_MS);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('interviewId') && this.#loadedFor !== this.interviewId) {
      this.#cancelLint();
      this.interview = undefined;
      this.draft = undefined;
      this.findings = [];
      this.status = 'idle';
      if (this.interviewId) void this.reload();
    }
  }

  protected override async load(conn: InfoviewConnection): Promise<void> {
    if (!this.interviewId) return;
    const id = this.interviewId;
    // The interview read also leaves its ETag with the SDK: "record as sent" sends it as If-Match.
    const interview = await conn.client.get('/interviews/{id}', { params: { path: { id } } });
    const contact = await conn.client.get('/contacts/{id}', {
      params: { path: { id: interview.contactId } },
    });
    if (id !== this.interviewId) return;
    const kinds = kindsFor(interview, contact);
    const wanted = this.draft?.kind ?? this.kind;
    const kind = (wanted && kinds.includes(wanted) ? wanted : kinds[0]) as Kind | undefined;
    const stateChanged = this.interview?.state !== interview.state;
    this.#loadedFor = id;
    this.interview = interview;
    this.contact = contact;
    // A reload after someone else's write keeps what is typed; a new state starts the new kind.
    if (kind && (!this.draft || this.draft.kind !== kind || (stateChanged && !this.draft.body))) {
      await this.#startKind(conn, kind);
    } else if (!kind) {
      this.draft = undefined;
    }
  }

  /** The stored draft of `kind`, else the template filled in by the API. */
  async #startKind(conn: InfoviewConnection, kind: Kind, fresh = false): Promise<void> {
    const id = this.interviewId;
    this.renderProblem = undefined;
    this.findings = [];
    this.linted = false;
    const stored = fresh ? undefined : drafts.load(id, kind);
    if (stored) {
      this.draft = { kind, subject: stored.subject, body: stored.body };
      this.note = strings().composer.restored;
    } else {
      this.draft = { kind, subject: '', body: '' };
      this.note = strings().composer.rendering;
      try {
        const rendered = await conn.client.post('/messages/render', { body: { kind, interviewId: id } });
        if (this.draft?.kind !== kind || id !== this.interviewId) return;
        this.draft = { kind, subject: rendered.subject, body: rendered.body };
        this.note = '';
      } catch (error) {
        this.note = '';
        this.renderProblem = showProblem(error);
      }
    }
    this.#scheduleLint(this.draft, 0);
  }

  #runLint(draft: Draft, signal: AbortSignal, suggestions: number): Promise<ComposerFinding[]> {
    const conn = this.conn;
    if (!conn) return Promise.resolve([]);
    return conn.client
      .post('/messages/lint', {
        body: {
          kind: draft.kind,
          subject: draft.subject,
          body: draft.body,
          interviewId: this.interviewId,
          suggestions,
        },
        signal,
      })
      .then((result) => result.findings);
  }

  #applyLint(answer: ComposerFinding[], sent: Draft): void {
    let found = answer;
    const now = this.draft;
    if (!now || now.kind !== sent.kind) return;
    found = found.map((f) => {
      const word = sent[f.field].slice(f.start, f.end);
      if (f.check !== 'spelling') return f;
      if (f.fix) {
        this.#fixes.set(word, f.fix);
        return f;
      }
      const known = this.#fixes.get(word);
      return known ? { ...f, fix: known } : f;
    });
    // The answer describes the text as sent; text typed since moves its spans (or drops them).
    let next = shiftSpans(found, 'subject', sent.subject, now.subject);
    next = shiftSpans(next, 'body', sent.body, now.body);
    this.lintProblem = false;
    const before = this.linted ? this.#summary(this.findings) : '';
    this.findings = next;
    this.linted = true;
    const after = this.#summary(next);
    // Announced when what was found changes, not on every keystroke.
    if (after !== before) this.announcement = after;
    performance.mark('infoview-composer:highlighted');
  }

  #summary(findings: readonly ComposerFinding[]): string {
    const count = (s: string) => findings.filter((f) => f.severity === s).length;
    return strings().composer.announce(count('error'), count('warning'), count('hint'));
  }

  /** One edit of a field: the marks follow the text at once, the lint runs when typing pauses. */
  #edit(field: Field, value: string): void {
    const draft = this.draft;
    if (!draft) return;
    const next = { ...draft, [field]: value };
    this.findings = shiftSpans(this.findings, field, draft[field], value);
    this.draft = next;
    this.note = '';
    drafts.save(this.interviewId, next.kind, next);
    this.#scheduleLint(next);
  }

  #applyFix(index: number, refocus = true): void {
    const finding = this.findings[index];
    const draft = this.draft;
    if (!finding?.fix || !draft) return;
    const text = draft[finding.field];
    const replacement = finding.fix.replacement;
    const value = text.slice(0, finding.start) + replacement + text.slice(finding.end);
    this.findings = this.findings.filter((_, i) => i !== index);
    this.#edit(finding.field, value);
    this.announcement = strings().composer.applied(replacement);
    if (refocus)
      void this.#select(
        finding.field,
        finding.start + replacement.length,
        finding.start + replacement.length,
      );
  }

  /** Puts the caret (or a selection) on a span of a field, scrolled into view. */
  async #select(field: Field, start: number, end: number): Promise<void> {
    await this.updateComplete;
    const input = field === 'subject' ? this.subjectField : this.bodyField;
    if (!input) return;
    input.focus();
    input.setSelectionRange(start, end);
    this.#syncScroll(field);
  }

  #jump(index: number): void {
    const f = this.findings[index];
    if (f) void this.#select(f.field, f.start, f.end);
  }

  #onKeydown(field: Field, event: KeyboardEvent): void {
    if (event.key !== 'Enter' || !event.altKey) return;
    const input = event.target as HTMLTextAreaElement | HTMLInputElement;
    const caret = input.selectionStart ?? 0;
    const index = this.findings.findIndex(
      (f) => f.field === field && f.fix && f.start <= caret && caret <= f.end && f.end > f.start,
    );
    if (index < 0) return;
    event.preventDefault();
    this.#applyFix(index);
  }

  #syncScroll(field: Field): void {
    const input = field === 'subject' ? this.subjectField : this.bodyField;
    const mirror = this.renderRoot.querySelector<HTMLElement>(`#${field}-marks`);
    if (input && mirror) {
      mirror.scrollTop = input.scrollTop;
      mirror.scrollLeft = input.scrollLeft;
    }
  }

  async #copy(text: string): Promise<void> {
    const t = strings().composer;
    try {
      await navigator.clipboard.writeText(text);
      this.statusMessage = t.copied;
    } catch {
      this.statusMessage = t.copyFailed;
    }
  }

  #mailto(): string | undefined {
    const email = this.contact?.email;
    const draft = this.draft;
    if (!email || !draft) return undefined;
    // RFC 6068: line breaks in a mailto body are CRLF, percent-encoded.
    const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
    return `mailto:${encodeURIComponent(email)}?subject=${enc(draft.subject)}&body=${enc(draft.body)}`;
  }

  #errors(): number {
    return this.findings.filter((f) => f.severity === 'error').length;
  }

  async #record(confirmed: boolean): Promise<void> {
    const draft = this.draft;
    if (!draft?.body.trim()) return;
    if (!confirmed && this.#errors() > 0) {
      this.confirming = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLButtonElement>('#confirm-no')?.focus();
      return;
    }
    this.confirming = false;
    const id = this.interviewId;
    let state = this.interview?.state ?? '';
    const subject = draft.subject.trim() ? draft.subject : null;
    const ok = await this.act(
      async (conn) => {
        if (!conn.client.etagOf(`/interviews/${id}`)) {
          await conn.client.get('/interviews/{id}', { params: { path: { id } } });
        }
        if (isStepKind(draft.kind)) {
          const result = await conn.client.post('/interviews/{id}/messages', {
            params: { path: { id } },
            body: { kind: draft.kind, subject, body: draft.body },
          });
          state = result.interview.state;
        } else {
          await conn.client.post('/messages', {
            body: { kind: draft.kind, subject, body: draft.body, interviewId: id },
          });
        }
        drafts.clear(id, draft.kind);
        // The next message of this interview starts from its template.
        this.draft = undefined;
        this.#cancelLint();
      },
      strings().composer.recorded(strings().states[state] ?? state),
    );
    if (ok) {
      this.statusMessage = strings().composer.recorded(
        strings().states[this.interview?.state ?? state] ?? state,
      );
      this.emit('infoview-message-recorded', {
        interviewId: id,
        kind: draft.kind,
        state: this.interview?.state,
      });
    }
  }

  protected override render() {
    const text = strings().composer;
    if (!this.interviewId) return html`<p class="muted">${text.none}</p>`;
    return html`${this.renderMessages()} ${this.renderLoaded(() => this.#renderComposer())}`;
  }

  #renderComposer() {
    const i = this.interview;
    const c = this.contact;
    if (!i || !c) return html``;
    const text = strings();
    const t = text.composer;
    const kinds = kindsFor(i, c);
    const draft = this.draft;
    return html`<article aria-labelledby="composer-h">
      <h2 id="composer-h">${t.heading(c.name)}</h2>
      <p>
        <span class="muted">${text.interview.state}:</span>
        <span class="badge">${text.states[i.state] ?? i.state}</span>
      </p>
      ${
        kinds.length === 0 || !draft
          ? html`<p class="muted">${text.interview.noActions}</p>`
          : html`
            <div class="field">
              <label for="kind">${t.kind}</label>
              <select id="kind" @change=${(e: Event) => this.#pickKind((e.target as HTMLSelectElement).value as Kind)}>
                ${kinds.map((k) => html`<option value=${k} ?selected=${k === draft.kind}>${t.kinds[k] ?? k}</option>`)}
              </select>
            </div>
            ${
              this.renderProblem
                ? html`<div class="problem" role="alert">
                  <p><strong>${this.renderProblem.title}</strong></p>
                  ${this.renderProblem.detail ? html`<p>${this.renderProblem.detail}</p>` : nothing}
                </div>`
                : nothing
            }
            ${this.note ? html`<p class="hint">${this.note}</p>` : nothing}
            <div part="editor">
              ${this.#renderField('subject', draft.subject)} ${this.#renderField('body', draft.body)}
            </div>
            <p class="hint" id="editor-hint">${t.editorHint}</p>
            <div class="row">
              <button type="button" class="secondary" ?disabled=${this.busy} @click=${() => this.#restart()}>
                ${t.fromTemplate}
              </button>
            </div>
            ${this.#renderFindings()} ${this.#renderSend(draft)}
          `
      }
    </article>`;
  }

  async #pickKind(kind: Kind): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    this.#cancelLint();
    await this.#startKind(conn, kind);
  }

  async #restart(): Promise<void> {
    const conn = this.conn;
    const draft = this.draft;
    if (!conn || !draft) return;
    this.#cancelLint();
    drafts.clear(this.interviewId, draft.kind);
    await this.#startKind(conn, draft.kind, true);
  }

  #renderField(field: Field, value: string) {
    const t = strings().composer;
    const marks = this.findings
      .map((f, index) => ({ ...f, index }))
      .filter((f) => f.field === field && f.end > f.start);
    const segments = segmentsOf(value, marks);
    const onInput = (e: Event) => this.#edit(field, (e.target as HTMLInputElement).value);
    const onKey = (e: KeyboardEvent) => this.#onKeydown(field, e);
    const onScroll = () => this.#syncScroll(field);
    return html`<div class="field">
      <label for=${field}>${field === 'subject' ? t.subject : t.body}</label>
      <div class="editor ${field}">
        <div class="marks" id="${field}-marks" aria-hidden="true">${segments.map((s) => {
          if (s.marks.length === 0) return s.text;
          const worst = s.marks
            .map((m) => this.findings[m]!.severity)
            .sort((a, b) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b])[0]!;
          return html`<mark class=${worst} part="mark mark-${worst}" data-findings=${s.marks.join(' ')}>${s.text}</mark>`;
        })}${field === 'body' ? '\n ' : ' '}</div>
        ${
          field === 'subject'
            ? html`<input id="subject" type="text" spellcheck="false" autocomplete="off" .value=${value}
                aria-describedby="editor-hint" @input=${onInput} @keydown=${onKey} @scroll=${onScroll} />`
            : html`<textarea id="body" rows="14" spellcheck="false" .value=${value}
                aria-describedby="editor-hint" @input=${onInput} @keydown=${onKey} @scroll=${onScroll}></textarea>`
        }
      </div>
    </div>`;
  }

  #renderFindings() {
    const text = strings();
    const t = text.composer;
    const findings = this.findings;
    const lacks = findings.filter((f) => f.start === f.end && f.field === 'body');
    return html`<section aria-labelledby="findings-h" part="findings">
      <h3 id="findings-h">${t.findingsHeading(findings.length)}</h3>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      ${
        this.lintProblem
          ? html`<p class="hint">${t.checkFailed}</p>`
          : findings.length === 0 && this.linted
            ? html`<p class="pass">${t.allClear}</p>`
            : nothing
      }
      ${
        lacks.length
          ? html`<div class="notice" part="lacks">
            <h4>${t.lacksHeading}</h4>
            <ul>
              ${lacks.map((f) => html`<li>${f.message}</li>`)}
            </ul>
          </div>`
          : nothing
      }
      ${
        findings.length
          ? html`<ol class="findings plain">
            ${findings.map((f, index) => {
              const where =
                f.start === f.end
                  ? t.whole
                  : f.field === 'subject'
                    ? t.inSubject
                    : `“${(this.draft?.[f.field] ?? '').slice(f.start, f.end)}”`;
              return html`<li class="finding ${f.severity}">
                <button type="button" class="jump" @click=${() => this.#jump(index)}>
                  <span class="sev">${t.severity[f.severity]}</span> ${where}: ${f.message}
                </button>
                <p class="rule"><span class="muted">${t.rule}:</span> ${f.ruleSummary ?? f.ruleId} <code>${f.ruleId}</code></p>
                ${f.passage ? html`<blockquote><span class="muted">${t.guide}:</span> “${f.passage}”</blockquote>` : nothing}
                ${
                  f.fix
                    ? html`<button type="button" class="secondary" @click=${() => this.#applyFix(index)}>
                      ${t.applyFix(f.fix.replacement)}
                    </button>`
                    : nothing
                }
              </li>`;
            })}
          </ol>`
          : nothing
      }
    </section>`;
  }

  #renderSend(draft: Draft) {
    const t = strings().composer;
    const mailto = this.#mailto();
    const errors = this.#errors();
    return html`<section aria-labelledby="send-h" part="send">
      <h3 id="send-h" class="visually-hidden">${t.record}</h3>
      <p class="hint">${t.recordHint}</p>
      <div class="row">
        <button type="button" class="secondary" @click=${() => this.#copy(draft.subject)}>${t.copySubject}</button>
        <button type="button" class="secondary" @click=${() => this.#copy(draft.body)}>${t.copyBody}</button>
        ${
          mailto
            ? html`<a class="button secondary" href=${mailto}>${t.mailto}</a>`
            : html`<span class="hint">${t.noEmail}</span>`
        }
        <button type="button" ?disabled=${this.busy || !draft.body.trim()} @click=${() => this.#record(false)}>
          ${t.record}
        </button>
      </div>
      ${
        this.confirming
          ? html`<div class="problem" role="alertdialog" aria-labelledby="confirm-h" aria-describedby="confirm-d">
            <p id="confirm-h"><strong>${t.confirmHeading}</strong></p>
            <p id="confirm-d">${t.confirm(errors)}</p>
            <div class="row">
              <button type="button" id="confirm-no" class="secondary" @click=${() => {
                this.confirming = false;
                const first = this.findings.findIndex((f) => f.severity === 'error');
                if (first >= 0) this.#jump(first);
              }}>${t.confirmNo}</button>
              <button type="button" ?disabled=${this.busy} @click=${() => this.#record(true)}>${t.confirmYes}</button>
            </div>
          </div>`
          : nothing
      }
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'infoview-composer': InfoviewComposer;
  }
}
