import type { ItemOf, ResponseData } from '@infoview/sdk';
import { html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { formatWhen } from '../shared/format.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { showProblem } from '../shared/problem.js';
import { strings } from '../strings.js';
import { cohortStyles } from './cohort.styles.js';
import { formatAgo } from './relative-time.js';

type CohortStudent = ItemOf<'/cohort'>;
type CohortDetail = ResponseData<'/cohort/{studentId}', 'get'>;
type CohortState = keyof CohortStudent['pipeline'];

/** The guide's "about two weeks" without an outreach: the `quiet-days` default (the API's too). */
export const DEFAULT_QUIET_DAYS = 14;

/** Students per page asked of the API (its maximum is 200). */
export const DEFAULT_COHORT_PAGE_SIZE = 50;

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

/** The orders offered, each as the API's `sort` and `order`. */
const SORTS = {
  overdue: { sort: 'overdue', order: 'desc' },
  quietest: { sort: 'lastActivity', order: 'asc' },
  latest: { sort: 'lastActivity', order: 'desc' },
} as const;
type SortName = keyof typeof SORTS;

/**
 * An advisor's morning: the cohort's students with their pipeline by state, overdue work first,
 * who has not reached out lately, and one student's interviews and tasks a step away. Read-only:
 * advisors advise, the student acts (the API refuses an advisor's writes too). Pages with the
 * API's cursors ("Show more"); sorts and filters on the server.
 *
 * @slot analytics - cohort charts (e.g. the analytics funnel and reply rates), shown above the list.
 * @event infoview-open-student - `{ studentId }` when a student's detail opens.
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @csspart analytics - the box around the `analytics` slot.
 * @csspart controls - the sort and filter controls.
 * @csspart list - the list of students.
 * @csspart student - one student's card.
 * @csspart more - the "Show more" button.
 * @csspart detail - one student's detail view.
 * @cssproperty --infoview-color-accent - buttons and links (default #1a56db).
 * @cssproperty --infoview-color-danger - overdue work (default #b42318).
 * @cssproperty --infoview-color-muted - secondary text.
 * @cssproperty --infoview-focus-color - the focus ring.
 */
@customElement('infoview-cohort')
export class InfoviewCohort extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, cohortStyles];

  /** Days without an outreach attempt that make a student "quiet" (default 14, the guide's two weeks). */
  @property({ type: Number, attribute: 'quiet-days' }) quietDays = DEFAULT_QUIET_DAYS;

  /** Students per page (1–200). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = DEFAULT_COHORT_PAGE_SIZE;

  @state() private students: CohortStudent[] = [];
  @state() private nextCursor: string | null = null;
  @state() private sortName: SortName = 'overdue';
  @state() private stateFilter = '';
  @state() private overdueOnly = false;
  @state() private quietOnly = false;
  @state() private detail: CohortDetail | undefined;
  @state() private loadingMore = false;
  /** The student whose "View" button gets the focus back when the detail closes. */
  #returnTo: string | undefined;
  #focusDetail = false;
  #marking = false;

  #query() {
    const { sort, order } = SORTS[this.sortName];
    return {
      limit: Math.min(Math.max(Math.trunc(this.pageSize) || DEFAULT_COHORT_PAGE_SIZE, 1), 200),
      sort,
      order,
      quietAfterDays: this.#quietDays(),
      ...(this.stateFilter ? { state: this.stateFilter as CohortState } : {}),
      ...(this.overdueOnly ? { overdueOnly: true } : {}),
      ...(this.quietOnly ? { quietOnly: true } : {}),
    };
  }

  #quietDays(): number {
    return Math.min(Math.max(Math.trunc(this.quietDays) || DEFAULT_QUIET_DAYS, 1), 366);
  }

  protected override async load(conn: InfoviewConnection): Promise<void> {
    const page = await conn.client.get('/cohort', { params: { query: this.#query() } });
    this.show(page.data, page.nextCursor);
    const text = strings().cohort;
    this.statusMessage = text.shown(this.students.length, page.nextCursor !== null);
  }

  /** Sets the students shown (and where the next page starts); the render that follows is measured as `infoview-cohort:render`. */
  show(students: CohortStudent[], nextCursor: string | null): void {
    if (this.isConnected) {
      performance.mark('infoview-cohort:data');
      this.#marking = true;
    }
    this.students = students;
    this.nextCursor = nextCursor;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const reread =
      (changed.has('quietDays') && changed.get('quietDays') !== undefined) ||
      (changed.has('pageSize') && changed.get('pageSize') !== undefined);
    if (reread && this.isConnected) void this.reload();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.#marking && this.status === 'ready') {
      this.#marking = false;
      performance.mark('infoview-cohort:rendered');
      performance.measure('infoview-cohort:render', 'infoview-cohort:data', 'infoview-cohort:rendered');
    }
    if (this.#focusDetail && this.detail) {
      this.#focusDetail = false;
      this.renderRoot.querySelector<HTMLElement>('#detail-h')?.focus();
    } else if (!this.detail && this.#returnTo) {
      const button = this.renderRoot.querySelector<HTMLElement>(`button[data-student="${this.#returnTo}"]`);
      this.#returnTo = undefined;
      button?.focus();
    }
  }

  protected override render() {
    const text = strings();
    return html`<section aria-labelledby="h">
      <h2 id="h">${text.cohort.heading}</h2>
      ${this.renderMessages()}
      ${this.renderLoaded(() => (this.detail ? this.#renderDetail(this.detail) : this.#renderList()))}
    </section>`;
  }

  #renderList() {
    const text = strings();
    const c = text.cohort;
    const now = Date.now();
    return html`
      <div part="analytics"><slot name="analytics"></slot></div>
      <div class="controls" part="controls">
        <div class="field">
          <label for="sort">${c.sort}</label>
          <select id="sort" @change=${(e: Event) => this.#set({ sortName: (e.target as HTMLSelectElement).value as SortName })}>
            ${(Object.keys(SORTS) as SortName[]).map(
              (name) =>
                html`<option value=${name} ?selected=${name === this.sortName}>${c.sorts[name]}</option>`,
            )}
          </select>
        </div>
        <div class="field">
          <label for="state">${c.stateFilter}</label>
          <select id="state" @change=${(e: Event) => this.#set({ stateFilter: (e.target as HTMLSelectElement).value })}>
            <option value="" ?selected=${this.stateFilter === ''}>${c.allStates}</option>
            ${PIPELINE.map(
              (s) =>
                html`<option value=${s} ?selected=${s === this.stateFilter}>${text.states[s] ?? s}</option>`,
            )}
          </select>
        </div>
        <label class="inline">
          <input type="checkbox" .checked=${this.overdueOnly}
            @change=${(e: Event) => this.#set({ overdueOnly: (e.target as HTMLInputElement).checked })} />
          ${c.overdueOnly}
        </label>
        <label class="inline">
          <input type="checkbox" .checked=${this.quietOnly}
            @change=${(e: Event) => this.#set({ quietOnly: (e.target as HTMLInputElement).checked })} />
          ${c.quietOnly(this.#quietDays())}
        </label>
      </div>
      ${
        this.students.length === 0
          ? html`<p class="muted">${c.empty}</p>`
          : html`<ul class="plain students" part="list" aria-label=${c.listLabel}>
              ${this.students.map((s) => this.#renderStudent(s, now))}
            </ul>`
      }
      ${
        this.nextCursor
          ? html`<button class="secondary more" part="more" ?disabled=${this.loadingMore} @click=${() => this.#more()}>
              ${c.more}
            </button>`
          : nothing
      }
    `;
  }

  // One flat template per card (text and attribute bindings only, no nested templates): a
  // cohort of hundreds is hundreds of template instances, and each nested one costs as much.
  #renderStudent(s: CohortStudent, now: number) {
    const text = strings();
    const c = text.cohort;
    const pipeline = PIPELINE.filter((state) => (s.pipeline[state] ?? 0) > 0)
      .map((state) => `${text.states[state] ?? state} ${s.pipeline[state]}`)
      .join(' · ');
    const overdue = s.overdueTasks > 0;
    return html`<li class="card student" part="student">
      <h3>${s.name}</h3>
      <p class="flags">
        <span class=${overdue ? 'badge overdue' : 'muted'}>${overdue ? c.overdue(s.overdueTasks) : c.noOverdue}</span>
        <span class=${s.quiet ? 'badge quiet' : ''}>${s.quiet ? c.quiet(this.#quietDays()) : ''}</span>
      </p>
      <p class="muted">
        ${c.lastActivity(s.lastActivityAt ? formatAgo(s.lastActivityAt, now) : c.never)} ·
        ${c.lastOutreach(s.lastOutreachAt ? formatAgo(s.lastOutreachAt, now) : c.never)}
      </p>
      <p class="pipeline">${pipeline ? c.pipeline(pipeline) : c.noInterviews}</p>
      <button class="secondary" data-student=${s.studentId} aria-label=${c.view(s.name)} @click=${() => this.#open(s)}>
        ${c.viewLabel}
      </button>
    </li>`;
  }

  #renderDetail(detail: CohortDetail) {
    const text = strings();
    const c = text.cohort;
    const s = detail.student;
    const now = Date.now();
    return html`<section class="detail" part="detail" aria-labelledby="detail-h">
      <button class="secondary" @click=${() => this.#close()}>${c.back}</button>
      <h3 id="detail-h" tabindex="-1">${s.name}</h3>
      <dl>
        <dt>${c.overdueHeading}</dt>
        <dd class=${s.overdueTasks > 0 ? 'overdue' : ''}>${s.overdueTasks > 0 ? c.overdue(s.overdueTasks) : c.noOverdue}</dd>
        <dt>${c.lastActivityHeading}</dt>
        <dd>${s.lastActivityAt ? `${formatAgo(s.lastActivityAt, now)} (${formatWhen(s.lastActivityAt)})` : c.never}</dd>
        <dt>${c.lastOutreachHeading}</dt>
        <dd>
          ${s.lastOutreachAt ? `${formatAgo(s.lastOutreachAt, now)} (${formatWhen(s.lastOutreachAt)})` : c.never}
          ${s.quiet ? html`<br /><span class="quiet">${c.quiet(this.#quietDays())}</span>` : nothing}
        </dd>
      </dl>
      <section aria-labelledby="detail-interviews">
        <h4 id="detail-interviews">${c.interviewsHeading(detail.interviews.length)}</h4>
        ${
          detail.interviews.length === 0
            ? html`<p class="muted">${c.noInterviews}</p>`
            : html`<ul>
                ${detail.interviews.map(
                  (i) => html`<li>
                    <strong>${i.contactName}</strong>${i.organization ? html`, ${i.organization}` : nothing} —
                    ${text.states[i.state] ?? i.state}
                    ${i.meetingAt ? html`<span class="muted">· ${c.meeting(formatWhen(i.meetingAt))}</span>` : nothing}
                    ${i.lastEventAt ? html`<span class="muted">· ${c.lastEvent(formatAgo(i.lastEventAt, now))}</span>` : nothing}
                  </li>`,
                )}
              </ul>`
        }
      </section>
      <section aria-labelledby="detail-tasks">
        <h4 id="detail-tasks">${c.tasksHeading(detail.tasks.length)}</h4>
        ${
          detail.tasks.length === 0
            ? html`<p class="muted">${c.noTasks}</p>`
            : html`<ul>
                ${detail.tasks.map(
                  (t) => html`<li>
                    ${t.title} <span class="muted">— ${text.workspace.due(formatWhen(t.dueAt))}</span>
                    ${t.overdue ? html`<span class="badge overdue">${c.overdueTag}</span>` : nothing}
                    ${t.status === 'snoozed' && !t.overdue ? html`<span class="badge">${c.snoozedTag}</span>` : nothing}
                  </li>`,
                )}
              </ul>`
        }
      </section>
      <p class="hint">${c.readOnly}</p>
    </section>`;
  }

  #set(change: { sortName?: SortName; stateFilter?: string; overdueOnly?: boolean; quietOnly?: boolean }) {
    if (change.sortName !== undefined) this.sortName = change.sortName;
    if (change.stateFilter !== undefined) this.stateFilter = change.stateFilter;
    if (change.overdueOnly !== undefined) this.overdueOnly = change.overdueOnly;
    if (change.quietOnly !== undefined) this.quietOnly = change.quietOnly;
    void this.reload();
  }

  async #more() {
    const conn = this.conn;
    if (!conn || !this.nextCursor || this.loadingMore) return;
    this.loadingMore = true;
    this.actionProblem = undefined;
    try {
      const page = await conn.client.get('/cohort', {
        params: { query: { ...this.#query(), cursor: this.nextCursor } },
      });
      this.show([...this.students, ...page.data], page.nextCursor);
      this.statusMessage = strings().cohort.shown(this.students.length, page.nextCursor !== null);
    } catch (error) {
      this.actionProblem = showProblem(error);
    } finally {
      this.loadingMore = false;
    }
  }

  async #open(student: CohortStudent) {
    const conn = this.conn;
    if (!conn) return;
    this.actionProblem = undefined;
    this.statusMessage = strings().loading;
    try {
      const detail = await conn.client.get('/cohort/{studentId}', {
        params: { path: { studentId: student.studentId }, query: { quietAfterDays: this.#quietDays() } },
      });
      this.#returnTo = student.studentId;
      this.#focusDetail = true;
      this.detail = detail;
      this.statusMessage = '';
      this.emit('infoview-open-student', { studentId: student.studentId });
    } catch (error) {
      this.statusMessage = '';
      this.actionProblem = showProblem(error);
    }
  }

  #close() {
    this.detail = undefined;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'infoview-cohort': InfoviewCohort;
  }
}
