import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';

/** The Préau wordmark: a schoolyard shelter's roof over the name, in the surrounding text colour. */
@customElement('pu-wordmark')
export class Wordmark extends LitElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      font-weight: 800;
      font-size: 1.35rem;
      letter-spacing: -0.01em;
      line-height: 1;
      color: inherit;
    }
    svg {
      flex: none;
      /* scales with the font size, so a kiosk's huge wordmark keeps its proportions */
      width: 1.35em;
      height: 1.15em;
    }
  `;

  override render() {
    return html`<svg viewBox="0 0 30 26" aria-hidden="true" focusable="false">
        <path d="M2 11 15 3l13 8" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" />
        <path d="M7 12v11M23 12v11M4 23h22" fill="none" stroke="currentColor" stroke-width="2.4" stroke-linecap="round" />
      </svg>
      <span>Préau</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pu-wordmark': Wordmark;
  }
}
