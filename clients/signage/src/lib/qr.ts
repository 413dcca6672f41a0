// The pairing QR code as an SVG path, drawn here: no network, no canvas, any size.
import qrcode from 'qrcode-generator';

export interface QrPath {
  /** Modules per side, quiet zone included. */
  size: number;
  /** One SVG path of the dark modules, one unit per module. */
  d: string;
}

/** Quiet zone around the code, in modules: scanners need it (4 per the standard). */
const QUIET = 4;

/** The QR code of `text` (error correction M: a phone reads it through a glass front). */
export function qrPath(text: string): QrPath {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    // one horizontal run per stretch of dark modules: a path a few kB long, not one per module
    let col = 0;
    while (col < count) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.isDark(row, col)) col++;
      parts.push(`M${start + QUIET} ${row + QUIET}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: count + 2 * QUIET, d: parts.join('') };
}
