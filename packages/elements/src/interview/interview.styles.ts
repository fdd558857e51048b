import { css } from 'lit';

export const interviewStyles = css`
  .layout {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
    gap: var(--_space);
    align-items: start;
  }
  .actions > * {
    margin-bottom: var(--_space);
  }
  .timeline li {
    margin-block: 0.25em;
  }
  .question {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5em;
    align-items: center;
  }
  .findings {
    margin-bottom: var(--_space);
  }
  .findings li {
    color: var(--_danger);
  }
  .pass {
    color: var(--_success);
  }
`;
