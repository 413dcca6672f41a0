import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ScreenNewsDto } from '../../../../server/contracts/signage';
import { categoryLabel, t } from '../i18n';
import { slideMs, stepCarousel, type CarouselState } from '../lib/carousel';
import { kioskPanel, kioskTokens } from './kiosk-styles';
import { newsBodyElement } from './news-body';

/** The news of the screen's categories, one at a time, each for its own duration. */
@customElement('ps-news')
export class NewsCarousel extends LitElement {
  static override styles = [
    kioskTokens,
    kioskPanel,
    css`
      section {
        overflow: hidden;
      }
      article {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
        animation: enter 700ms ease-out;
      }
      @keyframes enter {
        from {
          opacity: 0;
          transform: translateY(calc(1.5 * var(--u)));
        }
      }
      .picture {
        flex: 0 1 auto;
        max-height: 46%;
        min-height: 0;
        width: 100%;
        object-fit: cover;
        background: var(--k-surface-2);
      }
      .text {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
        gap: calc(1.4 * var(--u));
        padding: calc(2.4 * var(--u)) calc(2.8 * var(--u)) calc(1.2 * var(--u));
        overflow: hidden;
        /* a long text fades out at the bottom rather than being cut mid-line */
        -webkit-mask-image: linear-gradient(to bottom, #000 82%, transparent);
        mask-image: linear-gradient(to bottom, #000 82%, transparent);
      }
      .kicker {
        font-size: calc(2.4 * var(--u));
        font-weight: 800;
        text-transform: uppercase;
        letter-spacing: 0.08em;
        color: var(--k-moved);
      }
      h2 {
        font-size: calc(4.6 * var(--u));
        font-weight: 800;
        line-height: 1.12;
        letter-spacing: -0.01em;
      }
      .body {
        font-size: calc(3 * var(--u));
        line-height: 1.35;
        color: var(--k-ink-muted);
      }
      .body p + p,
      .body ul,
      .body ol {
        margin-top: calc(1 * var(--u));
      }
      .body ul,
      .body ol {
        padding-left: calc(3.4 * var(--u));
      }
      .body h2,
      .body h3 {
        font-size: calc(3.3 * var(--u));
        color: var(--k-ink);
        margin-top: calc(1 * var(--u));
      }
      .body strong,
      .body b {
        color: var(--k-ink);
      }
      footer {
        display: flex;
        align-items: center;
        gap: calc(1.6 * var(--u));
        padding: calc(1.2 * var(--u)) calc(2.8 * var(--u)) calc(1.8 * var(--u));
      }
      .position {
        font-size: calc(2.2 * var(--u));
        color: var(--k-ink-faint);
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      .bar {
        flex: 1;
        height: calc(0.6 * var(--u));
        border-radius: 999px;
        background: var(--k-line);
        overflow: hidden;
      }
      .bar span {
        display: block;
        height: 100%;
        background: var(--k-ink-muted);
        transform-origin: left;
        animation: run linear forwards;
      }
      @keyframes run {
        from {
          transform: scaleX(0);
        }
      }
      /* alone on the screen, in landscape: the picture beside the text */
      :host([wide]) article.with-picture {
        flex-direction: row;
      }
      .picture[hidden] {
        display: none;
      }
      :host([wide]) article.with-picture .picture {
        max-height: none;
        width: 46%;
        height: 100%;
      }
      /* without a picture the text has the room: larger */
      article:not(.with-picture) h2 {
        font-size: calc(5.4 * var(--u));
      }
      article:not(.with-picture) .body {
        font-size: calc(3.5 * var(--u));
      }
      :host([alone]) .kicker {
        font-size: calc(3 * var(--u));
      }
      :host([alone]) h2 {
        font-size: calc(7 * var(--u));
      }
      :host([alone]) .body {
        font-size: calc(4.6 * var(--u));
      }
      :host([alone]) .text {
        padding: calc(3.6 * var(--u)) calc(4.4 * var(--u)) calc(2 * var(--u));
        gap: calc(2.2 * var(--u));
      }
    `,
  ];

  @property({ attribute: false }) items: ScreenNewsDto[] = [];
  @property({ type: Number }) now = 0;
  /** The only panel of the body: larger text. */
  @property({ type: Boolean, reflect: true }) alone = false;
  /** Alone and in landscape: the picture beside the text. */
  @property({ type: Boolean, reflect: true }) wide = false;
  @state() private _slide: CarouselState | null = null;
  private order: string[] = [];
  /** The current item's body, built once per item rather than every second. */
  private body: { key: string; element: HTMLElement } | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('items') || changed.has('now')) {
      this._slide = stepCarousel(this.items, this._slide, this.now, this.order);
      this.order = this.items.map((i) => i.id);
    }
  }

  override render() {
    const item = this.items.find((i) => i.id === this._slide?.id);
    if (!item || !this._slide) return nothing;
    const key = `${item.id}|${item.body}`;
    if (this.body?.key !== key) this.body = { key, element: newsBodyElement(item.body) };
    const index = this.items.indexOf(item);
    return html`<section data-testid="news" aria-roledescription=${t('news.roledescription')} aria-label=${t('news.title')}>
      ${keyed(
        `${item.id}|${this._slide.since}`,
        html`<article class=${item.imageUrl ? 'with-picture' : ''} data-id=${item.id}>
          ${item.imageUrl ? html`<img class="picture" src=${item.imageUrl} alt="" @error=${hide} />` : nothing}
          <div class="text">
            <span class="kicker">${item.pinned ? t('news.pinned') : categoryLabel(item.category)}</span>
            <h2>${item.title}</h2>
            ${this.body.element}
          </div>
        </article>`,
      )}
      ${this.items.length > 1
        ? html`<footer>
            <span class="position">${t('news.position', { n: index + 1, count: this.items.length })}</span>
            <span class="bar" aria-hidden="true">${keyed(`${item.id}|${this._slide.since}`, html`<span style=${styleMap({ animationDuration: `${slideMs(item)}ms` })}></span>`)}</span>
          </footer>`
        : nothing}
    </section>`;
  }
}

/** A picture that fails (offline, removed) leaves the text alone rather than a broken icon. */
function hide(e: Event): void {
  (e.target as HTMLElement).hidden = true;
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-news': NewsCarousel;
  }
}
