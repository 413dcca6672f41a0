import DOMPurify from 'dompurify';

/** What a news body may keep on a screen: structure and emphasis; links are useless without a pointer. */
const SCREEN_TAGS = ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'h2', 'h3', 'blockquote'];

/**
 * A news body (sanitised by the hub) as an element to insert, sanitised again here: the kiosk
 * runs unattended for weeks in a public place, a second pass costs nothing. Dropped elements
 * keep their text (a link's words stay, without the link).
 */
export function newsBodyElement(html: string): HTMLElement {
  const fragment = DOMPurify.sanitize(html, { ALLOWED_TAGS: SCREEN_TAGS, ALLOWED_ATTR: [], RETURN_DOM_FRAGMENT: true });
  const div = document.createElement('div');
  div.className = 'body';
  div.append(fragment);
  return div;
}
