import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ReasonDto } from '../../../../server/contracts/absences';
import { api } from '../../../shared/api';
import { LocaleController } from '../../../shared/i18n';
import { ABSENCE_LIMITS } from '../lib/absences-constants';
import { describeAbsenceError } from '../lib/absences-errors';
import { i18n } from '../i18n';
import { absencesCardStyles } from './absences-styles';
import { icon } from './icons';

interface Row {
  /** Null for the new reason being typed. */
  id: string | null;
  label: string;
  visibleToGuardians: boolean;
  active: boolean;
}

const sameRow = (a: Row, b: ReasonDto) => a.label.trim() === b.label && a.visibleToGuardians === b.visibleToGuardians && a.active === b.active;

/**
 * The school's reasons for absences: their wording, whether families may see them (a
 * confidential one reads « Motif confidentiel » to them) and whether they are still offered.
 * Reasons are never deleted: past justifications keep theirs.
 */
@customElement('pw-reasons-editor')
export class ReasonsEditor extends LitElement {
  static override styles = [
    absencesCardStyles,
    css`
      .rows {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: var(--pu-space-2);
      }
      .row {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto auto auto;
        align-items: center;
        gap: var(--pu-space-2) var(--pu-space-4);
        padding: var(--pu-space-2) var(--pu-space-3);
        border: 1px solid var(--pu-border);
        border-radius: var(--pu-radius-s);
      }
      .row.inactive {
        background: var(--pu-surface-sunken);
      }
      .row .choice {
        white-space: nowrap;
      }
      .row .error-text {
        grid-column: 1 / -1;
      }
      @media (max-width: 760px) {
        .row {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  @property() uai = '';

  @state() private _reasons: ReasonDto[] | null = null;
  @state() private _rows = new Map<string, Row>();
  @state() private _new: Row = { id: null, label: '', visibleToGuardians: true, active: true };
  @state() private _busy = new Set<string>();
  @state() private _errors = new Map<string, string>();
  @state() private _loadError = '';
  @state() private _done = '';

  private readonly locale = new LocaleController(this, i18n);

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private get base(): string {
    return `/schools/${encodeURIComponent(this.uai)}/absences/reasons`;
  }

  private async load(): Promise<void> {
    this._loadError = '';
    try {
      const reasons = await api.get<ReasonDto[]>(this.base);
      this._reasons = reasons;
      this._rows = new Map(reasons.map((r) => [r.id, { ...r }]));
    } catch (err) {
      this._loadError = describeAbsenceError(err, 'load', i18n.t);
    }
  }

  override render() {
    const t = i18n.t;
    return html`<section class="card" aria-labelledby="reasons-title">
      <h2 id="reasons-title">${icon('list-check', 22)}${t('reasons.title')}</h2>
      <p class="muted">${t('reasons.intro')}</p>
      ${this._loadError
        ? html`<div class="notice error" role="alert">
            <p>${this._loadError}</p>
            <p><button class="button small" type="button" @click=${() => this.load()}>${t('feed.retry')}</button></p>
          </div>`
        : !this._reasons
          ? html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('reasons.loading')}</p>`
          : html`<ul class="rows">
              ${repeat(
                this._reasons,
                (r) => r.id,
                (r) => this.renderRow(r),
              )}
            </ul>`}
      <form class="row" novalidate @submit=${this.create} aria-label=${t('reasons.addLabel')}>
        <div class="field">
          <label for="new-reason">${t('reasons.new')}</label>
          <input
            id="new-reason"
            class="input"
            maxlength=${ABSENCE_LIMITS.reasonLabel}
            .value=${this._new.label}
            @input=${(e: Event) => (this._new = { ...this._new, label: (e.target as HTMLInputElement).value })}
          />
        </div>
        <label class="choice"
          ><input type="checkbox" .checked=${this._new.visibleToGuardians} @change=${(e: Event) => (this._new = { ...this._new, visibleToGuardians: (e.target as HTMLInputElement).checked })} />${t(
            'reasons.visible',
          )}</label
        >
        <span></span>
        <button class="button primary" type="submit" aria-disabled=${this._busy.has('new') ? 'true' : 'false'}>${icon('plus', 18)}${t('reasons.add')}</button>
        ${this._errors.get('new') ? html`<span class="error-text" role="alert">${this._errors.get('new')}</span>` : nothing}
      </form>
      <div class="visually-hidden" role="status">${this._done}</div>
    </section>`;
  }

