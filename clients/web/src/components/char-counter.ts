import { html } from 'lit';
import type { Translate } from '../i18n';

/**
 * Characters left under a text field (« 12 caractères restants », « 3 caractères en trop »), in
 * the danger tone when over. Referenced by the field's aria-describedby rather than live: a
 * count read at every keystroke would drown what the person types.
 */
export const charCounter = (id: string, left: number, t: Translate) =>
  html`<span id=${id} class="counter ${left < 0 ? 'over' : ''}" data-testid=${id}>
    ${left < 0 ? t(-left > 1 ? 'signage.over.other' : 'signage.over.one', { n: -left }) : t(left > 1 ? 'signage.remaining.other' : 'signage.remaining.one', { n: left })}
  </span>`;
