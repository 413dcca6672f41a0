import { createHmac, timingSafeEqual } from 'node:crypto';
import Router from '@koa/router';
import { eq, sql } from 'drizzle-orm';
import type { Context } from 'koa';
import type { Db, Queryable } from '../../../../db/client';
import { auditLog, emailSuppressions, notificationPreferences, people, schools } from '../../../../db/schema';
import { CRITICAL_CATEGORIES, notificationCategories, type NotificationCategory } from '../../../contracts/notifications';
import type { HubDeps } from '../../../http/deps';
import { getOrCreateSecret } from '../../../platform/secrets';
import { preferencesOf } from '../notification-settings';
import { escapeHtml } from './templates';

export type UnsubscribeScope = 'digests' | 'alerts' | 'all';
export interface UnsubscribeTarget {
  personId: string;
  schoolId: string;
  scope: UnsubscribeScope;
}

// the byte stored in a token for each scope: append only, tokens already sent must keep meaning
const SCOPES: readonly UnsubscribeScope[] = ['digests', 'alerts', 'all'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAYLOAD_BYTES = 16 + 16 + 1;
const MAC_BYTES = 32;
const TOKEN = /^[A-Za-z0-9_-]{87}$/;
const DOMAIN = 'preau/unsubscribe/v1\0';

/** The key unsubscribe links are signed with, shared by every node. */
export async function unsubscribeSecret(db: Queryable): Promise<string> {
  return getOrCreateSecret(db as Db, 'unsubscribe_key');
}

const uuidBytes = (id: string) => {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return Buffer.from(id.replace(/-/g, ''), 'hex');
};
const uuidText = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};
const mac = (secret: string, payload: Buffer) => createHmac('sha256', secret).update(DOMAIN).update(payload).digest();

/**
 * A link that needs no sign-in (mail clients post to it, RFC 8058): who, which school, what to
 * stop, signed with HMAC-SHA256. Compact binary so the URL stays short; it does not expire, as
 * an old email must still let its reader stop the next ones.
 */
export function unsubscribeToken(secret: string, p: UnsubscribeTarget): string {
  const payload = Buffer.concat([uuidBytes(p.personId), uuidBytes(p.schoolId), Buffer.from([SCOPES.indexOf(p.scope)])]);
  return Buffer.concat([payload, mac(secret, payload)]).toString('base64url');
}

