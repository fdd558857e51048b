import { html, svg, type TemplateResult } from 'lit';

/** One bar: its label, its share of the widest bar (0–1), the value written beside it; `null` when hidden. */
export interface Bar {
  label: string;
  share: number | null;
  value: string;
}

const ROW = 46;

/**
 * A horizontal bar chart in inline SVG, for sighted readers only (`aria-hidden`): the data table
 * beside it carries the same figures for everyone. Widths are percentages, so it reflows to any
 * width without a viewBox stretching its text.
 */
export function barChart(bars: Bar[]): TemplateResult {
  const height = bars.length * ROW;
  return html`<svg class="chart" aria-hidden="true" focusable="false" width="100%" height=${height}>
    ${bars.map((bar, i) => {
      const y = i * ROW;
      const width = bar.share === null ? 0 : Math.max(bar.share * 100, bar.share > 0 ? 0.5 : 0);
      // (a tiny share still shows a sliver; a true 0 shows none)
      // A hidden figure has no bar: its track says why, so no one reads an empty bar as 0.
      return bar.share === null
        ? svg`<g>
          <text x="0" y=${y + 14} class="label">${bar.label}</text>
          <rect x="0" y=${y + 20} width="100%" height="18" class="track"></rect>
          <text x="6" y=${y + 33} class="note">${bar.value}</text>
        </g>`
        : svg`<g>
          <text x="0" y=${y + 14} class="label">${bar.label}: ${bar.value}</text>
          <rect x="0" y=${y + 20} width="100%" height="18" class="track"></rect>
          <rect x="0" y=${y + 20} width=${`${width}%`} height="18" class="bar"></rect>
        </g>`;
    })}
  </svg>`;
}
