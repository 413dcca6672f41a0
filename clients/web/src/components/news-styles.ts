import { css } from 'lit';
import { emptyState } from '../../../shared/styles';
import { fieldsetStyles } from './form-styles';

/**
 * Rules the news pages share: category tags, status chips, markers, page headings and empty
 * states. Each tone keeps at least 7:1 between its text and its background.
 */
export const newsStyles = css`
  .tag,
  .chip,
  .marker {
    display: inline-flex;
    align-items: center;
    gap: var(--pu-space-1);
    padding: 1px var(--pu-space-2);
    border-radius: 999px;
    font-size: var(--pu-text-s);
    font-weight: 700;
    line-height: 1.6;
    white-space: nowrap;
  }
  .tag {
    color: var(--tone-ink, var(--pu-primary));
    background: var(--tone-soft, var(--pu-primary-soft));
  }
  .tone-vie_scolaire {
    --tone-ink: #1e40af;
    --tone-soft: #e6edff;
  }
  .tone-pedagogie {
    --tone-ink: #5b21b6;
    --tone-soft: #f1e9ff;
  }
  .tone-orientation {
    --tone-ink: #0f5f59;
    --tone-soft: #dcf3ef;
  }
  .tone-evenement {
    --tone-ink: #9d174d;
    --tone-soft: #fde7f1;
  }
  .tone-restauration {
    --tone-ink: #7a3e00;
    --tone-soft: #fff0d6;
  }
  .tone-urgent {
    --tone-ink: #ffffff;
    --tone-soft: #b42318;
  }
  .chip {
    border: 1px solid currentColor;
    background: var(--pu-surface);
  }
  .chip.draft,
  .chip.archived {
    color: var(--pu-ink-muted);
  }
  .chip.submitted {
    color: var(--pu-warning);
    background: var(--pu-warning-soft);
  }
  .chip.scheduled {
    color: var(--pu-primary-hover);
    background: var(--pu-primary-soft);
  }
  .chip.published {
    color: var(--pu-success);
    background: var(--pu-success-soft);
  }
  .chip.returned {
    color: var(--pu-danger);
    background: var(--pu-danger-soft);
  }
  .marker {
    padding-inline: 0;
    color: var(--pu-ink-muted);
    font-weight: 600;
  }
  .marker.pinned {
    padding-inline: var(--pu-space-2);
    color: #ffffff;
    background: var(--pu-ink);
  }
  .marker.unread {
    color: var(--pu-primary-hover);
  }
  .marker.unread::before {
    content: '';
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
  }
  .marker.ack {
    color: var(--pu-warning);
  }
  .marker.done {
    color: var(--pu-success);
  }
  .page-head {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    justify-content: space-between;
    gap: var(--pu-space-3) var(--pu-space-4);
  }
  .page-head .lead {
    color: var(--pu-ink-muted);
    margin-top: var(--pu-space-1);
    max-width: 70ch;
  }
  ${emptyState}
  .loading {
    display: flex;
    align-items: center;
    gap: var(--pu-space-3);
    color: var(--pu-ink-muted);
    padding: var(--pu-space-4) 0;
  }
  .spinner {
    flex: none;
    width: 20px;
    height: 20px;
    border: 3px solid var(--pu-border);
    border-top-color: var(--pu-primary);
    border-radius: 50%;
    animation: spin 0.9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .back {
    display: inline-flex;
    align-items: center;
    gap: var(--pu-space-2);
    color: var(--pu-primary);
    font-weight: 600;
    text-decoration: none;
    min-height: 44px;
  }
  .back:hover {
    text-decoration: underline;
  }
  .button.danger {
    color: var(--pu-danger);
    border-color: var(--pu-danger);
  }
  .button.danger.solid {
    color: #ffffff;
    background: var(--pu-danger);
  }
  .button.danger:hover {
    background: var(--pu-danger-soft);
  }
  .button.danger.solid:hover {
    background: #8f1c13;
  }
  .button.small {
    min-height: 36px;
    padding: var(--pu-space-1) var(--pu-space-3);
  }
  a.button {
    text-decoration: none;
  }
  .error-text {
    color: var(--pu-danger);
    font-size: var(--pu-text-s);
    font-weight: 600;
  }
`;

/**
 * The composer's form parts (rich text, files, audience, publication) render their own labels,
 * hints and choices inside their shadow roots, so the rules for them live here, not in the page.
 */
export const newsFieldStyles = css`
  .label {
    font-weight: 600;
  }
  .hint {
    color: var(--pu-ink-muted);
    font-size: var(--pu-text-s);
  }
  ${fieldsetStyles}
  .choice {
    display: flex;
    align-items: flex-start;
    gap: var(--pu-space-2);
    cursor: pointer;
  }
  .choice input {
    flex: none;
    width: 20px;
    height: 20px;
    margin: 2px 0 0;
    accent-color: var(--pu-primary);
  }
  .choice .hint {
    display: block;
  }
`;

/** A file as a row (icon or thumbnail, name over details, an action): the composer's uploads and an item's attachments. */
export const newsFileRowStyles = css`
  .file-row {
    display: grid;
    grid-template-columns: auto minmax(0, 1fr) auto;
    align-items: center;
    gap: var(--pu-space-3);
    padding: var(--pu-space-2) var(--pu-space-3);
    border: 1px solid var(--pu-border);
    border-radius: var(--pu-radius-s);
    background: var(--pu-surface-sunken);
  }
  .file-row .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .file-row .details {
    font-size: var(--pu-text-s);
    color: var(--pu-ink-muted);
  }
`;

/**
 * Rich text as the editor writes it (paragraphs, lists, quotes, links) in a `.body`: an item's
 * and a message's. Blocks are `--pw-body-gap` apart.
 */
export const richTextBodyStyles = css`
  .body > :first-child {
    margin-top: 0;
  }
  .body p,
  .body ul,
  .body ol,
  .body blockquote {
    margin: 0 0 var(--pw-body-gap, var(--pu-space-3));
  }
  .body a[href] {
    color: var(--pu-primary);
  }
`;
