import { css, html } from 'lit';

/** A count in a pill beside a link (unread, waiting), « 99+ » past two digits. */
export const countBadgeStyles = css`
  .count {
    min-width: 22px;
    padding: 0 6px;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 700;
    line-height: 22px;
    text-align: center;
    color: var(--pu-primary-ink);
    background: var(--pu-primary);
  }
`;

/** The pill is for the eye; screen readers hear `label` (« 3 non lus ») after the link's name instead. */
export const countBadge = (n: number, label: string, tone = '') =>
  html`<span class="count ${tone}" aria-hidden="true">${n > 99 ? '99+' : n}</span><span class="visually-hidden">, ${label}</span>`;
