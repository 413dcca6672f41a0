// Overseas departments have their own country codes although their numbers are dialled
// as ten-digit "0…" numbers from mainland France: 0692 12 34 56 is +262 692 12 34 56.
const OVERSEAS_PREFIXES: Array<[string[], string]> = [
  [['0262', '0263', '0269', '0692', '0693', '0639'], '262'], // La Réunion, Mayotte
  [['0590', '0690', '0691'], '590'], // Guadeloupe, Saint-Martin, Saint-Barthélemy
  [['0594', '0694'], '594'], // Guyane
  [['0596', '0696', '0697'], '596'], // Martinique
];

/**
 * A phone number in E.164 (+33612345678), from the ways French people write them
 * ("06 12 34 56 78", "06.12.34.56.78", "+33 6 12 34 56 78", "0033 6…", "+33 (0)6…");
 * foreign numbers are accepted only in international form. Null when it is not a phone number.
 */
export function normalizePhone(raw: string): string | null {
  const compact = raw.replace(/\(0\)/g, '').replace(/[\s.\-/()\u00a0]/g, '');
  if (!/^(\+|00)?\d+$/.test(compact)) return null;
  const international = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : null;
  if (international === null) return fromNational(compact);
  if (international.startsWith('33')) {
    const rest = international.slice(2);
    return /^[1-9]\d{8}$/.test(rest) ? fromNational(`0${rest}`) : null;
  }
  // E.164 allows 15 digits at most; fewer than 9 is a French number mistyped after "00", not a foreign one
  return /^[1-9]\d{8,14}$/.test(international) ? `+${international}` : null;
}

function fromNational(digits: string): string | null {
  if (!/^0[1-9]\d{8}$/.test(digits)) return null;
  const overseas = OVERSEAS_PREFIXES.find(([prefixes]) => prefixes.some((p) => digits.startsWith(p)));
  return `+${overseas ? overseas[1] : '33'}${digits.slice(1)}`;
}
