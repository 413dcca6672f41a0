import { and, eq, inArray, isNull } from 'drizzle-orm';
import { memberships, people, schools, screens } from '../../../db/schema';
import { isScheduledOn, OFFLINE_EMAIL_AFTER_MS } from '../../contracts/signage-rules';
import { toZonedInput } from '../../contracts/zoned-time';
import type { Logger } from '../../platform/logger';
import { inTransaction } from '../../platform/outbox';
import type { Mailer } from '../notifications/email/mailer';
import { escapeHtml } from '../notifications/email/templates';
import { emitScreenStatus } from './screen-events';
import { pairedByNames, screenDto, screenState, type ScreenRow } from './screen-views';
import type { SignageDeps } from './screens.service';

export type MonitorDeps = SignageDeps & { log: Logger; mailer?: Mailer; publicUrl: string };

type SchoolRow = typeof schools.$inferSelect;

/**
 * Runs every minute on one worker (pg-boss cron): tells admins when a screen's state changed without a heartbeat
 * to say so (gone quiet, schedule on or off), and emails a school's admins about screens offline
 * for five minutes while they should be on. A screen is emailed about once per outage.
 */
export async function monitorScreens(deps: MonitorDeps, opts: { schoolIds?: string[] } = {}): Promise<{ changed: number; emailed: number }> {
  const now = deps.clock.now();
  const where = and(isNull(screens.revokedAt), opts.schoolIds ? inArray(screens.schoolId, opts.schoolIds) : undefined);
  const rows = await deps.db.select({ screen: screens, school: schools }).from(screens).innerJoin(schools, eq(schools.id, screens.schoolId)).where(where);
  let changed = 0;
  const owed = new Map<string, { school: SchoolRow; screens: ScreenRow[] }>();
  for (const { screen, school } of rows) {
    const state = screenState(screen, school.timeZone, now);
    if (state !== screen.lastState) {
      changed++;
      await inTransaction(deps, async (uow) => {
        await uow.tx.update(screens).set({ lastState: state }).where(eq(screens.id, screen.id));
        const names = await pairedByNames(uow.tx, [screen]);
        await emitScreenStatus(uow, school, screenDto(screen, school, screen.pairedBy ? (names.get(screen.pairedBy) ?? null) : null, now));
      });
    }
    const silentFor = now.getTime() - (screen.lastSeenAt ?? screen.pairedAt).getTime();
    // on now and already five minutes ago: no email for a screen just switched on by its schedule
    const expectedOn = isScheduledOn(screen.schedule, now, school.timeZone) && isScheduledOn(screen.schedule, new Date(now.getTime() - OFFLINE_EMAIL_AFTER_MS), school.timeZone);
    if (state === 'offline' && expectedOn && silentFor >= OFFLINE_EMAIL_AFTER_MS && !screen.offlineNotifiedAt) {
      const entry = owed.get(school.id) ?? { school, screens: [] };
      entry.screens.push(screen);
      owed.set(school.id, entry);
    }
  }
  let emailed = 0;
  for (const { school, screens: offline } of owed.values()) {
    if (await emailAdmins(deps, school, offline)) emailed += offline.length;
    // marked even when no admin has an address: the next run would find nobody either
    await deps.db.update(screens).set({ offlineNotifiedAt: now }).where(inArray(screens.id, offline.map((s) => s.id)));
  }
  return { changed, emailed };
}

async function emailAdmins(deps: MonitorDeps, school: SchoolRow, offline: ScreenRow[]): Promise<boolean> {
  if (!deps.mailer) return false;
  const admins = await deps.db
    .select({ email: people.email })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.schoolId, school.id), eq(memberships.profile, 'admin'), eq(memberships.active, true)));
  const to = [...new Set(admins.map((a) => a.email).filter((e): e is string => !!e))];
  if (to.length === 0) {
    deps.log.warn({ school: school.uai, screens: offline.length }, 'screens offline, and no admin has an email address');
    return false;
  }
  const lines = offline.map((s) => {
    const since = s.lastSeenAt ? `vu pour la dernière fois à ${toZonedInput(s.lastSeenAt, school.timeZone).slice(11, 16)}` : 'jamais connecté depuis l’appairage';
    return { name: s.name, since };
  });
  const subject = offline.length === 1 ? `Écran hors ligne : ${offline[0].name} — ${school.name}` : `${offline.length} écrans hors ligne — ${school.name}`;
  const link = `${deps.publicUrl.replace(/\/$/, '')}/#/ecrans`;
  const intro = 'Ces écrans devraient être allumés mais ne donnent plus de nouvelles depuis plus de 5 minutes :';
  const advice = 'Vérifiez qu’ils sont sous tension et connectés au réseau ; ils reprennent seuls dès que le réseau revient.';
  const text = [school.name, '', intro, ...lines.map((l) => `- ${l.name} (${l.since})`), '', advice, '', `État des écrans : ${link}`, ''].join('\n');
  const html =
    `<p>${escapeHtml(school.name)}</p><p>${escapeHtml(intro)}</p><ul>` +
    lines.map((l) => `<li><strong>${escapeHtml(l.name)}</strong> (${escapeHtml(l.since)})</li>`).join('') +
    `</ul><p>${escapeHtml(advice)}</p><p><a href="${escapeHtml(link)}">État des écrans</a></p>`;
  let sent = false;
  for (const address of to) {
    const result = await deps.mailer.send({ to: address, subject, html, text });
    if (!result.ok) deps.log.warn({ school: school.uai, response: result.response }, 'offline-screen email refused');
    sent ||= result.ok;
  }
  return sent;
}
