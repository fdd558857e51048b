import { css } from 'lit';

export const networkStyles = css`
  .layout {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
    gap: var(--_space);
    align-items: start;
  }
  .contact {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5em;
    align-items: center;
  }
  .hints {
    background: var(--infoview-color-hint-surface, #f3f6fc);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
    margin-bottom: var(--_space);
  }
  .topics label {
    margin-block: 0.25em;
  }
`;
