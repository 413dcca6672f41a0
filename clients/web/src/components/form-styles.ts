import { css } from 'lit';

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
