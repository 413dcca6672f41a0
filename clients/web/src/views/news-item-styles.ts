import { css } from 'lit';

/** The item page: the article, and beside it (below on phones) review, actions and statistics. */
export const itemStyles = css`
  :host {
    display: grid;
    gap: var(--pu-space-4);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(280px, 340px);
    gap: var(--pu-space-5);
    align-items: start;
  }
  .layout.reader {
    grid-template-columns: minmax(0, 820px);
    justify-content: center;
  }
  .main {
    padding: var(--pu-space-6);
  }
  aside {
    display: grid;
    gap: var(--pu-space-4);
  }
  .main > .notice {
    margin-bottom: var(--pu-space-4);
  }
  .audience {
    margin-top: var(--pu-space-5);
    padding-top: var(--pu-space-4);
    border-top: 1px solid var(--pu-border);
    display: grid;
    gap: var(--pu-space-1);
    font-size: var(--pu-text-s);
    color: var(--pu-ink-muted);
  }
  .audience strong {
    color: var(--pu-ink);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
  }
  .flash:empty {
    display: none;
  }
  @media (max-width: 900px) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
  @media (max-width: 480px) {
    .main {
      padding: var(--pu-space-4);
    }
    .card {
      padding: var(--pu-space-4);
    }
  }
`;
