import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import type { KioskDeps } from '../controllers/kiosk-controller';
import { KioskApi } from '../services/kiosk-api';
import { localKioskPrefs } from '../services/kiosk-prefs';
import { indexedDbSnapshotStore } from '../services/snapshot-store';
import { localTokenStore } from '../services/token-store';
import { i18n } from '../i18n';
import { KIOSK_VERSION } from '../lib/version';
import './kiosk-view';
import './pairing-view';
import type { PairedDetail } from './pairing-view';

/** The kiosk: the pairing page until the screen has a device token, then the screen itself. */
@customElement('ps-app')
export class SignageApp extends LitElement {
  static override styles = css`
    :host {
      display: block;
      cursor: none;
    }
  `;

  private readonly tokens = localTokenStore();
  private readonly api = new KioskApi(this.tokens);
  private readonly store = indexedDbSnapshotStore();
  private readonly prefs = localKioskPrefs();
  @state() private _paired = this.tokens.get() !== null;

  constructor() {
    super();
    new LocaleController(this, i18n);
  }

  private readonly deps: KioskDeps = {
    api: this.api,
    tokens: this.tokens,
    store: this.store,
    prefs: this.prefs,
    version: KIOSK_VERSION,
    onUnpaired: () => (this._paired = false),
    reload: () => location.reload(),
  };

  override render() {
    return this._paired
      ? html`<ps-kiosk .deps=${this.deps}></ps-kiosk>`
      : html`<ps-pairing .api=${this.api} @paired=${(e: CustomEvent<PairedDetail>) => void this.paired(e.detail)}></ps-pairing>`;
  }

  private async paired({ token }: PairedDetail): Promise<void> {
    // a screen paired anew starts clean: nothing of a previous pairing is drawn
    await this.store.clear();
    this.prefs.clear();
    this.tokens.set(token);
    this._paired = true;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'ps-app': SignageApp;
  }
}
