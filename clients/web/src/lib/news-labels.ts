import type { AckMode, NewsCategory, NewsStatus } from '../../../../server/contracts/news';
import type { Locale } from '../../../shared/i18n';
import type { Translate } from '../i18n';
import { ATTACHMENT_TYPES } from './news-constants';

/** « Vie scolaire », « Pédagogie »… */
export function categoryLabel(category: NewsCategory, t: Translate): string {
  return t(`news.category.${category}`);
}

/** How an item's state shows on a chip; "returned" is a draft the direction sent back with a comment. */
export type StatusChip = NewsStatus | 'returned';

/** The chip of an item in « Mes publications ». */
export function statusChip(status: NewsStatus, reviewComment: string | null | undefined): StatusChip {
  return status === 'draft' && reviewComment ? 'returned' : status;
}

/** « Brouillon », « En attente de validation », « Programmée », « Publiée », « Archivée », « Renvoyée ». */
export function statusLabel(chip: StatusChip, t: Translate): string {
  return t(`news.status.${chip}`);
}

export function ackModeLabel(mode: AckMode, t: Translate): string {
  return t(`news.ack.${mode}`);
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

/** « 820 Ko », « 1,4 Mo »: the units people see in their file explorer. */
export function fileSizeLabel(bytes: number, locale: Locale, t: Translate): string {
  const fmt = (n: number) => new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
  if (bytes < 1024) return t('file.bytes', { n: bytes });
  if (bytes < 1024 * 1024) return t('file.kilobytes', { n: fmt(bytes / 1024) });
  return t('file.megabytes', { n: fmt(bytes / (1024 * 1024)) });
}

/** « Document PDF », « Image PNG », « Tableur Excel »… from the type the hub detected. */
export function fileKindLabel(mimeType: string, t: Translate): string {
  const ext = ATTACHMENT_TYPES[mimeType];
  switch (ext) {
    case 'pdf':
      return t('file.kind.pdf');
    case 'docx':
      return t('file.kind.docx');
    case 'xlsx':
      return t('file.kind.xlsx');
    case 'odt':
      return t('file.kind.odt');
    case 'ods':
      return t('file.kind.ods');
    case undefined:
      return t('file.kind.other');
    default:
      return t('file.kind.image', { format: ext.toUpperCase() });
  }
}

/** « 212 / 250 » as a whole percentage, never NaN. */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
