import { html, nothing, type TemplateResult } from 'lit';
import { screenZones, type ScreenZone } from '../../../../server/contracts/signage-rules';
import type { Translate } from '../i18n';
import { zoneLabel } from '../lib/signage-labels';

/** Where a ticker message or an alert shows: the whole school, or the zones ticked. */
export function zonesFieldset(opts: {
  /** Prefix of the radio group's name and of the error's id. */
  name: string;
  legend: string;
  allLabel: string;
  someLabel: string;
  draft: { allZones: boolean; zones: readonly ScreenZone[] };
  error: string | typeof nothing;
  t: Translate;
  onChange(patch: { allZones?: boolean; zones?: ScreenZone[] }): void;
}): TemplateResult {
  const { draft, t } = opts;
  const toggle = (zone: ScreenZone, on: boolean) => opts.onChange({ zones: on ? [...draft.zones, zone] : draft.zones.filter((z) => z !== zone) });
  return html`<fieldset aria-describedby="${opts.name}-zones-error">
    <legend>${opts.legend}</legend>
    <div class="choices">
      <label class="choice"><input type="radio" name="${opts.name}-scope" .checked=${draft.allZones} @change=${() => opts.onChange({ allZones: true })} />${opts.allLabel}</label>
      <label class="choice"><input type="radio" name="${opts.name}-scope" .checked=${!draft.allZones} @change=${() => opts.onChange({ allZones: false })} />${opts.someLabel}</label>
    </div>
    ${draft.allZones
      ? nothing
      : html`<div class="choices">
          ${screenZones.map(
            (z) => html`<label class="choice">
              <input type="checkbox" .checked=${draft.zones.includes(z)} @change=${(e: Event) => toggle(z, (e.target as HTMLInputElement).checked)} />${zoneLabel(z, t)}
            </label>`,
          )}
        </div>`}
    <span id="${opts.name}-zones-error" class="error-text">${opts.error}</span>
  </fieldset>`;
}
