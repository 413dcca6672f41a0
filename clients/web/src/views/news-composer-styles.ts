import { css } from 'lit';

/**
 * The composer in one column: what will happen and the buttons follow the form, always in reach
 * at the bottom of the window.
 */
export const actionsBelowForm = css`
  .layout {
    grid-template-columns: minmax(0, 1fr);
  }
  .actions-card {
    position: sticky;
    top: auto;
    bottom: 0;
    z-index: 2;
    padding: var(--pu-space-3) var(--pu-space-4);
    box-shadow: 0 -4px 16px rgb(22 27 38 / 12%);
  }
`;

/** Layout of the composer: the form, and beside it (below on phones) what will happen and the buttons. */
export const composerStyles = css`
  :host {
    display: grid;
    gap: var(--pu-space-5);
  }
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(260px, 300px);
    gap: var(--pu-space-5);
    align-items: start;
  }
  .main {
    display: grid;
    gap: var(--pu-space-4);
    min-width: 0;
  }
  form {
    display: grid;
    gap: var(--pu-space-4);
  }
  [hidden] {
    display: none !important;
  }
  .tabs {
    display: inline-flex;
    padding: 3px;
    border-radius: var(--pu-radius-m);
    background: var(--pu-surface);
    border: 1px solid var(--pu-border);
  }
  .tab {
    display: inline-flex;
    align-items: center;
    gap: var(--pu-space-2);
    min-height: 40px;
    padding: var(--pu-space-1) var(--pu-space-4);
    border: 0;
    border-radius: var(--pu-radius-s);
    background: transparent;
    font-weight: 600;
    color: var(--pu-ink-muted);
    cursor: pointer;
  }
  .tab[aria-selected='true'] {
    color: var(--pu-primary-ink);
    background: var(--pu-primary);
  }
  .counter.over {
    color: var(--pu-danger);
    font-weight: 600;
  }
  select.input {
    appearance: auto;
  }
  .actions-card {
    position: sticky;
    top: var(--pu-space-4);
    padding: var(--pu-space-5);
  }
  .error-summary {
    display: grid;
    gap: var(--pu-space-2);
  }
  .error-summary:focus {
    outline: 3px solid var(--pu-danger);
    outline-offset: 2px;
  }
  .error-summary h2 {
    font-size: var(--pu-text-m);
  }
  .error-summary ul {
    margin: 0;
    padding-left: var(--pu-space-5);
  }
  .error-summary a {
    color: inherit;
    font-weight: 600;
  }
  .preview {
    padding: var(--pu-space-6);
    display: grid;
    gap: var(--pu-space-5);
  }
  .preview .notice {
    display: flex;
    align-items: center;
    gap: var(--pu-space-2);
  }
  /* on a phone the buttons follow the form, always in reach at the bottom */
  @media (max-width: 900px) {
    ${actionsBelowForm}
  }
  @media (max-width: 480px) {
    .card {
      padding: var(--pu-space-4);
    }
    .preview {
      padding: var(--pu-space-4);
    }
    .page-head .tabs {
      width: 100%;
    }
    .tab {
      flex: 1;
      justify-content: center;
    }
  }
`;
