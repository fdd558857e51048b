import { css } from 'lit';

export const feedStyles = css`
  .item {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0.5em;
    align-items: center;
  }
  .item.unread {
    border-inline-start: 4px solid var(--_accent);
  }
  .count {
    font-weight: 400;
    color: var(--_muted);
  }
`;
