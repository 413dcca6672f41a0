import iconv from 'iconv-lite';

/** The text encodings a directory file can arrive in. */
export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type CsvDelimiter = ';' | ',';

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

/**
 * Bytes to text: strict UTF-8 (BOM stripped) when the bytes are valid UTF-8, otherwise
 * Windows-1252, which is what Excel "CSV (séparateur : point-virgule)" writes on French Windows.
 */
export function decodeCsv(input: Buffer | Uint8Array | string): DecodedCsv {
  if (typeof input === 'string') return { text: stripBom(input), encoding: 'utf-8' };
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  // Excel's "texte Unicode" export is UTF-16 with a BOM; cheap to accept
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: stripBom(new TextDecoder('utf-16le').decode(bytes)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: stripBom(new TextDecoder('utf-16be').decode(bytes)), encoding: 'utf-16be' };
  try {
    return { text: stripBom(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)), encoding: 'utf-8' };
  } catch {
    // iconv-lite, not TextDecoder: Node 20's 'windows-1252' decodes like ISO-8859-1 and
    // turns the letters Excel puts in 0x80–0x9F (œ, €, ’…) into control characters
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The delimiter of the header line: whichever of `;` and `,` occurs more often outside quotes (`;` on a tie). */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') semicolons++;
    else if (!quoted && c === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}
