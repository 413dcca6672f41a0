import { css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { JustificationReviewItemDto } from '../../../../server/contracts/absences';
import type { EventEnvelope } from '../../../../server/contracts/events';
import { api } from '../../../shared/api';
import { base } from '../../../shared/styles';
import { absencesStyles } from '../components/absences-styles';
import { icon } from '../components/icons';
import { newsStyles } from '../components/news-styles';
import '../components/reasons-editor';
import { absenceWhen, clockTime, instantDayLabel, kindLabel, reasonText } from '../lib/absence-labels';
import { ABSENCE_LIMITS } from '../lib/absences-constants';
import { describeAbsenceError } from '../lib/absences-errors';
import { fileKindLabel, fileSizeLabel } from '../lib/news-labels';
import { i18n } from '../i18n';
import { AbsencesPage } from './absences-page';
import { reportSessionLoss } from './session-loss';

type Status = 'loading' | 'ready' | 'error';
interface Review {
  refusing: boolean;
  comment: string;
  busy: boolean;
  error: string;
}
const idle: Review = { refusing: false, comment: '', busy: false, error: '' };

/**
 * « Justificatifs »: what guardians sent, oldest first — student, absences, reason, comment,
 * document — to accept, or to refuse with a word for the family. The school's reasons below.
 */
@customElement('pw-justifications-view')
export class JustificationsView extends AbsencesPage {
  static override styles = [
    base,
    newsStyles,
    absencesStyles,
    css`
      .item {
        padding: var(--pu-space-4) var(--pu-space-5);
        display: grid;
        gap: var(--pu-space-3);
      }
      .item h2 {
        font-size: 1.125rem;
      }
      dl {
        margin: 0;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: var(--pu-space-1) var(--pu-space-4);
      }
      dt {
        font-weight: 700;
        color: var(--pu-ink-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      dd a {
        display: inline-flex;
        align-items: center;
        gap: var(--pu-space-1);
        color: var(--pu-primary);
        font-weight: 600;
      }
      .covered {
        margin: 0;
        padding-left: var(--pu-space-5);
      }
      .refuse {
        display: grid;
        gap: var(--pu-space-2);
        padding: var(--pu-space-3);
        border: 2px solid var(--pu-danger);
        border-radius: var(--pu-radius-m);
        background: var(--pu-danger-soft);
      }
      @media (max-width: 560px) {
        dl {
          grid-template-columns: minmax(0, 1fr);
        }
        dd {
          margin-bottom: var(--pu-space-2);
        }
        .item {
          padding: var(--pu-space-4);
        }
      }
    `,
  ];

  @state() private _status: Status = 'loading';
  @state() private _items: JustificationReviewItemDto[] = [];
  @state() private _reviews = new Map<string, Review>();
  @state() private _flash = '';
  @state() private _arrived = new Set<string>();

  private generation = 0;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unsubscribe = [this.store.onEvent((e) => this.onLiveEvent(e)), this.store.onResync(() => void this.load())];
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.reloadTimer);
  }

  private get base(): string {
    return `${this.schoolPath}/absences/justifications`;
  }

  private async load(): Promise<void> {
    const generation = ++this.generation;
    try {
      const items = await api.get<JustificationReviewItemDto[]>(this.base);
      if (generation !== this.generation) return;
      const known = new Set(this._items.map((i) => i.justification.id));
      if (this._status === 'ready') this._arrived = new Set(items.filter((i) => !known.has(i.justification.id)).map((i) => i.justification.id));
      this._items = items;
      this._status = 'ready';
      this.store.setPending(items.length);
    } catch (err) {
      if (generation !== this.generation) return;
      reportSessionLoss(this, err);
      this._status = 'error';
    }
  }

  private onLiveEvent(e: EventEnvelope): void {
    if (e.type !== 'absence.justification_submitted' && e.type !== 'absence.justification_reviewed') return;
    // a colleague reviewing, a guardian sending: one reload for a burst
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.load(), 300);
  }

  private review(id: string): Review {
    return this._reviews.get(id) ?? idle;
  }

  private setReview(id: string, patch: Partial<Review>): void {
    this._reviews = new Map([...this._reviews, [id, { ...this.review(id), ...patch }]]);
  }

  private async startRefusal(id: string): Promise<void> {
    this.setReview(id, { refusing: true, error: '' });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLTextAreaElement>(`#refuse-${id}`)?.focus();
  }

  private async decide(item: JustificationReviewItemDto, decision: 'accepted' | 'refused'): Promise<void> {
    const t = i18n.t;
    const id = item.justification.id;
    const r = this.review(id);
    if (r.busy) return;
    const comment = r.comment.trim();
    if (decision === 'refused' && !comment) {
      this.setReview(id, { error: t('review.error.comment') });
      this.renderRoot.querySelector<HTMLTextAreaElement>(`#refuse-${id}`)?.focus();
      return;
    }
    this.setReview(id, { busy: true, error: '' });
    try {
      await api.post(`${this.base}/${encodeURIComponent(id)}/review`, { decision, comment });
      this._items = this._items.filter((i) => i.justification.id !== id);
      this.store.setPending(this._items.length);
      this._flash = t(decision === 'accepted' ? 'review.accepted' : 'review.refused', { name: item.studentName });
      await this.focusFlash();
    } catch (err) {
      reportSessionLoss(this, err);
      this.setReview(id, { busy: false, error: describeAbsenceError(err, 'review', t) });
      // already reviewed by a colleague: the list is stale
      void this.load();
    }
  }

  override render() {
    const t = i18n.t;
    return html`<div class="page-head">
        <div>
          <h1 tabindex="-1">${t('review.title')}</h1>
          <p class="lead">${t('review.lead')}</p>
        </div>
      </div>
      <div class="flash" role="status">${this._flash ? html`<p class="notice success" tabindex="-1">${this._flash}</p>` : nothing}</div>
      ${this.renderList()}
      <pw-reasons-editor uai=${this.store.uai}></pw-reasons-editor>`;
  }

  private renderList() {
    const t = i18n.t;
    if (this._status === 'loading') return html`<p class="loading" role="status"><span class="spinner" aria-hidden="true"></span>${t('review.loading')}</p>`;
    if (this._status === 'error')
      return html`<div class="notice error" role="alert">
        <p>${t('review.error.load')}</p>
        <p><button class="button small" type="button" @click=${() => this.load()}>${t('feed.retry')}</button></p>
      </div>`;
    if (this._items.length === 0) return html`<div class="empty">${icon('check', 32)}<p>${t('review.empty')}</p></div>`;
    return html`<ol class="plain" aria-label=${t('review.listLabel', { n: this._items.length })}>
      ${repeat(
        this._items,
        (i) => i.justification.id,
        (i) => this.renderItem(i),
      )}
    </ol>`;
  }

  private renderItem(item: JustificationReviewItemDto) {
    const t = i18n.t;
    const j = item.justification;
    const r = this.review(j.id);
    const titleId = `j-${j.id}`;
    return html`<li class="card item ${this._arrived.has(j.id) ? 'arrived' : ''}" aria-labelledby=${titleId} data-testid="justification-item">
      <h2 id=${titleId}>${item.className ? t('family.child', { name: item.studentName, group: item.className }) : item.studentName}</h2>
      <p class="small-text muted">
        ${t('review.sentBy', {
          name: j.submittedByName ?? t('review.someone'),
          day: instantDayLabel(j.createdAt, this.ctx),
          time: clockTime(j.createdAt, this.ctx),
        })}
      </p>
      <dl>
        <dt>${t('review.reason')}</dt>
        <dd>${reasonText(j, t)}${j.confidential ? html` <span class="status neutral">${icon('lock', 14)}${t('review.confidential')}</span>` : nothing}</dd>
        <dt>${t('review.comment')}</dt>
        <dd>${j.comment ? `«\u00a0${j.comment}\u00a0»` : html`<span class="muted">${t('review.noComment')}</span>`}</dd>
        <dt>${t('review.document')}</dt>
        <dd>
          ${j.document
            ? html`<a href=${j.document.url} target="_blank" rel="noopener">${icon('paperclip', 14)}${j.document.name}</a>
                <span class="muted small-text">(${fileKindLabel(j.document.mimeType, t)}, ${fileSizeLabel(j.document.size, i18n.locale, t)})</span>`
            : html`<span class="muted">${t('review.noDocument')}</span>`}
        </dd>
        <dt>${t(item.absences.length > 1 ? 'review.absences.other' : 'review.absences.one', { n: item.absences.length })}</dt>
        <dd>
          <ul class="covered">
            ${item.absences.map((a) => html`<li><strong>${kindLabel(a.kind, a.lateMinutes, t)}</strong> — ${absenceWhen(a, this.ctx)}</li>`)}
          </ul>
        </dd>
      </dl>
      ${r.refusing
        ? html`<div class="refuse">
            <label for=${`refuse-${j.id}`}><strong>${t('review.refuseComment')}</strong> <span class="required" aria-hidden="true">*</span></label>
            <textarea
              id=${`refuse-${j.id}`}
              class="input"
              maxlength=${ABSENCE_LIMITS.comment}
              aria-required="true"
              aria-invalid=${r.error && !r.comment.trim() ? 'true' : 'false'}
              aria-describedby=${`refuse-hint-${j.id}`}
              .value=${r.comment}
              @input=${(e: Event) => this.setReview(j.id, { comment: (e.target as HTMLTextAreaElement).value })}
            ></textarea>
            <span class="hint small-text" id=${`refuse-hint-${j.id}`}>${t('review.refuseHint')}</span>
            <div class="actions">
              <button class="button danger solid" type="button" aria-disabled=${r.busy ? 'true' : 'false'} @click=${() => this.decide(item, 'refused')}>
                ${t('review.confirmRefuse')}
              </button>
              <button class="button" type="button" @click=${() => this.setReview(j.id, { refusing: false, error: '' })}>${t('review.cancel')}</button>
            </div>
          </div>`
        : html`<div class="actions">
            <button class="button primary" type="button" aria-disabled=${r.busy ? 'true' : 'false'} @click=${() => this.decide(item, 'accepted')}>
              ${r.busy ? html`<span class="spinner" aria-hidden="true"></span>` : icon('check', 18)}${t('review.accept')}<span class="visually-hidden"> — ${item.studentName}</span>
            </button>
            <button class="button danger" type="button" @click=${() => this.startRefusal(j.id)}>
              ${icon('x', 18)}${t('review.refuse')}<span class="visually-hidden"> — ${item.studentName}</span>
            </button>
          </div>`}
      ${r.error ? html`<p class="notice error" role="alert">${r.error}</p>` : nothing}
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-justifications-view': JustificationsView;
  }
}
