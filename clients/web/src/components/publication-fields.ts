import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import type { ComposerState, FieldErrors } from '../lib/news-composer';
import { ACK_MODES } from '../lib/news-constants';
import { ackModeLabel } from '../lib/news-labels';
import { toZonedDate, toZonedInput } from '../../../../server/contracts/zoned-time';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsFieldStyles, newsStyles } from './news-styles';

export type PublicationPatch = Partial<ComposerState>;

/** The composer's « Publication » part: visibility, when, until when, à la une, acknowledgement, screens. */
@customElement('pw-publication-fields')
export class PublicationFields extends LitElement {
  static override styles = [
    base,
    newsStyles,
    newsFieldStyles,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-5);
      }
      .inline {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2) var(--pu-space-5);
      }
      .nested {
        margin-left: 28px;
        display: grid;
        gap: var(--pu-space-3);
        max-width: 420px;
      }
      .dates {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(150px, 1fr));
        gap: var(--pu-space-3);
      }
      .notice {
        display: flex;
        gap: var(--pu-space-2);
        font-size: var(--pu-text-s);
      }
      .notice .icon {
        flex: none;
      }
    `,
  ];

  @property({ attribute: false }) value!: ComposerState;
  @property({ attribute: false }) errors: FieldErrors = {};
  @property() timeZone = 'Europe/Paris';

  private readonly locale = new LocaleController(this, i18n);

  /** Focuses the field of an error summary's link. */
  focusField(id: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#${id}`)?.focus();
  }

  override render() {
    const t = i18n.t;
    const v = this.value;
    const e = this.errors;
    const now = new Date();
    const today = toZonedDate(now, this.timeZone);
    return html`<fieldset>
        <legend>${t('composer.visibility')}</legend>
        ${this.radio('visibility', 'ent', v.visibility === 'ent', t('composer.visibility.ent'), t('composer.visibility.entHint'), () => this.patch({ visibility: 'ent' }), 'f-visibility')}
        ${this.radio('visibility', 'public', v.visibility === 'public', t('composer.visibility.public'), '', () => this.patch({ visibility: 'public' }))}
        ${v.visibility === 'public'
          ? html`<p class="notice warning" role="note">${icon('alert', 18)}<span>${t('composer.visibility.publicHint')}</span></p>`
          : nothing}
      </fieldset>

      <fieldset>
        <legend>${t('composer.when')}</legend>
        <div class="inline">
          ${this.radio('when', 'now', !v.schedule, t('composer.when.now'), '', () => this.patch({ schedule: false }))}
          ${this.radio('when', 'schedule', v.schedule, t('composer.when.schedule'), '', () =>
            this.patch({ schedule: true, publishAt: v.publishAt || defaultPublishAt(now, this.timeZone) }),
          )}
        </div>
        ${v.schedule
          ? html`<div class="nested">
              ${this.dateField('f-publishAt', t('composer.publishAt'), 'datetime-local', v.publishAt, e.publishAt, (x) => this.patch({ publishAt: x }), {
                min: toZonedInput(now, this.timeZone),
                hint: t('composer.timeZoneHint', { zone: this.timeZone }),
              })}
            </div>`
          : nothing}
      </fieldset>

      ${this.dateField('f-expireOn', t('composer.expireOn'), 'date', v.expireOn, e.expireOn, (x) => this.patch({ expireOn: x }), {
        min: today,
        hint: t('composer.expireHint'),
      })}

      <fieldset>
        <legend class="visually-hidden">${t('composer.pinned')}</legend>
        ${this.checkbox('f-pinned', v.pinned, t('composer.pinned'), t('composer.pinnedHint'), (on) => this.patch({ pinned: on }))}
        ${v.pinned
          ? html`<div class="nested">
              ${this.dateField('f-pinnedUntil', t('composer.pinnedUntil'), 'date', v.pinnedUntil, e.pinnedUntil, (x) => this.patch({ pinnedUntil: x }), { min: today })}
            </div>`
          : nothing}
      </fieldset>

      <fieldset aria-describedby="ack-hint">
        <legend>${t('composer.ack')}</legend>
        <span class="hint" id="ack-hint">${t('composer.ackHint')}</span>
        <div class="inline">
          ${ACK_MODES.map((m, i) =>
            this.radio('ack', m, v.ackMode === m, ackModeLabel(m, t), '', () => this.patch({ ackMode: m }), i === 0 ? 'f-ackMode' : undefined),
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend class="visually-hidden">${t('composer.screens')}</legend>
        ${this.checkbox('f-screens', v.onScreens, t('composer.screens'), t('composer.screensHint'), (on) =>
          this.patch({ onScreens: on, screensFrom: v.screensFrom || today, screensUntil: v.screensUntil || today }),
        )}
        ${v.onScreens
          ? html`<div class="nested">
              <div class="dates">
                ${this.dateField('f-screensFrom', t('composer.screensFrom'), 'date', v.screensFrom, undefined, (x) => this.patch({ screensFrom: x }), { min: today })}
                ${this.dateField('f-screensUntil', t('composer.screensUntil'), 'date', v.screensUntil, undefined, (x) => this.patch({ screensUntil: x }), { min: today })}
              </div>
              ${e.screens ? html`<span class="error-text" id="screens-error">${e.screens}</span>` : nothing}
            </div>`
          : nothing}
      </fieldset>`;
  }

  private radio(name: string, value: string, checked: boolean, label: string, hint: string, pick: () => void, id?: string) {
    return html`<label class="choice">
      <input type="radio" id=${id ?? nothing} name=${name} value=${value} .checked=${checked} @change=${pick} />
      <span>${label}${hint ? html`<span class="hint">${hint}</span>` : nothing}</span>
    </label>`;
  }

  private checkbox(id: string, checked: boolean, label: string, hint: string, toggle: (on: boolean) => void) {
    return html`<label class="choice">
      <input type="checkbox" id=${id} .checked=${checked} @change=${(e: Event) => toggle((e.target as HTMLInputElement).checked)} />
      <span>${label}<span class="hint">${hint}</span></span>
    </label>`;
  }

  private dateField(
    id: string,
    label: string,
    type: 'date' | 'datetime-local',
    value: string,
    error: string | undefined,
    change: (v: string) => void,
    opts: { min?: string; hint?: string } = {},
  ) {
    const described = [opts.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        class="input"
        type=${type}
        min=${opts.min ?? nothing}
        .value=${value}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${described || nothing}
        @change=${(e: Event) => change((e.target as HTMLInputElement).value)}
      />
      ${opts.hint ? html`<span class="hint" id="${id}-hint">${opts.hint}</span>` : nothing}
      ${error ? html`<span class="error-text" id="${id}-error">${error}</span>` : nothing}
    </div>`;
  }

  private patch(p: PublicationPatch): void {
    this.dispatchEvent(new CustomEvent<PublicationPatch>('pw-patch', { detail: p, bubbles: true, composed: true }));
  }
}

/** Tomorrow 07:30 at the school: when the pause numérique ends and families check their phones. */
export function defaultPublishAt(now: Date, timeZone: string): string {
  return `${toZonedDate(new Date(now.getTime() + 86_400_000), timeZone)}T07:30`;
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-publication-fields': PublicationFields;
  }
}
