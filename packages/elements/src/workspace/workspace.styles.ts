import { css } from 'lit';

export const workspaceStyles = css`
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
    gap: var(--_space);
  }
  .state {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 0.75);
  }
  .state h4 {
    display: flex;
    justify-content: space-between;
    gap: 0.5em;
  }
  .state li {
    margin-block: 0.25em;
  }
  .link {
    background: none;
    border: none;
    color: var(--_accent);
    text-decoration: underline;
    padding: 0.125em 0;
    min-height: 24px;
    min-width: 0;
    text-align: start;
  }
`;
