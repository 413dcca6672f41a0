// The composer's small rich-text set. The hub sanitises every body it stores with the same list
// (server/modules/news/sanitize.ts); the client applies it too (components/safe-html.ts), for the
// preview of unsaved text.

/** Elements kept in a body; any other element is replaced by its text. */
export const RICH_TEXT_TAGS = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'blockquote']);

/** The href to keep on a link: http, https and mailto only, else null. */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  // browsers ignore control characters and spaces inside a scheme ("java\tscript:")
  const cleaned = href.replace(/[\u0000-\u0020\u007f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) return null;
  return ['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()) ? href.trim() : null;
}

/**
 * What a person types in the link field, made into a URL: "www.ac-paris.fr" means https,
 * "prenom.nom@ac-paris.fr" means mailto. Null when it cannot be a web or mail address.
 */
export function linkFromInput(text: string): string | null {
  const value = text.trim();
  if (!value || /\s/.test(value)) return null;
  if (/^[^@/:]+@[^@/:]+\.[a-z]{2,}$/i.test(value)) return `mailto:${value}`;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  const href = safeHref(withScheme);
  if (!href) return null;
  try {
    const url = new URL(href);
    if (url.protocol !== 'mailto:' && !url.hostname.includes('.') && url.hostname !== 'localhost') return null;
    return url.href;
  } catch {
    return null;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of a body, for counting and for telling an empty editor ("<p><br></p>") from a real one. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the body has no text a reader would see. */
export function isBlankHtml(html: string): boolean {
  return htmlToText(html) === '';
}

/**
 * The editor's HTML made tidy for saving: contenteditable leaves <div>s, empty paragraphs and
 * trailing <br>s depending on the browser; none of them mean anything to a reader.
 */
export function tidyEditorHtml(html: string): string {
  if (isBlankHtml(html)) return '';
  return html
    .replace(/<div(\s[^>]*)?>/gi, '<p>')
    .replace(/<\/div>/gi, '</p>')
    .replace(/<br\s*\/?>\s*(<\/(p|li|h2|h3|blockquote)>)/gi, '$1')
    // Chrome puts a list made from a paragraph inside that <p>, which HTML does not allow
    .replace(/<p>\s*(<(ul|ol)>)/gi, '$1')
    .replace(/(<\/(ul|ol)>)\s*<\/p>/gi, '$1')
    .replace(/<p>(\s|&nbsp;|<br\s*\/?>)*<\/p>/gi, '')
    .replace(/\s(style|class|dir)="[^"]*"/gi, '')
    .trim();
}
