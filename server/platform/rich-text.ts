import sanitizeHtml from 'sanitize-html';

// The small rich-text set the composer produces; everything else is dropped on the way in.
const RICH_TEXT: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'blockquote'],
  allowedAttributes: { a: ['href', 'title', 'target', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // links open outside Préau without handing it the opener
  transformTags: { a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }) },
};

/** Body HTML as stored and served: allowed tags only, no scripts, handlers, styles or javascript: URLs. */
export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, RICH_TEXT).trim();
}

/** Plain text of the body (excerpts, Atom summaries, notifications). */
export function plainText(html: string): string {
  // blocks and line breaks become spaces, so paragraphs and list items do not run together;
  // sanitize-html escapes what it keeps: undo exactly that escaping to get text back
  return sanitizeHtml(html.replace(/<br\s*\/?>|<\/(p|li|h2|h3|blockquote)>/gi, '$& '), { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
