/**
 * A CSV file as spreadsheets in France open it: `;` between fields, CRLF line ends, a UTF-8 BOM
 * so accents survive, and RFC 4180 quoting where a field needs it.
 */
export function csvText(rows: Array<Array<string | number | null>>): string {
  const field = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return '\uFEFF' + rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}

/** Hands the rows to the browser as a file to save. */
export function downloadCsv(name: string, rows: Array<Array<string | number | null>>): void {
  const url = URL.createObjectURL(new Blob([csvText(rows)], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
