import DOMPurify from 'dompurify';
import { RICH_TEXT_TAGS, safeHref } from '../lib/rich-text';

/**
 * A body's HTML as nodes of the allowed set only, for text the hub has not sanitised yet (the
 * composer's preview) and as a second pass over what it has. DOMPurify parses in an inert
 * document and keeps the text of elements it drops, except that of script-like ones.
 */
export function sanitizedFragment(html: string): DocumentFragment {
  const fragment = DOMPurify.sanitize(html, {
    ALLOWED_TAGS: [...RICH_TEXT_TAGS],
    ALLOWED_ATTR: ['href'],
    ALLOW_DATA_ATTR: false,
    RETURN_DOM_FRAGMENT: true,
  });
  // DOMPurify accepts any scheme it deems harmless (tel:, ftp:, relative paths); a body links to
  // the web or to an address only, and always away from the hub's page
  for (const link of Array.from(fragment.querySelectorAll('a'))) {
    const href = safeHref(link.getAttribute('href'));
    if (!href) {
      link.removeAttribute('href');
      continue;
    }
    link.setAttribute('href', href);
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer nofollow');
  }
  return fragment;
}
