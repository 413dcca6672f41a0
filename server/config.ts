import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `doit commencer par ${protocols.join(' ou ')}`,
    });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: optionalUrl(['postgres://', 'postgresql://']),
  REDIS_URL: optionalUrl(['redis://', 'rediss://']),
  SMTP_URL: optionalUrl(['smtp://', 'smtps://']),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PREAU_DEMO: z.enum(['0', '1']).default('1'),
  TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Push services devices may subscribe with (host, `.suffix` for subdomains, `host:port`); empty: the usual browser services. */
  PUSH_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /** Contact of the sender in VAPID claims (RFC 8292): a mailto: or https: URL. */
  PUSH_CONTACT: z.string().regex(/^(mailto:|https:\/\/)/, 'mailto: ou https://').default('mailto:contact@preau.invalid'),
  /** Sender of every email; its domain should be the one DKIM signs for. */
  MAIL_FROM: z.string().trim().min(3).default('Préau <no-reply@preau.invalid>'),
  DKIM_DOMAIN: z.string().trim().optional(),
  DKIM_SELECTOR: z.string().trim().optional(),
  /** PEM private key of the DKIM selector (a file, so the key stays out of the environment). */
  DKIM_PRIVATE_KEY_FILE: z.string().trim().optional(),
  SERVICES: z
    .string()
    .default('web,realtime,worker')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['web', 'realtime', 'worker'])).min(1)),
});

export interface Config {
  port: number;
  publicUrl: string;
  /** True when PUBLIC_URL is https: cookies get the Secure flag. */
  secureCookies: boolean;
  databaseUrl?: string;
  redisUrl?: string;
  smtpUrl?: string;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demo: boolean;
  /** Behind a load balancer: take the client address from X-Forwarded-For (login limits per address). */
  trustProxy: boolean;
  services: Array<'web' | 'realtime' | 'worker'>;
  /** Extra push service hosts allowed beyond the usual browser ones (tests add their local service). */
  pushAllowedHosts: string[];
  pushContact: string;
  mailFrom: string;
  /** Signs outgoing mail when all three DKIM variables are set. */
  dkim?: { domainName: string; keySelector: string; privateKeyFile: string };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message} (valeur reçue : ${JSON.stringify(env[String(i.path[0])])})`),
    );
  }
  const e = parsed.data;
  const dkimVars = { DKIM_DOMAIN: e.DKIM_DOMAIN, DKIM_SELECTOR: e.DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE: e.DKIM_PRIVATE_KEY_FILE };
  const dkimSet = Object.entries(dkimVars).filter(([, v]) => v);
  if (dkimSet.length > 0 && dkimSet.length < 3) {
    throw new ConfigError(
      Object.entries(dkimVars)
        .filter(([, v]) => !v)
        .map(([k]) => `${k}: requis dès qu’une variable DKIM est définie (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE)`),
    );
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    port: e.PORT,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    dataDir: isAbsolute(e.DATA_DIR) ? e.DATA_DIR : resolve(process.cwd(), e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    demo: e.PREAU_DEMO === '1',
    trustProxy: e.TRUST_PROXY === '1',
    services: e.SERVICES,
    pushAllowedHosts: e.PUSH_ALLOWED_HOSTS,
    pushContact: e.PUSH_CONTACT,
    mailFrom: e.MAIL_FROM,
    dkim:
      dkimSet.length === 3
        ? {
            domainName: e.DKIM_DOMAIN!,
            keySelector: e.DKIM_SELECTOR!,
            privateKeyFile: isAbsolute(e.DKIM_PRIVATE_KEY_FILE!) ? e.DKIM_PRIVATE_KEY_FILE! : resolve(process.cwd(), e.DKIM_PRIVATE_KEY_FILE!),
          }
        : undefined,
  };
}