  private renderRow(r: ReasonDto) {
    const t = i18n.t;
    const row = this._rows.get(r.id) ?? { ...r };
    const changed = !sameRow(row, r);
    const update = (patch: Partial<Row>) => (this._rows = new Map([...this._rows, [r.id, { ...row, ...patch }]]));
    const inputId = `reason-${r.id}`;
    return html`<li class="row ${row.active ? '' : 'inactive'}" data-testid="reason-row">
      <div class="field">
        <label class="visually-hidden" for=${inputId}>${t('reasons.label')}</label>
        <input id=${inputId} class="input" maxlength=${ABSENCE_LIMITS.reasonLabel} .value=${row.label} @input=${(e: Event) => update({ label: (e.target as HTMLInputElement).value })} />
        ${row.visibleToGuardians ? nothing : html`<span class="hint">${t('reasons.confidentialHint')}</span>`}
      </div>
      <label class="choice"
        ><input type="checkbox" .checked=${row.visibleToGuardians} @change=${(e: Event) => update({ visibleToGuardians: (e.target as HTMLInputElement).checked })} />${t(
          'reasons.visible',
        )}<span class="visually-hidden"> — ${r.label}</span></label
      >
      <label class="choice"
        ><input type="checkbox" .checked=${row.active} @change=${(e: Event) => update({ active: (e.target as HTMLInputElement).checked })} />${t('reasons.active')}<span
          class="visually-hidden"
        >
          — ${r.label}</span
        ></label
      >
      ${changed
        ? html`<button class="button small primary" type="button" aria-disabled=${this._busy.has(r.id) ? 'true' : 'false'} @click=${() => this.save(r.id)}>
            ${t('reasons.save')}<span class="visually-hidden"> — ${r.label}</span>
          </button>`
        : html`<span></span>`}
      ${this._errors.get(r.id) ? html`<span class="error-text" role="alert">${this._errors.get(r.id)}</span>` : nothing}
    </li>`;
  }

  private setBusy(key: string, on: boolean): void {
    const next = new Set(this._busy);
    if (on) next.add(key);
    else next.delete(key);
    this._busy = next;
  }

  private setError(key: string, message: string | null): void {
    const next = new Map(this._errors);
    if (message) next.set(key, message);
    else next.delete(key);
    this._errors = next;
  }

  private labelProblem(label: string): string | null {
    const trimmed = label.trim();
    if (trimmed.length < 2) return i18n.t('reasons.error.short');
    if (trimmed.length > ABSENCE_LIMITS.reasonLabel) return i18n.t('reasons.error.long', { max: ABSENCE_LIMITS.reasonLabel });
    return null;
  }

  private async save(id: string): Promise<void> {
    const row = this._rows.get(id);
    if (!row || this._busy.has(id)) return;
    const problem = this.labelProblem(row.label);
    this.setError(id, problem);
    if (problem) return;
    this.setBusy(id, true);
    try {
      const saved = await api.put<ReasonDto>(`${this.base}/${encodeURIComponent(id)}`, {
        label: row.label.trim(),
        visibleToGuardians: row.visibleToGuardians,
        active: row.active,
      });
      this._reasons = (this._reasons ?? []).map((r) => (r.id === id ? saved : r));
      this._rows = new Map([...this._rows, [id, { ...saved }]]);
      this._done = i18n.t('reasons.saved', { label: saved.label });
    } catch (err) {
      this.setError(id, describeAbsenceError(err, 'reason', i18n.t));
    } finally {
      this.setBusy(id, false);
    }
  }

  private async create(e: Event): Promise<void> {
    e.preventDefault();
    if (this._busy.has('new')) return;
    const problem = this.labelProblem(this._new.label);
    this.setError('new', problem);
    if (problem) return;
    this.setBusy('new', true);
    try {
      const saved = await api.post<ReasonDto>(this.base, { label: this._new.label.trim(), visibleToGuardians: this._new.visibleToGuardians, active: true });
      this._reasons = [...(this._reasons ?? []), saved];
      this._rows = new Map([...this._rows, [saved.id, { ...saved }]]);
      this._new = { id: null, label: '', visibleToGuardians: true, active: true };
      this._done = i18n.t('reasons.added', { label: saved.label });
    } catch (err) {
      this.setError('new', describeAbsenceError(err, 'reason', i18n.t));
    } finally {
      this.setBusy('new', false);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-reasons-editor': ReasonsEditor;
  }
}
