import { css } from 'lit';

export const cohortAnalyticsStyles = css`
  .figure {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: flex-start;
  }
  .figure > * {
    flex: 1 1 16rem;
    min-width: 0;
  }
  .chart {
    display: block;
    overflow: visible;
  }
  .chart .label {
    font-size: 0.875em;
    fill: currentColor;
  }
  .chart .note {
    font-size: 0.8125em;
    font-style: italic;
    fill: var(--_muted);
  }
  .chart .track {
    fill: #eef0f3;
  }
  .chart .bar {
    fill: var(--_accent);
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.9375em;
  }
  caption {
    text-align: start;
    font-weight: 600;
    margin-bottom: 0.25em;
  }
  th,
  td {
    text-align: start;
    padding: 0.25em 0.5em 0.25em 0;
    border-bottom: 1px solid var(--_border);
    overflow-wrap: anywhere;
    vertical-align: top;
  }
  /* Headers wrap between words only: "Sent" must not break into "Se nt" at 375 px. */
  th {
    overflow-wrap: normal;
  }
  .num {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }
  .suppressed {
    color: var(--_muted);
    font-style: italic;
  }
`;
