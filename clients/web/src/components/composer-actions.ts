import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { AudienceCountDto } from '../../../../server/contracts/news';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import { publishButtonKey, type Intent } from '../lib/news-composer';
import { i18n } from '../i18n';
import type { CountStatus } from './audience-picker';
import { icon } from './icons';

/**
 * The composer's buttons with what pressing them will do: how many people, published directly or
 * sent to the direction. The main button says it too, so nobody "publishes" what goes to validation.
 */
@customElement('pw-composer-actions')
export class ComposerActions extends LitElement {
  static override styles = [
    base,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-3);
      }
      .count {
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
        font-weight: 700;
        font-size: var(--pu-text-l);
      }
      .direct,
      .validation,
      .hint {
        font-size: var(--pu-text-s);
      }
      .direct {
        color: var(--pu-success);
      }
      .validation {
        color: var(--pu-warning);
      }
      .hint {
        color: var(--pu-ink-muted);
      }
      .buttons {
        display: grid;
        gap: var(--pu-space-2);
      }
      @media (max-width: 900px) {
        .count {
          font-size: var(--pu-text-m);
        }
        .buttons {
          grid-template-columns: 1fr 1fr;
        }
      }
      @media (max-width: 480px) {
        .buttons {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @property({ attribute: false }) count: AudienceCountDto | null = null;
  @property() countStatus: CountStatus = 'idle';
  @property({ type: Boolean }) scheduled = false;
  /** The save under way, if any. */
  @property({ attribute: false }) saving: Intent | null = null;

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    const c = this.count;
    const direct = c ? c.directPublish : null;
    const busy = this.saving !== null;
    return html`${c
        ? html`<p class="count">${icon('users', 18)}${t(c.total > 1 ? 'audience.count.other' : 'audience.count.one', { n: c.total })}</p>
            <p class=${c.directPublish ? 'direct' : 'validation'}>${t(c.directPublish ? 'audience.direct' : 'audience.validation')}</p>`
        : html`<p class="hint">
            ${t(this.countStatus === 'loading' ? 'audience.count.loading' : this.countStatus === 'error' ? 'audience.count.failed' : 'audience.none')}
          </p>`}
      <div class="buttons">
        <button class="button primary" type="button" aria-disabled=${busy ? 'true' : 'false'} data-testid="publish" @click=${() => this.emit('publish')}>
          ${icon(direct ? 'send' : 'inbox', 18)}${this.saving === 'publish' ? t('composer.saving') : t(publishButtonKey(direct, this.scheduled))}
        </button>
        <button class="button" type="button" aria-disabled=${busy ? 'true' : 'false'} @click=${() => this.emit('draft')}>
          ${this.saving === 'draft' ? t('composer.saving') : t('composer.saveDraft')}
        </button>
      </div>`;
  }

  private emit(intent: Intent): void {
    this.dispatchEvent(new CustomEvent<Intent>('pw-save', { detail: intent, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-composer-actions': ComposerActions;
  }
}
