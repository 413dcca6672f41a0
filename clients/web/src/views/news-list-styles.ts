import { css } from 'lit';

/** The rows of « À valider » and « Mes publications ». */
export const newsListStyles = css`
  :host {
    display: grid;
    gap: var(--pu-space-5);
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--pu-space-3);
  }
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: var(--pu-space-3) var(--pu-space-5);
    padding: var(--pu-space-4) var(--pu-space-5);
  }
  .row h2 {
    font-size: 1.125rem;
    line-height: 1.3;
    overflow-wrap: anywhere;
    margin: var(--pu-space-2) 0 var(--pu-space-1);
  }
  .row h2 a {
    color: var(--pu-ink);
    text-decoration: none;
  }
  .row h2 a:hover {
    text-decoration: underline;
  }
  .tags {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
    align-items: center;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-1) var(--pu-space-4);
    font-size: var(--pu-text-s);
    color: var(--pu-ink-muted);
  }
  .meta span {
    display: inline-flex;
    align-items: center;
    gap: var(--pu-space-1);
  }
  .excerpt {
    color: var(--pu-ink-muted);
    margin-bottom: var(--pu-space-2);
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .comment {
    margin-top: var(--pu-space-2);
    font-size: var(--pu-text-s);
  }
  .row-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
    justify-content: flex-end;
  }
  @media (max-width: 640px) {
    .row {
      grid-template-columns: minmax(0, 1fr);
      padding: var(--pu-space-4);
    }
    .row-actions {
      justify-content: flex-start;
    }
  }
`;
