import { layout } from './layout.mjml';

/** One notification by email, right after the short delay (or at escalation time). */
export function alertMjml(opts: { withLogo: boolean }): string {
  return layout(
    `<mj-text font-size="13px" font-weight="600" color="#6b7280" text-transform="uppercase" letter-spacing="0.04em" padding="0 0 6px 0">{{category}}</mj-text>
        <mj-text font-size="20px" font-weight="700" line-height="1.3" color="#111827">{{title}}</mj-text>
        <mj-text>{{body}}</mj-text>
        <mj-button href="{{link}}">Ouvrir dans Préau</mj-button>
        <mj-text font-size="12px" color="#6b7280" padding="16px 0 0 0">Le bouton ne fonctionne pas ? Copiez ce lien dans votre navigateur : <a href="{{link}}" style="color:#6b7280">{{link}}</a></mj-text>`,
    opts,
  );
}
