import { createRequire } from 'node:module';
import type { NotificationCategory } from '../../../contracts/notifications';
import { alertMjml } from './templates/alert.mjml';
import { digestMjml } from './templates/digest.mjml';
import { BRAND_COLOR, ON_BRAND_COLOR } from './templates/layout.mjml';

export interface SchoolBrand {
  name: string;
  color: string;
  logoUrl: string | null;
  /** Where Préau answers (no trailing slash): every link in an email is absolute. */
  publicUrl: string;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface AlertContent {
  title: string;
  body: string;
  /** Path in Préau ('/#/messagerie/…'). */
  url: string;
  category: NotificationCategory;
}

export interface DigestContent {
  personName: string;
  period: 'daily' | 'weekly';
  /** `at`: an ISO instant (shown in French, Paris time) or text already written for display. */
  sections: Array<{ category: NotificationCategory; items: Array<{ title: string; body: string; url: string; at: string }> }>;
}

type Mjml2Html = (mjml: string, options?: Record<string, unknown>) => Promise<{ html: string; errors: Array<{ formattedMessage?: string; message?: string }> }>;

type Kind = 'alert' | 'digest';
type Compiled = Record<Kind, { withLogo: string; plain: string }>;

const SOURCES: Record<Kind, (o: { withLogo: boolean }) => string> = { alert: alertMjml, digest: digestMjml };

/** Section titles and the small label above an alert's title. */
export const CATEGORY_LABELS: Record<NotificationCategory, string> = {
  child_absence: 'Absences',
  emergency: 'Alertes',
  message: 'Messagerie',
  teacher_absence: 'Emploi du temps',
  news: 'Actualités',
};

const DEFAULT_COLOR = '#1d4ed8';

let compiled: Compiled | null = null;
let preparing: Promise<void> | null = null;

/** The MJML sources, for a benchmark comparing per-recipient compilation with filling. */
export function templateSources(): Record<Kind, { withLogo: string; plain: string }> {
  return {
    alert: { withLogo: alertMjml({ withLogo: true }), plain: alertMjml({ withLogo: false }) },
    digest: { withLogo: digestMjml({ withLogo: true }), plain: digestMjml({ withLogo: false }) },
  };
}

/** Compiles every template once per process (idempotent); the render functions need it done. */
export async function prepareTemplates(): Promise<void> {
  preparing ??= (async () => {
    // loaded on first use: mjml and its dependencies take most of a second to load
    const mjml2html = createRequire(import.meta.url)('mjml') as Mjml2Html;
    const result = {} as Compiled;
    for (const [kind, variants] of Object.entries(templateSources()) as Array<[Kind, { withLogo: string; plain: string }]>) {
      const out = { withLogo: '', plain: '' };
      for (const variant of ['withLogo', 'plain'] as const) {
        const { html, errors } = await mjml2html(variants[variant], { validationLevel: 'strict', keepComments: false });
        if (errors.length) throw new Error(`MJML ${kind}: ${errors.map((e) => e.formattedMessage ?? e.message).join('; ')}`);
        for (const name of variants[variant].match(/\{\{\w+\}\}/g) ?? []) {
          if (!html.includes(name)) throw new Error(`MJML ${kind}: placeholder ${name} lost in compilation`);
        }
        out[variant] = html;
      }
      result[kind] = out;
    }
    compiled = result;
  })().catch((err) => {
    preparing = null;
    throw err;
  });
  return preparing;
}

function templates(): Compiled {
  if (!compiled) throw new Error('email templates are not prepared: await prepareTemplates() at start');
  return compiled;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Fills a compiled template in one pass: what a value contains is never scanned again, so a
 * title holding `{{link}}` stays text. Values are escaped, except `raw_*` ones (HTML the
 * caller built from escaped parts).
 */
function fill(html: string, values: Record<string, string>, colors: { brand: string; onBrand: string }): string {
  return html.replace(/\{\{(\w+)\}\}|#010203|#fefdfc/gi, (match, name: string | undefined) => {
    if (!name) return match.toLowerCase() === BRAND_COLOR ? colors.brand : colors.onBrand;
    const value = values[name];
    if (value === undefined) throw new Error(`email template: no value for ${name}`);
    return name.startsWith('raw_') ? value : escapeHtml(value);
  });
}

/** An absolute link into Préau: only paths of our own site, never another scheme. */
function absolute(publicUrl: string, path: string): string {
  const base = publicUrl.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

function brandColors(brand: SchoolBrand): { brand: string; onBrand: string } {
  const color = /^#[0-9a-f]{6}$/i.test(brand.color) ? brand.color.toLowerCase() : /^#[0-9a-f]{3}$/i.test(brand.color) ? `#${[...brand.color.slice(1)].map((c) => c + c).join('')}`.toLowerCase() : DEFAULT_COLOR;
  // WCAG relative luminance: dark text on light school colours, white on dark ones
  const [r, g, b] = [1, 3, 5].map((i) => {
    const v = parseInt(color.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return { brand: color, onBrand: luminance > 0.45 ? '#111827' : '#ffffff' };
}

function logoOf(brand: SchoolBrand): string | null {
  if (!brand.logoUrl) return null;
  if (/^https?:\/\//i.test(brand.logoUrl)) return brand.logoUrl;
  return brand.logoUrl.startsWith('/') ? absolute(brand.publicUrl, brand.logoUrl) : null;
}

/** Subjects are one line of plain text. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

function shell(kind: Kind, brand: SchoolBrand): { html: string; logo: string | null } {
  const logo = logoOf(brand);
  return { html: logo ? templates()[kind].withLogo : templates()[kind].plain, logo };
}

/** One notification by email: the school's colours, the text, a button to open it in Préau. */
export function renderAlert(brand: SchoolBrand, n: AlertContent, unsubscribeUrl: string): RenderedMail {
  const { html, logo } = shell('alert', brand);
  const link = absolute(brand.publicUrl, n.url);
  const subject = oneLine(`${n.title} — ${brand.name}`);
  const footer = `Vous recevez ce courriel de ${brand.name} car vos préférences de notification dans Préau le prévoient.`;
  const unsubscribeLabel = 'Ne plus recevoir ces courriels';
  return {
    subject,
    html: fill(
      html,
      {
        subject,
        preview: n.body,
        school: brand.name,
        logo_url: logo ?? '',
        category: CATEGORY_LABELS[n.category],
        title: n.title,
        body: n.body,
        link,
        footer,
        unsubscribe_url: unsubscribeUrl,
        unsubscribe_label: unsubscribeLabel,
      },
      brandColors(brand),
    ),
    text: [brand.name, '', `${CATEGORY_LABELS[n.category]} — ${n.title}`, '', n.body, '', `Ouvrir dans Préau : ${link}`, '', '-- ', footer, `${unsubscribeLabel} : ${unsubscribeUrl}`, ''].join('\n'),
  };
}

const AT_FORMAT = new Intl.DateTimeFormat('fr-FR', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
const displayAt = (at: string) => (/^\d{4}-\d{2}-\d{2}T/.test(at) && !Number.isNaN(Date.parse(at)) ? AT_FORMAT.format(new Date(at)) : at);
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** A day's or a week's notifications in one email, grouped by category. */
export function renderDigest(brand: SchoolBrand, d: DigestContent, unsubscribeUrl: string): RenderedMail {
  const { html, logo } = shell('digest', brand);
  const colors = brandColors(brand);
  const sections = d.sections.filter((s) => s.items.length > 0);
  const total = sections.reduce((sum, s) => sum + s.items.length, 0);
  const daily = d.period === 'daily';
  const heading = daily ? 'Votre résumé du jour' : 'Votre résumé de la semaine';
  const subject = oneLine(`${heading} : ${plural(total, 'nouveauté', 'nouveautés')} — ${brand.name}`);
  const intro = `Voici ce qui s’est passé ${daily ? 'aujourd’hui' : 'cette semaine'} à ${brand.name}.`;
  const footer = `Vous recevez ce résumé ${daily ? 'quotidien' : 'hebdomadaire'} car vos préférences de notification dans Préau le prévoient.`;
  const unsubscribeLabel = 'Ne plus recevoir de résumés';
  const sectionsHtml = sections
    .map(
      (s) =>
        `<h2 style="font-size:16px;line-height:1.3;margin:20px 0 8px 0;color:${colors.onBrand === '#ffffff' ? colors.brand : '#111827'}">${escapeHtml(CATEGORY_LABELS[s.category])} (${s.items.length})</h2>` +
        `<table role="presentation" cellpadding="0" cellspacing="0" border="0" width="100%">${s.items
          .map(
            (i) =>
              `<tr><td style="padding:0 0 12px 0;font-size:15px;line-height:1.45;color:#1f2937">` +
              `<a href="${escapeHtml(absolute(brand.publicUrl, i.url))}" style="color:#111827;font-weight:600;text-decoration:underline">${escapeHtml(i.title)}</a>` +
              (i.body ? `<br /><span style="color:#4b5563">${escapeHtml(i.body)}</span>` : '') +
              `<br /><span style="color:#9ca3af;font-size:12px">${escapeHtml(displayAt(i.at))}</span></td></tr>`,
          )
          .join('')}</table>`,
    )
    .join('');
  const link = absolute(brand.publicUrl, '/');
  const text = [
    `Bonjour ${d.personName},`,
    '',
    intro,
    ...sections.flatMap((s) => [
      '',
      `== ${CATEGORY_LABELS[s.category]} (${s.items.length}) ==`,
      ...s.items.flatMap((i) => ['', `- ${i.title} (${displayAt(i.at)})`, ...(i.body ? [`  ${i.body}`] : []), `  ${absolute(brand.publicUrl, i.url)}`]),
    ]),
    '',
    `Ouvrir Préau : ${link}`,
    '',
    '-- ',
    footer,
    `${unsubscribeLabel} : ${unsubscribeUrl}`,
    '',
  ].join('\n');
  return {
    subject,
    html: fill(
      html,
      {
        subject,
        preview: `${intro} ${plural(total, 'nouveauté', 'nouveautés')}.`,
        school: brand.name,
        logo_url: logo ?? '',
        heading,
        person: d.personName,
        intro,
        raw_sections: sectionsHtml,
        link,
        footer,
        unsubscribe_url: unsubscribeUrl,
        unsubscribe_label: unsubscribeLabel,
      },
      colors,
    ),
    text,
  };
}