/** What a token asks for, or null when it was not signed by us (compared in constant time). */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | null {
  if (!TOKEN.test(token)) return null;
  const raw = Buffer.from(token, 'base64url');
  // base64url leaves spare bits in the last character: only the canonical spelling is accepted
  if (raw.length !== PAYLOAD_BYTES + MAC_BYTES || raw.toString('base64url') !== token) return null;
  const payload = raw.subarray(0, PAYLOAD_BYTES);
  if (!timingSafeEqual(raw.subarray(PAYLOAD_BYTES), mac(secret, payload))) return null;
  const scope = SCOPES[payload[32]];
  if (!scope) return null;
  return { personId: uuidText(payload.subarray(0, 16)), schoolId: uuidText(payload.subarray(16, 32)), scope };
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/u/${token}`;
}

/** Applies an unsubscribe; null when the person or the school no longer exists. */
export async function applyUnsubscribe(db: Db, t: UnsubscribeTarget, now: Date): Promise<{ schoolName: string; changed: number } | null> {
  const [school] = await db.select().from(schools).where(eq(schools.id, t.schoolId));
  const [person] = await db.select({ id: people.id, email: people.email }).from(people).where(eq(people.id, t.personId));
  if (!school || !person) return null;
  return db.transaction(async (tx) => {
    let changed = 0;
    if (t.scope === 'all') {
      const email = person.email?.trim().toLowerCase();
      if (email) {
        const inserted = await tx.insert(emailSuppressions).values({ email, reason: 'unsubscribed', detail: 'lien de désabonnement', createdAt: now }).onConflictDoNothing().returning();
        changed = inserted.length;
      }
    } else {
      const matrix = (await preferencesOf(tx, school, [t.personId])).get(t.personId)!;
      const stop: NotificationCategory[] = notificationCategories.filter((c) =>
        t.scope === 'digests' ? ['daily', 'weekly'].includes(matrix[c].email) : !CRITICAL_CATEGORIES.includes(c) && matrix[c].email === 'immediate',
      );
      if (stop.length) {
        await tx
          .insert(notificationPreferences)
          .values(stop.map((category) => ({ personId: t.personId, schoolId: t.schoolId, category, channel: 'email' as const, mode: 'off' as const, updatedAt: now })))
          .onConflictDoUpdate({
            target: [notificationPreferences.personId, notificationPreferences.schoolId, notificationPreferences.category, notificationPreferences.channel],
            set: { mode: sql`excluded.mode`, updatedAt: now },
          });
      }
      changed = stop.length;
    }
    // who stopped what, in counts: the address itself stays out of the audit trail
    await tx.insert(auditLog).values({ schoolId: t.schoolId, actorId: t.personId, action: 'notifications.unsubscribed', meta: { scope: t.scope, changed }, at: now });
    return { schoolName: school.name, changed };
  });
}

/** Whether an address may be emailed at all (not unsubscribed from everything, not bounced). */
export async function isSuppressed(db: Queryable, email: string): Promise<boolean> {
  const rows = await db.select({ email: emailSuppressions.email }).from(emailSuppressions).where(eq(emailSuppressions.email, email.trim().toLowerCase()));
  return rows.length > 0;
}

const WHAT: Record<UnsubscribeScope, string> = {
  digests: 'les résumés quotidiens et hebdomadaires',
  alerts: 'les courriels envoyés à chaque nouveau message, actualité ou changement d’emploi du temps',
  all: 'tous les courriels de Préau, de tous les établissements',
};

const DONE: Record<UnsubscribeScope, string> = {
  digests: 'Vous ne recevrez plus de résumés par courriel.',
  alerts: 'Vous ne recevrez plus de courriel à chaque nouveau message, actualité ou changement d’emploi du temps.',
  all: 'Plus aucun courriel de Préau ne sera envoyé à votre adresse.',
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} — Préau</title>
<style>
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2937;background:#f3f4f6}
main{max-width:34rem;margin:3rem auto;padding:1.5rem 1.75rem;background:#fff;border:1px solid #e5e7eb;border-radius:12px}
h1{font-size:1.35rem;margin:0 0 .75rem}
p{margin:0 0 1rem}.muted{color:#4b5563;font-size:.9rem}
button{font:inherit;font-weight:600;padding:.6rem 1.1rem;border-radius:8px;border:0;background:#1d4ed8;color:#fff;cursor:pointer}
button.secondary{background:#e5e7eb;color:#1f2937}
form{margin:0 0 1rem}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

const form = (token: string, label: string, secondary = false) =>
  `<form method="post" action="/u/${escapeHtml(token)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit"${secondary ? ' class="secondary"' : ''}>${escapeHtml(label)}</button></form>`;

/**
 * The unsubscribe links of emails: GET shows what the button would stop (link scanners open
 * links, so nothing changes on GET); POST applies it, from the page's button or from the mail
 * client itself (RFC 8058 one-click). No session: the signed token is the permission.
 */
export function unsubscribeRoutes(deps: HubDeps): Router {
  const router = new Router();
  let secret: Promise<string> | null = null;
  const key = () => (secret ??= unsubscribeSecret(deps.db).catch((err) => {
    secret = null;
    throw err;
  }));

  const answer = (ctx: Context, status: number, html: string) => {
    ctx.status = status;
    ctx.type = 'text/html; charset=utf-8';
    // the token in the address is a permission: never cached, indexed or passed on as referrer
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Robots-Tag', 'noindex');
    ctx.body = html;
  };
  const invalid = (ctx: Context) =>
    answer(ctx, 404, page('Lien invalide', '<p>Ce lien de désabonnement n’est pas valide. Vérifiez qu’il a été copié en entier depuis le courriel.</p><p class="muted">Vous pouvez aussi régler vos notifications dans Préau.</p>'));

  router.get('/u/:token', async (ctx) => {
    const target = verifyUnsubscribeToken(await key(), ctx.params.token);
    const [school] = target ? await deps.db.select({ name: schools.name }).from(schools).where(eq(schools.id, target.schoolId)) : [];
    if (!target || !school) return invalid(ctx);
    answer(
      ctx,
      200,
      page(
        'Se désabonner',
        `<p>Vous ne recevrez plus ${escapeHtml(WHAT[target.scope])}${target.scope === 'all' ? '' : ` de ${escapeHtml(school.name)}`}.</p>` +
          form(ctx.params.token, 'Confirmer le désabonnement') +
          `<p class="muted">Vos notifications dans l’application ne changent pas. Vous pourrez modifier vos choix à tout moment dans Préau.</p>`,
      ),
    );
  });

  router.post('/u/:token', async (ctx) => {
    // the body is `List-Unsubscribe=One-Click` (RFC 8058); the signed token alone decides
    ctx.req.resume();
    const secretKey = await key();
    const target = verifyUnsubscribeToken(secretKey, ctx.params.token);
    const done = target ? await applyUnsubscribe(deps.db, target, deps.clock.now()) : null;
    if (!target || !done) return invalid(ctx);
    deps.log.info({ scope: target.scope, changed: done.changed }, 'email unsubscribe');
    const more =
      target.scope === 'all'
        ? '<p class="muted">Pour recevoir de nouveau des courriels, adressez-vous à l’établissement.</p>'
        : `<p class="muted">${
            target.scope === 'alerts' ? 'Les absences de vos enfants et les alertes importantes restent envoyées par courriel. ' : ''
          }Vous pourrez modifier vos choix à tout moment dans Préau.</p>` +
          form(unsubscribeToken(secretKey, { ...target, scope: 'all' }), 'Ne plus recevoir aucun courriel de Préau', true);
    answer(ctx, 200, page('Désabonnement enregistré', `<p>${escapeHtml(DONE[target.scope])}${target.scope === 'all' ? '' : ` (${escapeHtml(done.schoolName)})`}</p>${more}`));
  });

  return router;
}
