import { html } from 'lit';
import type { Translate } from '../i18n';
import { icon } from '../components/icons';
import '../components/news-article';
import type { ArticleData } from '../components/news-article';
import { sanitizedFragment } from '../components/safe-html';
import type { ComposerState } from '../lib/news-composer';
import { tidyEditorHtml } from '../lib/rich-text';
import { endOfZonedDay, fromZonedInput } from '../../../../server/contracts/zoned-time';

/** The unsaved item as its readers will see it; its body goes through the client's own sanitiser. */
export function composerPreview(form: ComposerState, authorName: string, timeZone: string, t: Translate) {
  const publishAt = form.schedule ? fromZonedInput(form.publishAt, timeZone) : null;
  const now = new Date().toISOString();
  const news: ArticleData = {
    title: form.title.trim() || t('composer.previewUntitled'),
    category: form.category || 'vie_scolaire',
    status: 'draft',
    reviewComment: null,
    publishedAt: publishAt ? null : now,
    publishAt,
    updatedAt: now,
    version: 1,
    expireAt: form.expireOn ? endOfZonedDay(form.expireOn, timeZone) : null,
    authorName,
    visibility: form.visibility,
    pinned: form.pinned,
    imageUrl: form.image?.url ?? null,
    attachments: form.attachments,
  };
  return html`<section class="card preview">
    <p class="notice success">${icon('eye', 18)} ${t('composer.previewNote')}</p>
    <pw-news-article level="2" timeZone=${timeZone} .news=${news} .body=${sanitizedFragment(tidyEditorHtml(form.bodyHtml))}></pw-news-article>
  </section>`;
}
