const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd', ı: 'i' };

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[œæßøłđı]/g, (c) => LIGATURES[c])
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9.-]/g, '')
    .replace(/([.-])[.-]+/g, '$1')
    .replace(/^[.-]+|[.-]+$/g, '');
}

/** The login a person gets when the file names none: "prenom.nom", lowercase, without accents. */
export function loginBase(firstName: string, lastName: string, fallback: string): string {
  const base = [slug(firstName), slug(lastName)].filter(Boolean).join('.').slice(0, 50).replace(/[.-]+$/, '');
  // names in other scripts leave nothing: still a readable login
  return base.length >= 2 ? base : fallback;
}

/**
 * The key under which logins compete: a base without its numeric suffix, so that
 * "lea.dupont", "lea.dupont2" and "lea.dupont17" are all found by one lookup.
 */
export function loginFamily(login: string): string {
  return login.toLowerCase().replace(/[0-9]+$/, '');
}

/** Hands out free logins: the base itself, else the base followed by 2, 3… */
export class LoginAllocator {
  private readonly taken: Set<string>;

  constructor(taken: Iterable<string>) {
    this.taken = new Set([...taken].map((l) => l.toLowerCase()));
  }

  reserve(login: string): void {
    this.taken.add(login.toLowerCase());
  }

  allocate(base: string): string {
    let login = base;
    for (let n = 2; this.taken.has(login); n++) login = `${base}${n}`;
    this.taken.add(login);
    return login;
  }
}
