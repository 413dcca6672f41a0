import { css, unsafeCSS } from 'lit';

/** A fieldset as a plain group of choices: no frame, its legend a bold label (news and absences forms). */
export const fieldsetStyles = css`
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
    display: grid;
    gap: var(--pu-space-2);
  }
  legend {
    padding: 0;
    margin-bottom: var(--pu-space-2);
    font-weight: 700;
  }
`;

/**
 * A field made of parts (chips and a text input, a toolbar and an editable area) framed as one
 * input, with the focus and error (`.invalid`) states a plain input shows.
 */
export function framedField(selector: string) {
  const frame = unsafeCSS(selector);
  return css`
    ${frame} {
      border: 1px solid var(--pu-border-strong);
      border-radius: var(--pu-radius-s);
      background: var(--pu-surface);
    }
    ${frame}:focus-within {
      border-color: var(--pu-focus);
      box-shadow: 0 0 0 1px var(--pu-focus);
    }
    ${frame}.invalid {
      border-color: var(--pu-danger);
      box-shadow: inset 0 0 0 1px var(--pu-danger);
    }
  `;
}
