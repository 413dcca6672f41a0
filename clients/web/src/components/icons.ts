import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { EventIcon } from '../lib/format-event';

export type UiIcon =
  | EventIcon
  | 'eye'
  | 'eye-off'
  | 'logout'
  | 'globe'
  | 'check'
  | 'lock'
  | 'palette'
  | 'pin'
  | 'pen'
  | 'archive'
  | 'paperclip'
  | 'download'
  | 'bold'
  | 'italic'
  | 'list-ul'
  | 'list-ol'
  | 'link'
  | 'unlink'
  | 'image'
  | 'send'
  | 'inbox'
  | 'clock'
  | 'users'
  | 'arrow-left'
  | 'plus'
  | 'x'
  | 'chart'
  | 'return'
  | 'file'
  | 'ban'
  | 'calendar'
  | 'list-check';

// 24×24 outline drawings in currentColor: they follow text colour, contrast and forced-colours modes
const paths: Record<UiIcon, SVGTemplateResult> = {
  school: svg`<path d="M3 21h18M5 21V10l7-5 7 5v11"/><path d="M9 21v-5h6v5M12 9.5v.01"/>`,
  directory: svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c.8-3.6 3.3-5.5 6.5-5.5s5.7 1.9 6.5 5.5"/><path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14.8c1.8.8 3 2.5 3.5 5.2"/>`,
  membership: svg`<circle cx="8" cy="15" r="4"/><path d="M10.8 12.2 20 3M16 7l3 3M14 9l2 2"/>`,
  news: svg`<path d="M4 5h13v14H6a2 2 0 0 1-2-2V5Z"/><path d="M17 9h3v8a2 2 0 0 1-2 2M8 9h5M8 13h5M8 16h3"/>`,
  absence: svg`<rect x="3.5" y="5" width="17" height="15" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4M9.5 13.5l5 4M14.5 13.5l-5 4"/>`,
  message: svg`<path d="M4 5h16v11H9l-5 4V5Z"/><path d="M8 9.5h8M8 12.5h5"/>`,
  alert: svg`<path d="M12 3.5 2.5 20h19L12 3.5Z"/><path d="M12 10v4.5M12 17.3v.01"/>`,
  screen: svg`<rect x="3" y="4" width="18" height="12" rx="1.5"/><path d="M8 20h8M12 16v4"/>`,
  activity: svg`<path d="M3 12h4l3-7 4 14 3-7h4"/>`,
  eye: svg`<path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z"/><circle cx="12" cy="12" r="3"/>`,
  'eye-off': svg`<path d="M3 3l18 18M10.6 5.1C11 5 11.5 5 12 5c6.4 0 10 7 10 7a17 17 0 0 1-3.2 4M6.6 6.6C3.8 8.4 2 12 2 12s3.6 7 10 7c1.8 0 3.4-.5 4.7-1.3"/><path d="M9.9 9.9a3 3 0 0 0 4.2 4.2"/>`,
  logout: svg`<path d="M14 4h5a1 1 0 0 1 1 1v14a1 1 0 0 1-1 1h-5M10 16l-4-4 4-4M6 12h10"/>`,
  globe: svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.6 3.7 5.6 3.7 9s-1.2 6.4-3.7 9c-2.5-2.6-3.7-5.6-3.7-9S9.5 5.6 12 3Z"/>`,
  check: svg`<path d="M4.5 12.5 9.5 17.5 19.5 6.5"/>`,
  lock: svg`<rect x="4.5" y="10.5" width="15" height="10" rx="2"/><path d="M8 10.5V7.5a4 4 0 0 1 8 0v3"/>`,
  pin: svg`<path d="M9 3h6l-1 6 4 3v2H6v-2l4-3-1-6ZM12 14v7"/>`,
  pen: svg`<path d="M4 20h4L19 9l-4-4L4 16v4ZM13.5 6.5l4 4"/>`,
  archive: svg`<rect x="3" y="4" width="18" height="4" rx="1"/><path d="M5 8v11h14V8M10 12h4"/>`,
  paperclip: svg`<path d="m20 11.5-8.1 8.1a5 5 0 0 1-7.1-7.1l8.5-8.5a3.4 3.4 0 0 1 4.8 4.8l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8"/>`,
  download: svg`<path d="M12 4v11M7 10.5l5 5 5-5M4.5 20h15"/>`,
  bold: svg`<path d="M7 4.5h6a3.75 3.75 0 0 1 0 7.5H7V4.5ZM7 12h7a3.75 3.75 0 0 1 0 7.5H7V12Z"/>`,
  italic: svg`<path d="M10 4.5h8M6 19.5h8M14.5 4.5l-5 15"/>`,
  'list-ul': svg`<path d="M9 6h11M9 12h11M9 18h11"/><circle cx="4.5" cy="6" r="1"/><circle cx="4.5" cy="12" r="1"/><circle cx="4.5" cy="18" r="1"/>`,
  'list-ol': svg`<path d="M10 6h10M10 12h10M10 18h10M4 4.5h1.5V9M3.5 9h3M3.5 14.5c.4-.8 1.2-1 1.8-1 .8 0 1.4.5 1.4 1.2 0 1.2-3.2 2.2-3.2 3.8h3.3"/>`,
  link: svg`<path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1"/><path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1"/>`,
  unlink: svg`<path d="M10 14a4.5 4.5 0 0 0 6.4 0l3-3a4.5 4.5 0 0 0-6.4-6.4l-1 1M14 10a4.5 4.5 0 0 0-6.4 0l-3 3a4.5 4.5 0 0 0 6.4 6.4l1-1M3 3l18 18"/>`,
  image: svg`<rect x="3" y="4.5" width="18" height="15" rx="2"/><circle cx="9" cy="10" r="1.8"/><path d="m4 18 5.5-5 4 3.5 2.5-2 4 3.5"/>`,
  send: svg`<path d="M21 3 10 14M21 3l-7 18-4-7-7-4 18-7Z"/>`,
  inbox: svg`<path d="M3 13.5 5.5 5h13l2.5 8.5V19H3v-5.5Z"/><path d="M3 13.5h5l1.5 2.5h5l1.5-2.5h5"/>`,
  clock: svg`<circle cx="12" cy="12" r="8.5"/><path d="M12 7.5V12l3 2"/>`,
  users: svg`<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20c.8-3.6 3.3-5.5 6.5-5.5s5.7 1.9 6.5 5.5"/><path d="M16 4.5a3.5 3.5 0 0 1 0 7M18 14.8c1.8.8 3 2.5 3.5 5.2"/>`,
  'arrow-left': svg`<path d="M19 12H5M11 6l-6 6 6 6"/>`,
  plus: svg`<path d="M12 5v14M5 12h14"/>`,
  x: svg`<path d="M6 6l12 12M18 6 6 18"/>`,
  chart: svg`<path d="M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3"/>`,
  return: svg`<path d="M9 14 4 9l5-5"/><path d="M4 9h10.5a5.5 5.5 0 0 1 0 11H11"/>`,
  file: svg`<path d="M6 3h8l4 4v14H6V3Z"/><path d="M14 3v4h4M9 12h6M9 16h6"/>`,
  ban: svg`<circle cx="12" cy="12" r="8.5"/><path d="M6 6l12 12"/>`,
  calendar: svg`<rect x="3.5" y="5" width="17" height="15" rx="2"/><path d="M3.5 10h17M8 3v4M16 3v4"/>`,
  'list-check': svg`<path d="M11 6h9M11 12h9M11 18h9"/><path d="m3.5 6 1.5 1.5L8 4.5M3.5 12l1.5 1.5L8 10.5M3.5 18l1.5 1.5L8 16.5"/>`,
  palette: svg`<path d="M12 3a9 9 0 1 0 0 18c1.3 0 2-.8 2-1.8 0-1.3-1-1.6-1-2.7 0-1 .8-1.5 1.8-1.5H17a4 4 0 0 0 4-4C21 6.6 17 3 12 3Z"/><circle cx="7.5" cy="11" r="1"/><circle cx="10" cy="7" r="1"/><circle cx="15" cy="7.5" r="1"/>`,
};

/** An icon for decoration next to text: hidden from assistive technologies. */
export function icon(name: UiIcon, size = 20): TemplateResult {
  // the outer <svg> belongs in an html template; svg`` holds only its children
  return html`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
}
