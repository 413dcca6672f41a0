import { css } from 'lit';
import { dataTableStyles } from './table-styles';

/**
 * Rules the messagerie pages share on top of the news ones (chips, page heads, empty states):
 * the chips of a message's state, the notices of the freeze and of a teacher's hours, the
 * tables of the tool pages. Each tone keeps at least 7:1 between its text and its background.
 */
export const messagingStyles = css`
  :host {
    display: grid;
    gap: var(--pu-space-4);
    min-width: 0;
  }
  .chip.recalled {
    color: var(--pu-ink-muted);
    background: var(--pu-surface-sunken);
  }
  .chip.held {
    color: var(--pu-warning);
    background: var(--pu-warning-soft);
  }
  .chip.read {
    color: var(--pu-success);
    background: var(--pu-success-soft);
  }
  .chip.list,
  .chip.draft {
    color: var(--pu-ink-muted);
  }
  .chips .chip {
    white-space: normal;
    max-width: 100%;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-1) var(--pu-space-2);
    align-items: center;
  }
  .notice p + p,
  .notice p + ul {
    margin-top: var(--pu-space-1);
  }
  .notice ul {
    margin: var(--pu-space-1) 0 0;
    padding-left: var(--pu-space-5);
  }
  .notice.info {
    color: var(--pu-primary-hover);
    background: var(--pu-primary-soft);
  }
  .notice.with-icon {
    display: flex;
    align-items: flex-start;
    gap: var(--pu-space-2);
  }
  .notice.with-icon .icon {
    flex: none;
    margin-top: 2px;
  }
  :host > * {
    min-width: 0;
  }
  .card.block {
    padding: var(--pu-space-5);
    display: grid;
    gap: var(--pu-space-4);
    min-width: 0;
  }
  .card.block > h2 {
    font-size: var(--pu-text-l);
    display: flex;
    align-items: center;
    gap: var(--pu-space-2);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--pu-space-2);
    align-items: center;
  }
  .muted {
    color: var(--pu-ink-muted);
    font-size: var(--pu-text-s);
  }
  select.input {
    appearance: auto;
  }
  ${dataTableStyles}
  table {
    font-size: var(--pu-text-s);
  }
  .num {
    text-align: right;
    white-space: nowrap;
  }
  @media (max-width: 480px) {
    .card.block {
      padding: var(--pu-space-4);
    }
  }
`;
