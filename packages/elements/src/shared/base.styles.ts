import { css } from 'lit';

/**
 * What every component shares: the theme's custom properties (with accessible defaults: every
 * pair meets WCAG 2.1 AA contrast), a visible focus ring, motion only when the reader allows it,
 * and layouts that reflow down to 320 px.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-width: 100%;
    font-family: var(--infoview-font-family, system-ui, sans-serif);
    font-size: var(--infoview-font-size, 1rem);
    line-height: 1.5;
    color: var(--infoview-color-text, #1f2328);
    background: var(--infoview-color-surface, #ffffff);
    --_accent: var(--infoview-color-accent, #1a56db);
    --_accent-text: var(--infoview-color-on-accent, #ffffff);
    --_muted: var(--infoview-color-muted, #4b5563);
    --_border: var(--infoview-color-border, #767676);
    --_danger: var(--infoview-color-danger, #b42318);
    --_success: var(--infoview-color-success, #1a7f37);
    --_radius: var(--infoview-radius, 6px);
    --_space: var(--infoview-space, 0.75rem);
    --_focus: var(--infoview-focus-color, #1a56db);
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h2,
  h3,
  h4 {
    line-height: 1.25;
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  h2 {
    font-size: 1.375em;
  }
  h3 {
    font-size: 1.125em;
  }
  h4 {
    font-size: 1em;
  }
  section {
    margin-block: var(--_space);
  }
  ul,
  ol {
    padding-inline-start: 1.25em;
    margin: 0;
  }
  .plain {
    list-style: none;
    padding: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) * 0.5);
    align-items: center;
  }
  .card {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-block: calc(var(--_space) * 0.5);
    overflow-wrap: anywhere;
  }
  button {
    font: inherit;
    min-height: 44px;
    min-width: 44px;
    padding: 0.4em 0.9em;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
    max-width: 100%;
    overflow-wrap: anywhere;
  }
  button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  button:disabled {
    cursor: progress;
    opacity: 0.75;
  }
  label {
    display: block;
    font-weight: 600;
  }
  label.inline {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    font-weight: 400;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--infoview-color-field, #ffffff);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4em 0.5em;
    width: 100%;
    max-width: 36em;
    min-height: 44px;
  }
  input[type='checkbox'],
  input[type='radio'] {
    width: 1.25em;
    min-height: 1.25em;
    height: 1.25em;
    margin-top: 0.15em;
    flex: none;
  }
  textarea {
    min-height: 6em;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
    padding: calc(var(--_space) * 0.75);
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 0.25em;
  }
  .field {
    margin-bottom: calc(var(--_space) * 0.75);
  }
  .hint {
    color: var(--_muted);
    font-size: 0.9375em;
    margin: 0.25em 0;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .badge {
    display: inline-block;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.6em;
    font-size: 0.875em;
  }
  .problem {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space);
    color: var(--_danger);
    background: var(--infoview-color-danger-surface, #fff5f5);
  }
  .problem p {
    margin: 0.25em 0;
    color: var(--infoview-color-text, #1f2328);
  }
  .notice {
    border-inline-start: 4px solid var(--_accent);
    padding: 0.25em 0.75em;
    margin-block: 0.5em;
  }
  .status:empty {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    button,
    .card {
      transition:
        background-color 120ms ease,
        border-color 120ms ease;
    }
  }
`;
