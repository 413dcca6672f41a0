import { layout } from './layout.mjml';

/** What happened over a day or a week, grouped by category; the sections are filled in as escaped HTML. */
export function digestMjml(opts: { withLogo: boolean }): string {
  return layout(
    `<mj-text font-size="20px" font-weight="700" line-height="1.3" color="#111827">{{heading}}</mj-text>
        <mj-text>Bonjour {{person}},<br />{{intro}}</mj-text>
        <mj-text padding="0">{{raw_sections}}</mj-text>
        <mj-button href="{{link}}">Ouvrir Préau</mj-button>`,
    opts,
  );
}
