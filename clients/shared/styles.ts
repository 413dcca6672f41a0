import { css, type CSSResult } from 'lit';

/**
 * Design tokens, set once on the document: custom properties inherit through shadow roots,
 * so every component reads the same values and a subtree may override one (e.g. the brand).
 * Text colours keep at least 7:1 on their surfaces (WCAG AAA for body text).
 */
export const tokens = css`
  :root {
    --pu-font: system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif;
    --pu-font-mono: ui-monospace, 'SFMono-Regular', 'DejaVu Sans Mono', Menlo, Consolas, monospace;

    --pu-ink: #161b26;
    --pu-ink-muted: #465065;
    --pu-canvas: #f2f4f8;
    --pu-surface: #ffffff;
    --pu-surface-sunken: #f7f8fb;
    --pu-border: #cfd5e1;
    --pu-border-strong: #8b94a7;

    --pu-primary: #1d4ed8;
    --pu-primary-hover: #1e40af;
    --pu-primary-ink: #ffffff;
    --pu-primary-soft: #e6edff;

    --pu-success: #136c3a;
    --pu-success-soft: #e3f5ea;
    --pu-warning: #8a4b00;
    --pu-warning-soft: #fff2dc;
    --pu-danger: #b42318;
    --pu-danger-soft: #fdecea;

    --pu-brand: #1d4ed8;
    --pu-brand-ink: #ffffff;

    --pu-focus: #1d4ed8;
    --pu-focus-halo: #ffffff;

    --pu-space-1: 4px;
    --pu-space-2: 8px;
    --pu-space-3: 12px;
    --pu-space-4: 16px;
    --pu-space-5: 24px;
    --pu-space-6: 32px;
    --pu-space-7: 48px;

    --pu-radius-s: 6px;
    --pu-radius-m: 10px;
    --pu-radius-l: 16px;
    --pu-shadow: 0 1px 2px rgb(22 27 38 / 6%), 0 4px 16px rgb(22 27 38 / 6%);

    --pu-text-s: 0.875rem;
    --pu-text-m: 1rem;
    --pu-text-l: 1.25rem;
    --pu-text-xl: 1.75rem;

    --pu-duration: 160ms;
  }

  @media (prefers-reduced-motion: reduce) {
    :root {
      --pu-duration: 0ms;
    }
  }
`;

/** Page-level rules of a client's document (outside any shadow root). */
export const pageStyles = css`
  html {
    -webkit-text-size-adjust: 100%;
    text-size-adjust: 100%;
  }
  body {
    margin: 0;
    min-height: 100vh;
    font-family: var(--pu-font);
    font-size: var(--pu-text-m);
    line-height: 1.5;
    color: var(--pu-ink);
    background: var(--pu-canvas);
  }
`;

/** Shared rules for components: box sizing, focus ring, buttons, fields, cards, reduced motion. */
export const base = css`
  h1 {
    font-size: var(--pu-text-xl);
    line-height: 1.2;
  }
  /* page headings are focused by script to guide screen readers, not by the person: no ring */
  h1:focus,
  h1:focus-visible {
    outline: none;
    box-shadow: none;
  }
  :host {
    font-family: var(--pu-font);
    color: var(--pu-ink);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 3px solid var(--pu-focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px var(--pu-focus-halo);
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  h1,
  h2,
  h3,
  p {
    margin: 0;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--pu-space-2);
    min-height: 44px;
    padding: var(--pu-space-2) var(--pu-space-4);
    border: 1px solid var(--pu-border-strong);
    border-radius: var(--pu-radius-s);
    background: var(--pu-surface);
    color: var(--pu-ink);
    font-weight: 600;
    cursor: pointer;
    text-decoration: none;
    transition: background-color var(--pu-duration) ease, border-color var(--pu-duration) ease;
  }
  .button:hover {
    background: var(--pu-surface-sunken);
  }
  .button.primary {
    background: var(--pu-primary);
    border-color: var(--pu-primary);
    color: var(--pu-primary-ink);
  }
  .button.primary:hover {
    background: var(--pu-primary-hover);
  }
  .button[disabled],
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.65;
  }
  .field {
    display: grid;
    gap: var(--pu-space-1);
  }
  .field label {
    font-weight: 600;
  }
  .field .hint {
    color: var(--pu-ink-muted);
    font-size: var(--pu-text-s);
  }
  .input {
    width: 100%;
    min-height: 44px;
    padding: var(--pu-space-2) var(--pu-space-3);
    border: 1px solid var(--pu-border-strong);
    border-radius: var(--pu-radius-s);
    background: var(--pu-surface);
  }
  .input[aria-invalid='true'] {
    border-color: var(--pu-danger);
    box-shadow: inset 0 0 0 1px var(--pu-danger);
  }
  .card {
    background: var(--pu-surface);
    border: 1px solid var(--pu-border);
    border-radius: var(--pu-radius-m);
    box-shadow: var(--pu-shadow);
  }
  .notice {
    padding: var(--pu-space-3) var(--pu-space-4);
    border-radius: var(--pu-radius-s);
    border-left: 4px solid currentColor;
  }
  .notice.error {
    color: var(--pu-danger);
    background: var(--pu-danger-soft);
  }
  .notice.success {
    color: var(--pu-success);
    background: var(--pu-success-soft);
  }
  .notice.warning {
    color: var(--pu-warning);
    background: var(--pu-warning-soft);
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      animation-iteration-count: 1 !important;
      transition-duration: 0.01ms !important;
      scroll-behavior: auto !important;
    }
  }
`;

/** Adds stylesheets to the document itself (tokens, page rules) without any inline <style>. */
export function adoptDocumentStyles(...sheets: CSSResult[]): void {
  const adopted = sheets.map((s) => s.styleSheet).filter((s): s is CSSStyleSheet => !!s);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, ...adopted];
}

/** A block card of the shell (live feed, memberships, forms): host, padding and title row. */
export const cardSection = css`
  :host {
    display: block;
  }
  .card {
    padding: var(--pu-space-5);
    display: grid;
    gap: var(--pu-space-4);
  }
  .card h2 {
    font-size: var(--pu-text-l);
    display: flex;
    align-items: center;
    gap: var(--pu-space-2);
  }
`;

/** "Nothing here yet": a dashed box with a large icon and a line of text (live feed, news lists). */
export const emptyState = css`
  .empty {
    display: grid;
    justify-items: center;
    gap: var(--pu-space-3);
    text-align: center;
    padding: var(--pu-space-6) var(--pu-space-4);
    border: 2px dashed var(--pu-border);
    border-radius: var(--pu-radius-m);
    color: var(--pu-ink-muted);
  }
  .empty .icon {
    color: var(--pu-primary);
  }
`;

/** A small turning ring in the text colour, for a button that is busy (sign-in, activation). */
export const spinner = css`
  .spinner {
    width: 18px;
    height: 18px;
    border: 2px solid currentColor;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;

/** The round, softly tinted badge an item's icon sits in (live feed, notifications). */
export const iconBubble = css`
  .bubble {
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    border-radius: 50%;
    color: var(--pu-primary);
    background: var(--pu-primary-soft);
  }
`;

/** The whole-screen message of a client's root while the session loads or the hub is unreachable. */
export const centerScreen = css`
  :host {
    display: block;
  }
  .center {
    min-height: 100vh;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: var(--pu-space-4);
    padding: var(--pu-space-5);
    text-align: center;
  }
`;
