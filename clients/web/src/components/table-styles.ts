import { css } from 'lit';

/** The web client's data tables (messagerie lists, screens): a bordered, scrollable wrap and plain rows. */
export const dataTableStyles = css`
  .table-wrap {
    overflow-x: auto;
    border: 1px solid var(--pu-border);
    border-radius: var(--pu-radius-s);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  caption {
    text-align: left;
    font-weight: 700;
    padding: var(--pu-space-2) var(--pu-space-3);
  }
  th,
  td {
    padding: var(--pu-space-2) var(--pu-space-3);
    border-bottom: 1px solid var(--pu-border);
    text-align: left;
    vertical-align: top;
  }
  thead th {
    background: var(--pu-surface-sunken);
    color: var(--pu-ink-muted);
    font-weight: 700;
  }
  tbody tr:last-child th,
  tbody tr:last-child td {
    border-bottom: 0;
  }
`;
