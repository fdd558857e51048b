import type { AnalyticsReport } from './figures.js';

/** The tables of a report, by the name `?table=` takes: each one a list of flat rows. */
export const ANALYTICS_TABLES = [
  'funnel',
  'reply_rates',
  'timing',
  'thank_you',
  'referral_yield',
  'keep_in_touch',
  'milestones',
  'weekly',
] as const;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

function rowsOfTable(report: AnalyticsReport, table: AnalyticsTable): object[] {
  switch (table) {
    case 'funnel':
      return report.funnel;
    case 'reply_rates':
      return report.replyRates;
    case 'timing':
      return report.timing;
    case 'thank_you':
      return [report.thankYou];
    case 'referral_yield':
      return [report.referralYield];
    case 'keep_in_touch':
      return [report.keepInTouch];
    case 'milestones':
      return report.milestones;
    case 'weekly':
      return report.weekly;
  }
}

/**
 * One table of the report as CSV (RFC 4180: CRLF line ends, a header row): a suppressed figure's
 * cells are empty and its `suppressed` column is `true`.
 */
export function reportCsv(report: AnalyticsReport, table: AnalyticsTable): string {
  const rows = rowsOfTable(report, table) as Record<string, unknown>[];
  const columns = Object.keys(rows[0] ?? {});
  const cell = (value: unknown) => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
