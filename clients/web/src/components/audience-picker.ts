import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { GroupDto } from '../../../../server/contracts/directory';
import type { AudienceCountDto } from '../../../../server/contracts/news';
import { LocaleController } from '../../../shared/i18n';
import { base } from '../../../shared/styles';
import {
  audienceTargets,
  describeAudience,
  filterGroups,
  setEveryone,
  setGroup,
  setGroupProfile,
  setSchoolProfile,
  sortGroups,
  type AudienceState,
} from '../lib/audience';
import { AUDIENCE_PROFILES, GROUP_PROFILES } from '../lib/news-constants';
import { sentenceCase } from '../lib/person-labels';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsFieldStyles, newsStyles } from './news-styles';

export type CountStatus = 'idle' | 'loading' | 'ready' | 'error';
// a search box pays off once the list no longer fits a glance
const FILTER_FROM = 8;

/**
 * Who receives an item: the whole school, some profiles of it, and classes or groups with,
 * for each, its students, their guardians or its teachers. Tells how many people that is and
 * whether it will be published directly or go to the direction first.
 */
@customElement('pw-audience-picker')
export class AudiencePicker extends LitElement {
  static override styles = [
    base,
    newsStyles,
    newsFieldStyles,
    css`
      :host {
        display: grid;
        gap: var(--pu-space-4);
      }
      .choice {
        min-height: 32px;
      }
      .profiles {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-1) var(--pu-space-4);
      }
      .sub {
        color: var(--pu-ink-muted);
        font-size: var(--pu-text-s);
      }
      .groups {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-1);
        max-height: 360px;
        overflow: auto;
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
      }
      .groups li {
        padding: var(--pu-space-2) var(--pu-space-3);
        border-bottom: 1px solid var(--pu-border);
      }
      .groups li:last-child {
        border-bottom: 0;
      }
      .groups li.on {
        background: var(--pu-primary-soft);
      }
      .group-name {
        font-weight: 600;
      }
      .group-profiles {
        margin: var(--pu-space-2) 0 0 28px;
        padding: 0;
        border: 0;
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-1) var(--pu-space-4);
      }
      .group-profiles legend {
        font-weight: 400;
        font-size: var(--pu-text-s);
        color: var(--pu-ink-muted);
        margin-bottom: var(--pu-space-1);
        width: 100%;
      }
      .summary {
        display: grid;
        gap: var(--pu-space-1);
        padding: var(--pu-space-3) var(--pu-space-4);
        border-radius: var(--pu-radius-s);
        background: var(--pu-surface-sunken);
        border: 1px solid var(--pu-border);
      }
      .summary .count {
        font-weight: 700;
        display: flex;
        align-items: center;
        gap: var(--pu-space-2);
      }
      .summary .direct {
        color: var(--pu-success);
      }
      .summary .validation {
        color: var(--pu-warning);
      }
      .summary .who {
        overflow-wrap: anywhere;
      }
      [disabled] + span {
        opacity: 0.6;
      }
    `,
  ];

  @property({ attribute: false }) value!: AudienceState;
  /** The school's groups; null while loading. */
  @property({ attribute: false }) groups: GroupDto[] | null = null;
  @property({ type: Boolean }) groupsFailed = false;
  @property({ attribute: false }) count: AudienceCountDto | null = null;
  @property() countStatus: CountStatus = 'idle';
  @property() error = '';

  @state() private _query = '';

  private readonly locale = new LocaleController(this, i18n);

  /** Focus for an error summary's link: the first choice. */
  override focus(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input')?.focus();
  }

