import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { MeDto } from '../../../../server/contracts/auth';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import { membershipKey, profileLabel, sentenceCase } from '../lib/person-labels';
import { i18n } from '../i18n';
import { icon } from './icons';

/** Detail of the `pw-switch` event: the membership the person wants to work in. */
export interface SwitchRequest {
  uai: string;
  profile: MeDto['current']['profile'];
}

/** "Mes établissements": every membership, the current one marked, the others one click away. */
@customElement('pw-memberships-card')
export class MembershipsCard extends LitElement {
  static override styles = [
    base,
    cardSection,
    css`
      .card {
        gap: var(--pu-space-3);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: center;
        gap: var(--pu-space-2) var(--pu-space-3);
        padding: var(--pu-space-3);
        border-radius: var(--pu-radius-s);
        border: 1px solid var(--pu-border);
      }
      li.current {
        border-color: var(--pu-primary);
        background: var(--pu-primary-soft);
      }
      .school {
        font-weight: 700;
        overflow-wrap: anywhere;
      }
      .details {
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
      }
      .badge {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-1);
        font-size: var(--pu-text-s);
        font-weight: 700;
        color: var(--pu-primary);
      }
      .button {
        min-height: 36px;
        padding-block: var(--pu-space-1);
      }
      @media (max-width: 480px) {
        .card {
          padding: var(--pu-space-4);
        }
      }
    `,
  ];

  @property({ attribute: false }) me!: MeDto;
  @property({ type: Boolean }) busy = false;

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    const currentKey = membershipKey({ uai: this.me.current.school.uai, profile: this.me.current.profile });
    return html`<section class="card" aria-labelledby="memberships-title">
      <h2 id="memberships-title">${icon('school', 22)}${t('memberships.title')}</h2>
      <ul>
        ${this.me.memberships.map((m) => {
          const isCurrent = membershipKey(m) === currentKey;
          const profile = profileLabel(m.profile, m.staffFunction, t);
          return html`<li class=${isCurrent ? 'current' : ''} aria-current=${isCurrent ? 'true' : nothing}>
            <div>
              <div class="school">${m.schoolName}</div>
              <div class="details">${sentenceCase(profile)} · ${t('memberships.uai', { uai: m.uai })}</div>
            </div>
            ${isCurrent
              ? html`<span class="badge">${icon('check', 16)}${t('memberships.current')}</span>`
              : html`<button
                  class="button"
                  type="button"
                  ?disabled=${this.busy}
                  aria-label=${t('memberships.switchToLabel', { school: m.schoolName, profile })}
                  @click=${() => this.requestSwitch({ uai: m.uai, profile: m.profile })}
                >
                  ${t('memberships.switchTo')}
                </button>`}
          </li>`;
        })}
      </ul>
    </section>`;
  }

  private requestSwitch(detail: SwitchRequest): void {
    this.dispatchEvent(new CustomEvent<SwitchRequest>('pw-switch', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-memberships-card': MembershipsCard;
  }
}
