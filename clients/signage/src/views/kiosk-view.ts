import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import '../components/alert-screen';
import type { AlertScreen } from '../components/alert-screen';
import '../components/big-clock';
import '../components/identify-overlay';
import { kioskTokens } from '../components/kiosk-styles';
import { KioskController, type KioskDeps } from '../controllers/kiosk-controller';
import { t } from '../i18n';
import { pixelShift } from '../lib/pixel-shift';
import './content-view';
import './waiting-view';

/** A paired screen: its content, or an alert over everything, or black (blanked, or off by schedule). */
@customElement('ps-kiosk')
export class KioskView extends LitElement {
  static override styles = [
    kioskTokens,
    css`
      :host {
        position: fixed;
        inset: 0;
        display: block;
        background: #000;
      }
      .black {
        position: fixed;
        inset: 0;
        background: #000;
      }
      /* off by schedule: a dim clock wandering slowly, so staff see the screen is alive */
      .off ps-big-clock {
        position: absolute;
        left: 50%;
        top: 50%;
        --size: 9;
        transition: transform 6s ease-in-out;
      }
    `,
  ];

  @property({ attribute: false }) deps!: KioskDeps;
  @query('ps-alert') private alertScreen?: AlertScreen;
  private controller?: KioskController;

  override connectedCallback(): void {
    // the controller needs its dependencies, set as a property before the element is attached
    this.controller ??= new KioskController(this, this.deps);
    super.connectedCallback();
  }

  override render() {
    const v = this.controller!.view();
    if (!v.loaded) return html`<div class="black"></div>`;
    if (!v.state) return html`<ps-waiting .now=${v.now} ?offline=${!v.reachable}></ps-waiting>`;
    const { state } = v;
    const tz = state.school.timeZone;
    return html`
      ${v.mode === 'alert' && v.phase
        ? html`<ps-alert .phase=${v.phase} timeZone=${tz} schoolName=${state.school.name}></ps-alert>`
        : v.mode === 'blank'
          ? html`<div class="black" role="img" aria-label=${t('blank.label')}></div>`
          : v.mode === 'scheduled_off'
            ? this.off(v.now, tz)
            : html`<ps-content .state=${state} .now=${v.now} .staleAt=${v.staleAt}></ps-content>`}
      ${v.identify && v.mode !== 'alert' ? html`<ps-identify .screen=${state.screen}></ps-identify>` : nothing}
    `;
  }

  override async updated(): Promise<void> {
    const v = this.controller!.view();
    // what the screen shows, for people checking it from DevTools and for browser tests
    if (v.state) this.dataset.display = v.mode;
    else delete this.dataset.display;
    if (v.phase?.kind !== 'active' || !this.alertScreen) return;
    // confirmed once the alert's own element has drawn, not merely once it was asked to
    await this.alertScreen.updateComplete;
    this.controller!.confirmAlertShown(v.phase.alert.id);
  }

  private off(now: number, timeZone: string) {
    const { x, y } = pixelShift(now, 80);
    return html`<div class="black off" role="img" aria-label=${t('off.label')}>
      <ps-big-clock dim .now=${now} timeZone=${timeZone} style=${styleMap({ transform: `translate(calc(-50% + ${x}px), calc(-50% + ${y}px))` })}></ps-big-clock>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-kiosk': KioskView;
  }
}
