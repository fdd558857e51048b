import type { ResponseData } from '@infoview/sdk';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { InfoviewConnection } from '../connection/connection.js';
import { InfoviewElement } from '../shared/infoview-element.js';
import { strings } from '../strings.js';
import { type Bar, barChart } from './bar-chart.js';
import { cohortAnalyticsStyles } from './cohort-analytics.styles.js';

// The operation also answers CSV (a string) under `Accept: text/csv`; this element asks for JSON.
type Report = Exclude<ResponseData<'/analytics/advisors/{advisorId}', 'get'>, string>;
type ReplyRate = Report['replyRates'][number];

/**
 * An advisor's cohort in figures, for `<infoview-cohort>`'s `analytics` slot: the funnel
 * (identified → referral) and the reply rates by contact source and by attempt, each a bar chart
 * with a data table beside it. The chart is hidden from assistive technology; the table is the
 * accessible form. A figure about fewer than k students comes back suppressed (null) and is shown
 * as hidden, never as 0.
 *
 * @csspart status - the polite live region.
 * @csspart error - the alert region.
 * @csspart loading - the loading message.
 * @cssproperty --infoview-color-accent - the bars (default #1a56db).
 */
@customElement('infoview-cohort-analytics')
export class InfoviewCohortAnalytics extends InfoviewElement {
  static override styles = [...InfoviewElement.styles, cohortAnalyticsStyles];

  /** The advisor whose cohort to show; without it, the session's own advisor (`GET /sessions/current`). */
  @property({ attribute: 'advisor-id' }) advisorId: string | undefined;

  @state() private report: Report | undefined;
  @state() private noAdvisor = false;

  protected override async load(conn: InfoviewConnection): Promise<void> {
    const advisorId = this.advisorId ?? (await conn.client.get('/sessions/current')).advisorId;
    this.noAdvisor = !advisorId;
    if (!advisorId) return;
    this.report = (await conn.client.get('/analytics/advisors/{advisorId}', {
      params: { path: { advisorId } },
    })) as Report;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The first load runs on connect; a later change of advisor reads that cohort instead.
    if (changed.has('advisorId') && this.hasUpdated && this.isConnected) void this.reload();
  }

  protected override render() {
    const a = strings().analytics;
    return html`<section aria-labelledby="analytics-h">
      <h3 id="analytics-h">${a.heading}</h3>
      ${this.renderMessages()}
      ${this.renderLoaded(() =>
        this.noAdvisor || !this.report
          ? html`<p class="muted">${a.noAdvisor}</p>`
          : this.#renderReport(this.report),
      )}
    </section>`;
  }

  #renderReport(report: Report): TemplateResult {
    const a = strings().analytics;
    const k = report.privacy.minStudents;
    const rates = (group: ReplyRate['group']) => report.replyRates.filter((r) => r.group === group);
    return html`
      <p class="muted">${a.window(report.window.from, report.window.to, report.window.weeks)}</p>
      ${report.privacy.suppressedFigures > 0 ? html`<p class="hint">${a.privacy(k)}</p>` : nothing}
      ${this.#renderFunnel(report, k)}
      ${this.#renderRates('source', a.bySource, a.sourceHeader, [...rates('all'), ...rates('source')], k)}
      ${this.#renderRates('attempt', a.byAttempt, a.attemptHeader, rates('attempt'), k)}
    `;
  }

  #renderFunnel(report: Report, k: number): TemplateResult {
    const a = strings().analytics;
    const identified = report.funnel.find((f) => f.stage === 'identified')?.interviews ?? null;
    const widest = Math.max(1, ...report.funnel.map((f) => f.interviews ?? 0));
    const bars: Bar[] = report.funnel.map((f) => ({
      label: a.stages[f.stage] ?? f.stage,
      share: f.suppressed || f.interviews === null ? null : f.interviews / widest,
      value: f.suppressed || f.interviews === null ? a.hidden(k) : String(f.interviews),
    }));
    return html`<section class="funnel" aria-labelledby="funnel-h">
      <h4 id="funnel-h">${a.funnelHeading}</h4>
      <div class="figure">
        ${barChart(bars)}
        <table>
          <caption>${a.funnelCaption}</caption>
          <thead>
            <tr><th scope="col">${a.stageHeader}</th><th scope="col" class="num">${a.interviewsHeader}</th><th scope="col" class="num">${a.ofIdentifiedHeader}</th></tr>
          </thead>
          <tbody>
            ${report.funnel.map((f) => {
              const hidden = f.suppressed || f.interviews === null;
              return html`<tr>
                <th scope="row">${a.stages[f.stage] ?? f.stage}</th>
                ${
                  hidden
                    ? html`<td class="suppressed" colspan="2">${a.hidden(k)}</td>`
                    : html`<td class="num">${f.interviews}</td>
                        <td class="num">${identified ? percent((f.interviews ?? 0) / identified) : '—'}</td>`
                }
              </tr>`;
            })}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  #renderRates(id: string, heading: string, keyHeader: string, rows: ReplyRate[], k: number): TemplateResult {
    const a = strings().analytics;
    const text = strings();
    const label = (r: ReplyRate) =>
      r.group === 'all'
        ? a.allSources
        : r.group === 'attempt'
          ? (a.attempts[r.key] ?? r.key)
          : (text.sources[r.key] ?? r.key);
    const hidden = (r: ReplyRate) => r.suppressed || r.sent === null;
    const bars: Bar[] = rows.map((r) => ({
      label: label(r),
      share: hidden(r) ? null : (r.rate ?? 0),
      value: hidden(r) ? a.hidden(k) : r.rate === null ? '—' : percent(r.rate),
    }));
    return html`<section class="rates" aria-labelledby=${`${id}-h`}>
      <h4 id=${`${id}-h`}>${heading}</h4>
      ${
        rows.length === 0
          ? html`<p class="muted">${a.noReplies}</p>`
          : html`<div class="figure">
            ${barChart(bars)}
            <table>
              <caption>${heading}</caption>
              <thead>
                <tr>
                  <th scope="col">${keyHeader}</th><th scope="col" class="num">${a.sentHeader}</th>
                  <th scope="col" class="num">${a.repliedHeader}</th><th scope="col" class="num">${a.rateHeader}</th>
                </tr>
              </thead>
              <tbody>
                ${rows.map(
                  (r) => html`<tr>
                    <th scope="row">${label(r)}</th>
                    ${
                      hidden(r)
                        ? html`<td class="suppressed" colspan="3">${a.hidden(k)}</td>`
                        : html`<td class="num">${r.sent}</td><td class="num">${r.replied}</td>
                            <td class="num">${r.rate === null ? '—' : percent(r.rate)}</td>`
                    }
                  </tr>`,
                )}
              </tbody>
            </table>
          </div>`
      }
    </section>`;
  }
}

/** A share as a whole percentage in the reader's locale. */
const percent = (share: number): string =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 }).format(share);

declare global {
  interface HTMLElementTagNameMap {
    'infoview-cohort-analytics': InfoviewCohortAnalytics;
  }
}
