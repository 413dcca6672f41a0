import { css } from 'lit';
import { dataTableStyles } from './table-styles';

/**
 * Rules the screens and alert pages add to the absences ones (status chips, panels, form grids,
 * choices): the state chips of a screen, the screens table, the counters under a text field and
 * the alert's tones. Each tone keeps at least 7:1 between its text and its background, and every
 * chip carries its words: colour is never alone.
 */
export const signageStyles = css`
  .status.ok {
    color: var(--pu-success);
    background: var(--pu-success-soft);
  }
  .status.warn {
    color: var(--pu-warning);
    background: var(--pu-warning-soft);
  }
  .status.bad {
    color: #ffffff;
    background: var(--pu-danger);
    border-color: var(--pu-danger);
  }
  .status.off {
    color: var(--pu-ink-muted);
    background: var(--pu-surface-sunken);
  }
  ${dataTableStyles}
  thead th {
    font-size: var(--pu-text-s);
  }
  tbody th {
    font-weight: 700;
  }
  .counter {
    font-size: var(--pu-text-s);
    color: var(--pu-ink-muted);
    justify-self: end;
  }
  .counter.over {
    color: var(--pu-danger);
    font-weight: 700;
  }
  .field .error-text:empty {
    display: none;
  }
  .stats {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
  }
  .head-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
    align-items: center;
  }
  dl.facts {
    margin: 0;
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    gap: var(--pu-space-1) var(--pu-space-4);
  }
  dl.facts dt {
    font-weight: 600;
    color: var(--pu-ink-muted);
  }
  dl.facts dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .kind-actual {
    --alert-ink: #ffffff;
    --alert-bg: #a4170d;
  }
  .kind-exercise {
    --alert-ink: #161b26;
    --alert-bg: #ffd24d;
  }
  .kind-test {
    --alert-ink: #ffffff;
    --alert-bg: #1e40af;
  }
  @media (max-width: 480px) {
    dl.facts {
      grid-template-columns: minmax(0, 1fr);
    }
    dl.facts dd {
      margin-bottom: var(--pu-space-2);
    }
  }
`;
