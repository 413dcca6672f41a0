import { css } from 'lit';

/**
 * The kiosk's look: read from five metres, so sizes are in `--u` (1 % of the screen's short
 * side: 10.8 px on a Full HD screen in either orientation), light text on a near-black ground
 * (at least 7:1 everywhere), and no pointer.
 */
export const kioskTokens = css`
  :host {
    --u: 1vmin;
    --k-ground: #0a0e17;
    --k-surface: #141b2a;
    --k-surface-2: #1d2639;
    --k-line: #2d3852;
    --k-ink: #ffffff;
    --k-ink-muted: #c9d0e3;
    --k-ink-faint: #9aa4bf;
    --k-cancelled: #ff9b94;
    --k-replaced: #86e3bd;
    --k-moved: #ffd37a;
    --k-on-status: #0d0f14;
    --k-radius: calc(1.2 * var(--u));
    font-family: var(--pu-font, system-ui, sans-serif);
    color: var(--k-ink);
    cursor: none;
    user-select: none;
    -webkit-font-smoothing: antialiased;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3,
  p,
  ul,
  ol {
    margin: 0;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/** A content panel of the screen (the board, the news): a rounded surface that fills its cell. */
export const kioskPanel = css`
  :host {
    display: flex;
    min-height: 0;
  }
  section {
    flex: 1;
    display: flex;
    flex-direction: column;
    min-height: 0;
    background: var(--k-surface);
    border-radius: var(--k-radius);
  }
`;
