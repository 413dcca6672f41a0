import { css } from 'lit';

/**
 * The roll call is used standing, on a classroom computer or a tablet: big tiles (well above the
 * 48 px touch minimum), one tap per student, the state in words and colour, and the summary with
 * its one button always in reach at the bottom of the screen.
 */
export const rollCallStyles = css`
  /* the day's course links, the bar's counts: a wrapping row */
  .courses,
  .counts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .course-link {
    display: grid;
    gap: 0;
    min-height: 48px;
    padding: var(--pu-space-2) var(--pu-space-3);
    border: 1px solid var(--pu-border-strong);
    border-radius: var(--pu-radius-m);
    background: var(--pu-surface);
    color: var(--pu-ink);
    text-decoration: none;
    line-height: 1.3;
  }
  .course-link:hover {
    background: var(--pu-surface-sunken);
  }
  .course-link[aria-current='page'] {
    border: 2px solid var(--pu-primary);
    background: var(--pu-primary-soft);
  }
  .course-link .top {
    font-weight: 700;
  }
  .course-link .sub {
    font-size: var(--pu-text-s);
    color: var(--pu-ink-muted);
  }
  .course-link.cancelled .top {
    text-decoration: line-through;
  }
  .course-select {
    max-width: 520px;
  }
  .sheet-head {
    display: grid;
    gap: var(--pu-space-2);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-1) var(--pu-space-4);
    color: var(--pu-ink-muted);
  }
  .facts span {
    display: inline-flex;
    align-items: center;
    gap: var(--pu-space-1);
  }
  .hint-keys {
    font-size: var(--pu-text-s);
    color: var(--pu-ink-muted);
  }
  .students {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 190px), 1fr));
    gap: var(--pu-space-3);
  }
  .students li {
    display: grid;
    gap: var(--pu-space-2);
    align-content: start;
  }
  .tile {
    --tile-ink: var(--pu-ink);
    --tile-bg: var(--pu-surface);
    --tile-edge: var(--pu-border-strong);
    display: grid;
    grid-template-columns: auto minmax(0, 1fr);
    align-items: center;
    gap: var(--pu-space-3);
    width: 100%;
    min-height: 76px;
    padding: var(--pu-space-3) var(--pu-space-4);
    border: 2px solid var(--tile-edge);
    border-left-width: 8px;
    border-radius: var(--pu-radius-m);
    background: var(--tile-bg);
    color: var(--tile-ink);
    text-align: left;
    cursor: pointer;
    /* no double-tap zoom delay on tablets: a tap is a tap */
    touch-action: manipulation;
    -webkit-tap-highlight-color: transparent;
    user-select: none;
    transition: background-color var(--pu-duration) ease, border-color var(--pu-duration) ease;
  }
  .tile:focus-visible {
    outline: 4px solid var(--pu-focus);
    outline-offset: 3px;
  }
  .tile .mark-icon {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    background: var(--pu-surface-sunken);
    color: var(--pu-ink-muted);
  }
  .tile .who {
    display: grid;
    min-width: 0;
  }
  .tile .last {
    font-weight: 800;
    font-size: 1.05rem;
    text-transform: uppercase;
    letter-spacing: 0.01em;
    overflow-wrap: anywhere;
  }
  .tile .first {
    overflow-wrap: anywhere;
  }
  .tile .state {
    font-size: var(--pu-text-s);
    font-weight: 700;
    color: var(--pu-ink-muted);
  }
  .tile.absent {
    --tile-ink: #7a1610;
    --tile-bg: var(--pu-danger-soft);
    --tile-edge: var(--pu-danger);
  }
  .tile.late {
    --tile-ink: #5c3200;
    --tile-bg: var(--pu-warning-soft);
    --tile-edge: var(--pu-warning);
  }
  .tile.excluded {
    --tile-ink: #ffffff;
    --tile-bg: #4a1d7a;
    --tile-edge: #2e0f52;
  }
  .tile.absent .state,
  .tile.late .state,
  .tile.excluded .state {
    color: inherit;
  }
  .tile.absent .mark-icon {
    background: var(--pu-danger);
    color: #ffffff;
  }
  .tile.late .mark-icon {
    background: var(--pu-warning);
    color: #ffffff;
  }
  .tile.excluded .mark-icon {
    background: #ffffff;
    color: #4a1d7a;
  }
  .tile[aria-disabled='true'] {
    cursor: default;
  }
  .tile.changed::after {
    content: '';
  }
  .late-choice {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
    padding: var(--pu-space-2);
    border: 2px solid var(--pu-warning);
    border-radius: var(--pu-radius-m);
    background: var(--pu-warning-soft);
  }
  .late-choice .ask {
    flex-basis: 100%;
    font-size: var(--pu-text-s);
    font-weight: 700;
    color: var(--pu-warning);
  }
  .late-choice .button {
    min-height: 48px;
    min-width: 56px;
    padding-inline: var(--pu-space-3);
  }
  .late-choice .button[aria-pressed='true'] {
    background: var(--pu-warning);
    border-color: var(--pu-warning);
    color: #ffffff;
  }
  .late-choice input {
    width: 5.5em;
    min-height: 48px;
  }
  .bar {
    position: sticky;
    bottom: 0;
    z-index: 2;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--pu-space-3) var(--pu-space-4);
    margin: 0 calc(-1 * var(--pu-space-2));
    padding: var(--pu-space-3) var(--pu-space-4);
    border: 1px solid var(--pu-border);
    border-radius: var(--pu-radius-l);
    background: var(--pu-surface);
    box-shadow: 0 -6px 24px rgb(22 27 38 / 12%);
  }
  .count {
    display: inline-flex;
    align-items: baseline;
    gap: var(--pu-space-1);
    padding: var(--pu-space-1) var(--pu-space-3);
    border-radius: 999px;
    background: var(--pu-surface-sunken);
    border: 1px solid var(--pu-border);
    font-weight: 600;
  }
  .count strong {
    font-size: 1.25rem;
  }
  .count.absent {
    color: var(--pu-danger);
    background: var(--pu-danger-soft);
    border-color: var(--pu-danger);
  }
  .count.late {
    color: var(--pu-warning);
    background: var(--pu-warning-soft);
    border-color: var(--pu-warning);
  }
  .count.excluded {
    color: #4a1d7a;
    background: #f1e9ff;
    border-color: #4a1d7a;
  }
  .bar-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--pu-space-3);
  }
  .button.big {
    min-height: 56px;
    padding-inline: var(--pu-space-6);
    font-size: 1.125rem;
  }
  .sent {
    display: inline-flex;
    align-items: center;
    gap: var(--pu-space-2);
    color: var(--pu-success);
    font-weight: 700;
  }
  .state-banner {
    display: flex;
    align-items: flex-start;
    gap: var(--pu-space-3);
  }
  .state-banner .icon {
    flex: none;
    margin-top: 2px;
  }
  @media (min-width: 700px) and (max-width: 1100px) {
    /* a tablet held upright: three columns of large tiles */
    .students {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    .tile {
      min-height: 88px;
    }
  }
  @media (max-width: 480px) {
    .students {
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: var(--pu-space-2);
    }
    .tile {
      grid-template-columns: minmax(0, 1fr);
      gap: var(--pu-space-1);
      padding: var(--pu-space-2) var(--pu-space-3);
      min-height: 72px;
    }
    .tile .mark-icon {
      display: none;
    }
    .bar {
      padding: var(--pu-space-3);
    }
    .bar-actions,
    .bar-actions .button {
      width: 100%;
    }
  }
`;