  override render() {
    const t = i18n.t;
    const v = this.value;
    return html`<fieldset aria-describedby=${this.error ? 'audience-error' : nothing}>
        <legend>${t('audience.school')}</legend>
        <label class="choice">
          <input type="checkbox" .checked=${v.everyone} @change=${(e: Event) => this.emit(setEveryone(v, (e.target as HTMLInputElement).checked))} />
          <span>${t('audience.everyone')}<span class="hint">${t('audience.everyoneHint')}</span></span>
        </label>
        <p class="sub" id="profiles-label">${t('audience.orProfiles')}</p>
        <div class="profiles" role="group" aria-labelledby="profiles-label">
          ${AUDIENCE_PROFILES.map(
            (p) => html`<label class="choice">
              <input
                type="checkbox"
                ?disabled=${v.everyone}
                .checked=${v.everyone || v.schoolProfiles.includes(p)}
                @change=${(e: Event) => this.emit(setSchoolProfile(v, p, (e.target as HTMLInputElement).checked))}
              />
              <span>${t(`channel.profile.${p}`)}</span>
            </label>`,
          )}
        </div>
      </fieldset>
      ${this.renderGroups()} ${this.renderSummary()}
      ${this.error ? html`<p class="error-text" id="audience-error">${this.error}</p>` : nothing}`;
  }

  private renderGroups() {
    const t = i18n.t;
    const v = this.value;
    if (this.groupsFailed) return html`<p class="notice error">${t('audience.groupsError')}</p>`;
    if (!this.groups) return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('audience.groupsLoading')}</p>`;
    const all = sortGroups(this.groups);
    const shown = filterGroups(all, this._query);
    return html`<fieldset ?disabled=${v.everyone}>
      <legend>${t('audience.groups')}</legend>
      ${all.length >= FILTER_FROM
        ? html`<div class="field">
            <label class="visually-hidden" for="group-filter">${t('audience.groupsFilter')}</label>
            <input
              id="group-filter"
              class="input"
              type="search"
              placeholder=${t('audience.groupsFilter')}
              .value=${this._query}
              @input=${(e: Event) => (this._query = (e.target as HTMLInputElement).value)}
            />
          </div>`
        : nothing}
      ${shown.length === 0
        ? html`<p class="sub">${t('audience.groupsEmpty')}</p>`
        : html`<ul class="groups">
            ${shown.map((g) => {
              const picked = v.groups.find((x) => x.groupId === g.id);
              return html`<li class=${picked ? 'on' : ''}>
                <label class="choice">
                  <input type="checkbox" .checked=${!!picked} @change=${(e: Event) => this.emit(setGroup(v, g.id, (e.target as HTMLInputElement).checked))} />
                  <span
                    ><span class="group-name">${g.name}</span>
                    <span class="sub">· ${t(`audience.kind.${g.kind}`)} · ${t('audience.members', { n: g.memberCount })}</span></span
                  >
                </label>
                ${picked
                  ? html`<fieldset class="group-profiles">
                      <legend>${t('audience.profilesFor', { group: g.name })}</legend>
                      ${GROUP_PROFILES.map(
                        (p) => html`<label class="choice">
                          <input
                            type="checkbox"
                            .checked=${picked.profiles.includes(p)}
                            @change=${(e: Event) => this.emit(setGroupProfile(v, g.id, p, (e.target as HTMLInputElement).checked))}
                          />
                          <span>${sentenceCase(t(`audience.plural.${p}`))}</span>
                        </label>`,
                      )}
                    </fieldset>`
                  : nothing}
              </li>`;
            })}
          </ul>`}
    </fieldset>`;
  }

  private renderSummary() {
    const t = i18n.t;
    const targets = audienceTargets(this.value);
    const names = new Map((this.groups ?? []).map((g) => [g.id, g]));
    const c = this.count;
    return html`<div class="summary" aria-live="polite" data-testid="audience-summary">
      <span class="who">${targets.length ? describeAudience(targets, names, t) : t('audience.none')}</span>
      ${targets.length === 0
        ? nothing
        : this.countStatus === 'loading' && !c
          ? html`<span class="sub">${t('audience.count.loading')}</span>`
          : this.countStatus === 'error'
            ? html`<span class="sub">${t('audience.count.failed')}</span>`
            : c
              ? html`<span class="count" data-testid="audience-count">${icon('users', 18)}${t(c.total > 1 ? 'audience.count.other' : 'audience.count.one', { n: c.total })}</span>
                  <span class=${c.directPublish ? 'direct' : 'validation'}>${t(c.directPublish ? 'audience.direct' : 'audience.validation')}</span>`
              : nothing}
    </div>`;
  }

  private emit(next: AudienceState): void {
    this.dispatchEvent(new CustomEvent<AudienceState>('pw-change', { detail: next, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-audience-picker': AudiencePicker;
  }
}
