import { css } from 'lit';

export const cohortStyles = css`
  .controls {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: flex-end;
    margin-block: var(--_space);
  }
  .controls .field {
    margin: 0;
    flex: 1 1 12rem;
    min-width: 0;
  }
  .controls label.inline {
    flex: 1 1 14rem;
    min-height: 44px;
    align-items: center;
  }
  .students {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 20rem), 1fr));
    gap: calc(var(--_space) * 0.75);
  }
  .student {
    /* A long cohort lays out only the cards near the viewport; they stay in the accessibility tree. */
    content-visibility: auto;
    contain-intrinsic-size: auto 13rem;
    margin: 0;
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  .student h3 {
    margin: 0;
    font-size: 1.0625em;
  }
  .flags {
    display: flex;
    flex-wrap: wrap;
    gap: 0.375em;
  }
  .flags span:empty {
    display: none;
  }
  .overdue {
    color: var(--_danger);
    font-weight: 600;
  }
  .quiet {
    color: var(--_muted);
  }
  .student p {
    margin: 0;
  }
  .pipeline {
    font-size: 0.9375em;
  }
  .student button {
    align-self: flex-start;
    margin-top: auto;
  }
  .more {
    margin-block: var(--_space);
  }
  .detail h3 {
    margin-top: var(--_space);
  }
  .detail dl {
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: 0.25em 1em;
    margin: 0 0 var(--_space);
  }
  .detail dt {
    font-weight: 600;
  }
  .detail dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .detail li {
    margin-block: 0.375em;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
  }
`;
