import { css } from 'lit';
import { base, cardSection } from '../../../shared/styles';
import { fieldsetStyles } from './form-styles';
import { newsStyles } from './news-styles';

/**
 * Rules the absences pages share: status chips (each tone keeps at least 7:1), cards of one
 * absence, form grids, the "new" highlight of what arrived live. Colour is never alone: every
 * chip carries its words.
 */
export const absencesStyles = css`
  :host {
    display: grid;
    gap: var(--pu-space-5);
  }
  /* live regions stay in the page for screen readers; while empty they take no row (nor gap) of the grid */
  [role='alert']:empty,
  [role='status']:empty {
    position: absolute;
  }
  .status {
    display: inline-flex;
    align-items: center;
    gap: var(--pu-space-1);
    padding: 1px var(--pu-space-2);
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: var(--pu-text-s);
    font-weight: 700;
    line-height: 1.6;
    white-space: nowrap;
  }
  .status.unjustified,
  .status.missing,
  .status.cancelled {
    color: var(--pu-danger);
    background: var(--pu-danger-soft);
  }
  .status.pending,
  .status.replaced,
  .status.moved {
    color: var(--pu-warning);
    background: var(--pu-warning-soft);
  }
  .status.justified,
  .status.done {
    color: var(--pu-success);
    background: var(--pu-success-soft);
  }
  .status.refused {
    color: #ffffff;
    background: var(--pu-danger);
    border-color: var(--pu-danger);
  }
  .status.upcoming,
  .status.neutral {
    color: var(--pu-ink-muted);
    background: var(--pu-surface);
  }
  .status.new {
    color: #ffffff;
    background: var(--pu-primary);
    border-color: var(--pu-primary);
  }
  .muted {
    color: var(--pu-ink-muted);
  }
  .small-text {
    font-size: var(--pu-text-s);
  }
  ul.plain,
  ol.plain {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--pu-space-3);
  }
  .panel {
    padding: var(--pu-space-5);
    display: grid;
    gap: var(--pu-space-4);
  }
  .panel > h2 {
    font-size: var(--pu-text-l);
    display: flex;
    align-items: center;
    gap: var(--pu-space-2);
  }
  .arrived {
    animation: arrive 2.4s ease-out;
  }
  @keyframes arrive {
    from {
      background: var(--pu-primary-soft);
      box-shadow: 0 0 0 3px var(--pu-primary);
    }
  }
  .form-grid {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 220px), 1fr));
    gap: var(--pu-space-4);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--pu-space-2) var(--pu-space-3);
  }
  textarea.input {
    min-height: 88px;
    resize: vertical;
    font: inherit;
  }
  select.input {
    appearance: auto;
  }
  ${fieldsetStyles}
  .choice {
    display: flex;
    align-items: center;
    gap: var(--pu-space-2);
    min-height: 44px;
    cursor: pointer;
  }
  .choice input {
    flex: none;
    width: 22px;
    height: 22px;
    margin: 0;
    accent-color: var(--pu-primary);
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--pu-space-4);
  }
  .required {
    color: var(--pu-danger);
  }
`;

/**
 * An absences component set in a page (a form, an editor), after absencesStyles: a block rather
 * than the page's grid, its form a grid of fields.
 */
export const absencesFormStyles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: var(--pu-space-4);
  }
`;

/** All the rules of an absences card section set in a page (board settings, reasons), before its own. */
export const absencesCardStyles = [base, cardSection, newsStyles, absencesStyles, absencesFormStyles];
