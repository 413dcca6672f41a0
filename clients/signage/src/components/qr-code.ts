import { LitElement, css, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { qrPath } from '../lib/qr';

/** A QR code drawn as SVG, black on white whatever the theme: phones read it that way best. */
@customElement('ps-qr-code')
export class QrCode extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      background: #fff;
      line-height: 0;
    }
    svg {
      width: 100%;
      height: 100%;
      shape-rendering: crispEdges;
    }
  `;

  @property() value = '';
  @property() label = '';

  private cache: { value: string; path: ReturnType<typeof qrPath> } | null = null;

  override render() {
    if (!this.value) return null;
    if (this.cache?.value !== this.value) this.cache = { value: this.value, path: qrPath(this.value) };
    const { size, d } = this.cache.path;
    return svg`<svg viewBox="0 0 ${size} ${size}" role="img" aria-label=${this.label}>
      <rect width=${size} height=${size} fill="#fff" />
      <path d=${d} fill="#000" />
    </svg>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-qr-code': QrCode;
  }
}
