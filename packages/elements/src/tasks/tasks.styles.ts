import { css } from 'lit';

export const tasksStyles = css`
  .task {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5em;
    align-items: center;
  }
  .count {
    font-weight: 400;
    color: var(--_muted);
  }
`;
