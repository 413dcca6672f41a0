/** The default brand when a school has none or an unreadable one. */
export const DEFAULT_BRAND = '#1d4ed8';

const HEX = /^#[0-9a-f]{6}$/i;

/** True for a #RRGGBB colour, the only form the hub stores. */
export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

/** Relative luminance (WCAG 2) of a #RRGGBB colour. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2 contrast ratio between two #RRGGBB colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Text colour to write on a school's brand colour: schools pick any colour (a pale yellow
 * included), so the text is whichever of white or black reads better: one always reaches 4.5:1.
 */
export function inkOn(background: string): string {
  const bg = isHexColour(background) ? background : DEFAULT_BRAND;
  return contrastRatio(bg, '#ffffff') >= contrastRatio(bg, '#000000') ? '#ffffff' : '#000000';
}
