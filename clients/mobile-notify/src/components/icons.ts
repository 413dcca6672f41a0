import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import { icon as webIcon, type UiIcon } from '../../../web/src/components/icons';

// drawings this app needs beyond the web client's set, in the same 24×24 outline style
const own: Record<'bell' | 'settings' | 'share' | 'phone', SVGTemplateResult> = {
  bell: svg`<path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15l1.5-2Z"/><path d="M10 20.5a2 2 0 0 0 4 0"/>`,
  settings: svg`<path d="M4 7h10M18 7h2M4 17h4M12 17h8"/><circle cx="16" cy="7" r="2"/><circle cx="10" cy="17" r="2"/>`,
  share: svg`<path d="M12 15V3.5M8 7l4-4 4 4"/><path d="M7 10.5H5.5v10h13v-10H17"/>`,
  phone: svg`<rect x="6.5" y="2.5" width="11" height="19" rx="2"/><path d="M10.5 18.5h3"/>`,
};

export type NotifyIcon = UiIcon | keyof typeof own;

/** An outline icon in currentColor, hidden from assistive technology (its text says it all). */
export function icon(name: NotifyIcon, size = 20): TemplateResult {
  if (!(name in own)) return webIcon(name as UiIcon, size);
  return html`<svg class="icon" width=${size} height=${size} viewBox="0 0 24 24" fill="none" stroke="currentColor"
    stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${own[name as keyof typeof own]}</svg>`;
}
