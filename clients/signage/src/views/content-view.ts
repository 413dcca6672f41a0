import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import '../components/big-clock';
import '../components/board-panel';
import { kioskTokens } from '../components/kiosk-styles';
import '../components/news-carousel';
import '../components/school-header';
import '../components/ticker-band';
import type { KioskState } from '../lib/kiosk-state';
import { effectiveLayout } from '../lib/layout';
import { visibleNews } from '../lib/news';
import { pixelShift } from '../lib/pixel-shift';
import { visibleFlashes } from '../lib/ticker';

/**
 * The screen's everyday face: the school's header, the board and the news as its content
 * settings say, the ticker. Landscape puts board and news side by side, portrait one above
 * the other; whichever is alone takes the whole body.
 */
@customElement('ps-content')
export class ContentView extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        position: fixed;
        inset: 0;
        display: block;
        background: var(--k-ground);
        overflow: hidden;
      }
      /* the frame reaches past the screen's edges by more than the pixel shift, so no edge of
         the header or ticker bands is ever bared; the bands pad their content back in */
      .frame {
        --bleed: 8px;
        position: absolute;
        inset: calc(-1 * var(--bleed));
        display: flex;
        flex-direction: column;
        transition: transform 4s ease-in-out;
      }
      main {
        flex: 1;
        min-height: 0;
        display: grid;
        gap: calc(2.4 * var(--u));
        padding: calc(2.4 * var(--u)) calc(3 * var(--u) + var(--bleed));
      }
      .landscape.both main {
        grid-template-columns: 1.3fr 1fr;
      }
      .portrait.both main {
        grid-template-rows: 1.25fr 1fr;
      }
      .idle {
        display: grid;
        place-items: center;
      }
      .idle ps-big-clock {
        --size: 22;
      }
    `,
  ];

  @property({ attribute: false }) state!: KioskState;
  @property({ type: Number }) now = 0;
  /** Hub time of the data when stale (badge), else null. */
  @property({ attribute: false }) staleAt: number | null = null;
  private readonly orientation = window.matchMedia('(orientation: portrait)');
  private readonly onOrientation = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    this.orientation.addEventListener('change', this.onOrientation);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.orientation.removeEventListener('change', this.onOrientation);
  }

  override render() {
    const { screen, school, board } = this.state;
    const showBoard = screen.content.board && board !== null;
    const news = visibleNews(this.state.news, screen.content, this.now);
    const flashes = screen.content.ticker ? visibleFlashes(this.state.flashes, screen.zone, this.now) : [];
    const shift = pixelShift(this.now);
    const layout = effectiveLayout(screen.layout, window.innerWidth, window.innerHeight);
    const fill = showBoard && news.length > 0 ? 'both' : showBoard || news.length > 0 ? 'one' : 'none';
    return html`<div
      class="frame ${layout} ${fill}"
      style=${styleMap({ transform: `translate(${shift.x}px, ${shift.y}px)` })}
    >
      <ps-school-header .school=${school} .now=${this.now} layout=${layout} .clock=${fill !== 'none'} .staleAt=${this.staleAt}></ps-school-header>
      <main class=${fill === 'none' ? 'idle' : ''}>
        ${showBoard ? html`<ps-board .board=${board!} .now=${this.now}></ps-board>` : nothing}
        ${news.length > 0 ? html`<ps-news .items=${news} .now=${this.now} ?alone=${!showBoard} ?wide=${!showBoard && layout === 'landscape'}></ps-news>` : nothing}
        ${fill === 'none' ? html`<ps-big-clock .now=${this.now} timeZone=${school.timeZone}></ps-big-clock>` : nothing}
      </main>
      ${flashes.length > 0 ? html`<ps-ticker .flashes=${flashes}></ps-ticker>` : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-content': ContentView;
  }
}
