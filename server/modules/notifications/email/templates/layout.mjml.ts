/** Stand-ins MJML keeps verbatim; filled per recipient with the school's colour and the text colour readable on it. */
export const BRAND_COLOR = '#010203';
export const ON_BRAND_COLOR = '#fefdfc';

/**
 * The frame every Préau email shares: the school's band (logo, name), the content, and the
 * footer saying why this arrives and how to stop it. `{{name}}` placeholders are escaped when
 * filled; `{{raw_name}}` ones take HTML built (and escaped) by the email's own module.
 */
export function layout(content: string, opts: { withLogo: boolean }): string {
  const logo = opts.withLogo ? `<mj-image src="{{logo_url}}" alt="" width="56px" align="left" padding="0 0 10px 0" />` : '';
  return `<mjml lang="fr">
  <mj-head>
    <mj-title>{{subject}}</mj-title>
    <mj-preview>{{preview}}</mj-preview>
    <mj-attributes>
      <mj-all font-family="-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
      <mj-text font-size="15px" line-height="1.5" color="#1f2937" padding="0 0 12px 0" />
      <mj-button background-color="${BRAND_COLOR}" color="${ON_BRAND_COLOR}" font-size="15px" font-weight="600" border-radius="6px" align="left" padding="8px 0 0 0" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f3f4f6" width="600px">
    <mj-section background-color="${BRAND_COLOR}" padding="18px 24px">
      <mj-column>
        ${logo}
        <mj-text color="${ON_BRAND_COLOR}" font-size="18px" font-weight="700" padding="0">{{school}}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section background-color="#ffffff" padding="24px">
      <mj-column>
        ${content}
      </mj-column>
    </mj-section>
    <mj-section padding="16px 24px">
      <mj-column>
        <mj-text font-size="12px" color="#6b7280" padding="0">{{footer}}<br /><a href="{{unsubscribe_url}}" style="color:#6b7280;text-decoration:underline">{{unsubscribe_label}}</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`;
}
