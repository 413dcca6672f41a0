import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { LocaleController } from '../../../shared/i18n';
import { base, cardSection } from '../../../shared/styles';
import { NEWS_LIMITS } from '../lib/news-constants';
import { i18n } from '../i18n';
import { icon } from './icons';
import { newsStyles } from './news-styles';

export interface ReviewDecision {
  decision: 'approve' | 'return';
  comment: string;
}

/** Direction's « Valider » / « Renvoyer avec commentaire » for a submitted item; sending back needs a comment. */
@customElement('pw-news-review')
export class NewsReview extends LitElement {
  static override styles = [
    base,
    cardSection,
    newsStyles,
    css`
      .card {
        border-color: var(--pu-warning);
        border-top-width: 4px;
      }
      .intro {
        color: var(--pu-ink-muted);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--pu-space-2);
      }
      form {
        display: grid;
        gap: var(--pu-space-3);
      }
      textarea {
        width: 100%;
        min-height: 110px;
        padding: var(--pu-space-2) var(--pu-space-3);
        border: 1px solid var(--pu-border-strong);
        border-radius: var(--pu-radius-s);
        font: inherit;
        resize: vertical;
      }
      textarea[aria-invalid='true'] {
        border-color: var(--pu-danger);
        box-shadow: inset 0 0 0 1px var(--pu-danger);
      }
      @media (max-width: 480px) {
        .card {
          padding: var(--pu-space-4);
        }
        .buttons .button {
          flex: 1 1 100%;
        }
      }
    `,
  ];

  @property() authorName = '';
  @property({ type: Boolean }) busy = false;

  @state() private _returning = false;
  @state() private _comment = '';
  @state() private _error = '';

  @query('textarea') private _textarea?: HTMLTextAreaElement;

  private readonly locale = new LocaleController(this, i18n);

  override render() {
    const t = i18n.t;
    return html`<section class="card" aria-labelledby="review-title">
      <h2 id="review-title">${icon('inbox', 22)}${t('item.review.title')}</h2>
      <p class="intro">${t('item.review.intro', { name: this.authorName })}</p>
      ${this._returning
        ? html`<form novalidate @submit=${this.onReturn}>
            <div class="field">
              <label for="review-comment">${t('item.review.comment')} *</label>
              <textarea
                id="review-comment"
                maxlength=${NEWS_LIMITS.reviewComment}
                required
                aria-invalid=${this._error ? 'true' : 'false'}
                aria-describedby=${this._error ? 'comment-hint comment-error' : 'comment-hint'}
                .value=${this._comment}
                @input=${(e: Event) => {
                  this._comment = (e.target as HTMLTextAreaElement).value;
                  this._error = '';
                }}
              ></textarea>
              <span id="comment-hint" class="hint">${t('item.review.commentHint')}</span>
              ${this._error ? html`<span id="comment-error" class="error-text">${this._error}</span>` : nothing}
            </div>
            <div class="buttons">
              <button class="button danger" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
                ${icon('return', 18)}${t('item.review.send')}
              </button>
              <button class="button" type="button" @click=${this.cancelReturn}>${t('item.cancel')}</button>
            </div>
          </form>`
        : html`<div class="buttons">
            <button class="button primary" type="button" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.onApprove}>
              ${icon('check', 18)}${t('item.review.approve')}
            </button>
            <button class="button" type="button" @click=${this.startReturn}>${icon('return', 18)}${t('item.review.return')}</button>
          </div>`}
    </section>`;
  }

  private async startReturn(): Promise<void> {
    this._returning = true;
    await this.updateComplete;
    this._textarea?.focus();
  }

  private async cancelReturn(): Promise<void> {
    this._returning = false;
    this._error = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>('.button')?.focus();
  }

  private onApprove(): void {
    if (this.busy) return;
    this.emit({ decision: 'approve', comment: '' });
  }

  private onReturn(e: SubmitEvent): void {
    e.preventDefault();
    if (this.busy) return;
    const comment = this._comment.trim();
    if (!comment) {
      this._error = i18n.t('item.review.commentRequired');
      this._textarea?.focus();
      return;
    }
    this.emit({ decision: 'return', comment });
  }

  private emit(detail: ReviewDecision): void {
    this.dispatchEvent(new CustomEvent<ReviewDecision>('pw-review', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'pw-news-review': NewsReview;
  }
}
