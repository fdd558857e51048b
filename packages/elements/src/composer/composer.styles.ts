import { css } from 'lit';

/**
 * The editor is a textarea over a mirror of its text: the mirror has the same box, font and
 * wrapping, draws the text invisibly and paints each finding's span behind the real, editable
 * text, so the marks sit on the words and the caret, selection and undo stay the browser's own.
 */
export const composerStyles = css`
  .editor {
    position: relative;
    max-width: 40em;
    background: var(--infoview-color-field, #ffffff);
    border-radius: var(--_radius);
  }
  .editor .marks,
  .editor textarea,
  .editor input {
    font: inherit;
    line-height: 1.5;
    letter-spacing: normal;
    padding: 0.4em 0.5em;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    margin: 0;
    width: 100%;
    max-width: none;
  }
  .editor .marks {
    position: absolute;
    inset: 0;
    overflow: hidden;
    color: transparent;
    white-space: pre-wrap;
    overflow-wrap: break-word;
    pointer-events: none;
  }
  .editor.subject .marks {
    white-space: pre;
  }
  .editor textarea,
  .editor input {
    position: relative;
    display: block;
    background: transparent;
    border-color: var(--_border);
    resize: vertical;
  }
  .editor textarea {
    overflow-y: auto;
    overflow-wrap: break-word;
  }
  mark {
    color: transparent;
    border-radius: 2px;
    text-decoration-line: underline;
    text-decoration-thickness: 2px;
    text-underline-offset: 0.2em;
  }
  /* Severity is told by the underline's style as well as its colour, and by the list's words. */
  mark.error {
    background: var(--infoview-mark-error, #fde2e1);
    text-decoration-style: wavy;
    text-decoration-color: var(--_danger);
  }
  mark.warning {
    background: var(--infoview-mark-warning, #fdf0c4);
    text-decoration-style: dashed;
    text-decoration-color: #8a5a00;
  }
  mark.hint {
    background: var(--infoview-mark-hint, #e3ecfd);
    text-decoration-style: dotted;
    text-decoration-color: var(--_accent);
  }
  .findings li {
    border-inline-start: 4px solid var(--_border);
    padding: 0.25em 0 0.25em 0.75em;
    margin-block: 0.75em;
  }
  .findings li.error {
    border-inline-start-color: var(--_danger);
  }
  .findings li.warning {
    border-inline-start-color: #8a5a00;
  }
  .findings li.hint {
    border-inline-start-color: var(--_accent);
  }
  button.jump {
    background: transparent;
    color: inherit;
    border-color: transparent;
    text-align: start;
    padding-inline: 0.25em;
  }
  .sev {
    font-weight: 700;
  }
  .error .sev {
    color: var(--_danger);
  }
  .rule,
  blockquote {
    margin: 0.25em 0;
    font-size: 0.9375em;
  }
  blockquote {
    padding-inline-start: 0.75em;
    border-inline-start: 2px solid var(--_border);
  }
  .pass {
    color: var(--_success);
  }
  a.button {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    padding: 0.4em 0.9em;
    border-radius: var(--_radius);
    border: 2px solid var(--_accent);
    color: var(--_accent);
    text-decoration: none;
  }
`;
