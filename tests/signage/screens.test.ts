import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screens } from '../../db/schema';
import { channels } from '../../server/contracts/channels';
import type { EventEnvelope } from '../../server/contracts/events';
import type { HeartbeatAnswerDto, PairingClaimDto, PairingStartDto, ScreenDto, ScreenSnapshotDto } from '../../server/contracts/signage';
import { createMailer, type Mailer } from '../../server/modules/notifications/email/mailer';
import { monitorScreens } from '../../server/modules/signage/screen-monitor';
import { SCREEN_TOKEN_ROTATE_AFTER_MS } from '../../server/modules/signage/screen-token';
import { createSchool } from '../helpers/factories';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink';
import { connectLive, type LiveClient } from '../helpers/socket-client';
import { TestClock } from '../helpers/test-clock';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { ALWAYS_ON, kiosk, pairScreen, signageSchool } from './signage-setup';

const clock = new TestClock();
let hub: TestHub;
let sink: SmtpSink;
let mailer: Mailer;
// Monday 7 December 2026, 10:00 in Paris: school hours
const MONDAY_10H = '2026-12-07T09:00:00Z';

beforeAll(async () => {
  clock.setTo(MONDAY_10H);
  hub = await startTestHub({ clock });
  sink = await startSmtpSink();
  mailer = createMailer({ smtpUrl: sink.url, dataDir: '/tmp/preau-test-unused', from: 'Préau <no-reply@preau.invalid>' });
});
afterAll(async () => {
  mailer?.close();
  await sink?.close();
  await hub?.close();
});

const heartbeat = (cursors: Record<string, number> = {}) => ({
  cursors,
  alertId: null,
  uptimeSeconds: 120,
  jsHeapBytes: 12_000_000,
  clockOffsetMs: -40,
  version: '1.0.0',
  viewport: { width: 1920, height: 1080 },
  display: 'content' as const,
});

const liveScreen = async (token: string): Promise<LiveClient> => {
  const live = connectLive(hub.url, '', {}, { screenToken: token });
  await live.channels;
  return live;
};

const ofType = (live: LiveClient, type: string) => live.delivered.filter((e) => e.type === type) as EventEnvelope[];

describe('pairing', () => {
  it('pairs the screen showing a code: the admin names it, the kiosk collects its token once', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const start = (await (await kiosk(hub.url)('/api/signage/pairings', { method: 'POST' })).json()) as PairingStartDto;
    expect(start.code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    expect(start.pairUrl).toBe(`${hub.url}/#/ecrans/appairer?code=${start.code}`);
    const claim = () => kiosk(hub.url)('/api/signage/pairings/claim', { method: 'POST', json: { secret: start.secret } });
    expect(await (await claim()).json()).toMatchObject({ status: 'pending' });

    const pairAs = (session: typeof s.sessions.admin, code: string) =>
      session.request(`/api/schools/${s.school.uai}/screens`, { method: 'POST', json: { code, name: 'Hall principal', zone: 'hall', layout: 'landscape' } });
    // only admins pair; a wrong code is told apart from a refusal
    expect((await pairAs(s.sessions.direction, start.code)).status).toBe(403);
    expect((await pairAs(s.sessions.teacher, start.code)).status).toBe(403);
    const wrong = await pairAs(s.sessions.admin, 'ZZZZZZ');
    expect(wrong.status).toBe(404);
    expect((await wrong.json()).error.code).toBe('pairing_not_found');
    // typed the way people type it: lower case, with a space
    const typed = `${start.code.slice(0, 3).toLowerCase()} ${start.code.slice(3)}`;
    const paired = await pairAs(s.sessions.admin, typed);
    expect(paired.status).toBe(201);
    const screen = (await paired.json()) as ScreenDto;
    expect(screen).toMatchObject({ name: 'Hall principal', zone: 'hall', layout: 'landscape', state: 'offline', lastSeenAt: null });
    // the same code cannot be paired twice
    expect((await pairAs(s.sessions.admin, start.code)).status).toBe(404);

    const collected = (await (await claim()).json()) as PairingClaimDto;
    expect(collected.status).toBe('paired');
    if (collected.status !== 'paired') return;
    expect(collected.screen).toMatchObject({ id: screen.id, zone: 'hall' });
    // collected once: the secret is spent
    const again = await claim();
    expect(again.status).toBe(410);
    expect((await again.json()).error.code).toBe('pairing_expired');
    // the token is stored hashed only
    const [row] = await hub.database.db.select().from(screens).where(eq(screens.id, screen.id));
    expect(row.tokenHash).not.toContain(collected.token);
    expect(row.tokenHash).toHaveLength(43);

    const snapshot = (await (await kiosk(hub.url, collected.token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto;
    expect(snapshot.school).toMatchObject({ uai: s.school.uai, name: 'Collège Jean Moulin', timeZone: 'Europe/Paris' });
    expect(snapshot.screen.id).toBe(screen.id);
    expect(snapshot.templates.map((t) => t.name)).toEqual(['Confinement', 'Évacuation']);
    expect(Object.keys(snapshot.cursors).sort()).toEqual(
      [channels.screen(screen.id), channels.signage(s.school.uai), channels.zone(s.school.uai, 'hall'), channels.board(s.school.uai)].sort(),
    );
  });

  it('lets codes expire, and refuses bad input with its reasons', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const start = (await (await kiosk(hub.url)('/api/signage/pairings', { method: 'POST' })).json()) as PairingStartDto;
    const bad = await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens`, { method: 'POST', json: { code: 'AB', name: '', zone: 'toit', layout: 'carré' } });
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.code).toBe('validation_failed');
    expect(error.details.map((d: { path: string }) => d.path).sort()).toEqual(['code', 'layout', 'name', 'zone']);
    clock.offsetMs += 16 * 60_000;
    try {
      const late = await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens`, { method: 'POST', json: { code: start.code, name: 'CDI', zone: 'cdi', layout: 'portrait' } });
      expect(late.status).toBe(404);
      const claim = await kiosk(hub.url)('/api/signage/pairings/claim', { method: 'POST', json: { secret: start.secret } });
      expect(claim.status).toBe(410);
    } finally {
      clock.setTo(MONDAY_10H);
    }
  });
});

describe('what a screen token may read', () => {
  it('reads its own feeds only: no person’s API, no other school, no other zone’s ticker', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const other = await createSchool(hub.database.db, { name: 'Lycée voisin' });
    const hall = await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'Hall', zone: 'hall' });
    const profs = await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'Salle des profs', zone: 'salle_profs' });
    const asHall = kiosk(hub.url, hall.token);
    for (const path of [
      `/api/schools/${s.school.uai}/board`,
      `/api/schools/${s.school.uai}/screens`,
      `/api/schools/${s.school.uai}/news`,
      `/api/schools/${s.school.uai}/alerts/active`,
      `/api/schools/${other.uai}/board`,
      '/api/auth/me',
    ]) {
      expect((await asHall(path)).status, path).toBe(401);
    }
    expect((await kiosk(hub.url, 'x'.repeat(43))('/api/screen/snapshot')).status).toBe(401);

    const flash = (text: string, zones: string[] | null) =>
      s.sessions.staff.request(`/api/schools/${s.school.uai}/signage/flashes`, { method: 'POST', json: { text, zones, until: new Date(clock.now().getTime() + 3600_000).toISOString() } });
    const liveHall = await liveScreen(hall.token);
    const liveProfs = await liveScreen(profs.token);
    expect((await flash('Conseil pédagogique à 17 h en salle B12', ['salle_profs'])).status).toBe(201);
    expect((await flash('Portes ouvertes samedi 9 h – 12 h', null)).status).toBe(201);
    await liveProfs.waitFor((e) => e.filter((x) => x.type === 'signage.flash_updated').length === 2);
    await liveHall.waitFor((e) => e.some((x) => x.type === 'signage.flash_updated'));
    await new Promise((r) => setTimeout(r, 200));
    expect(ofType(liveHall, 'signage.flash_updated').map((e) => (e.data as { upserted: Array<{ text: string }> }).upserted[0].text)).toEqual(['Portes ouvertes samedi 9 h – 12 h']);
    const hallSnapshot = (await (await asHall('/api/screen/snapshot')).json()) as ScreenSnapshotDto;
    expect(hallSnapshot.flashes.map((f) => f.text)).toEqual(['Portes ouvertes samedi 9 h – 12 h']);
    const profsSnapshot = (await (await kiosk(hub.url, profs.token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto;
    expect(profsSnapshot.flashes.map((f) => f.text).sort()).toEqual(['Conseil pédagogique à 17 h en salle B12', 'Portes ouvertes samedi 9 h – 12 h']);

    // live: the hub chose its channels; it may ask for no other, nor replay one it is not in
    expect(await liveHall.channels).not.toContain(channels.zone(s.school.uai, 'salle_profs'));
    for (const channel of [channels.zone(s.school.uai, 'salle_profs'), channels.signage(other.uai), channels.profile(s.school.uai, 'teacher'), channels.school(s.school.uai)]) {
      expect((await liveHall.socket.emitWithAck('subscribe', channel)).ok, channel).toBe(false);
    }
    liveHall.socket.emit('replay', { [channels.zone(s.school.uai, 'salle_profs')]: 0 });
    await new Promise((r) => setTimeout(r, 200));
    expect(liveHall.notices.filter((n) => n.code === 'forbidden').length).toBe(5);
    expect(liveHall.raw.some((e) => e.channel === channels.zone(s.school.uai, 'salle_profs'))).toBe(false);
    liveHall.close();
    liveProfs.close();
  });

  it('is refused at once and disconnected when the screen is revoked', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const { screen, token } = await pairScreen(hub.url, s.sessions.admin, s.school.uai);
    const live = await liveScreen(token);
    const disconnected = new Promise<string>((resolve) => live.socket.on('disconnect', (reason) => resolve(reason)));
    expect((await s.sessions.direction.request(`/api/schools/${s.school.uai}/screens/${screen.id}`, { method: 'DELETE' })).status).toBe(403);
    expect((await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens/${screen.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await disconnected).toBe('io server disconnect');
    const refused = await kiosk(hub.url, token)('/api/screen/snapshot');
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('screen_revoked');
    const again = connectLive(hub.url, '', {}, { screenToken: token });
    await expect(again.channels).rejects.toMatchObject({ message: 'screen_revoked', data: { code: 'screen_revoked' } });
    again.close();
    const list = (await (await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens`)).json()) as ScreenDto[];
    expect(list).toEqual([]);
  });

  it('rotates its token: the new one arrives with a snapshot, the old one works until the new one is used', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const { token } = await pairScreen(hub.url, s.sessions.admin, s.school.uai);
    clock.offsetMs += SCREEN_TOKEN_ROTATE_AFTER_MS + 60_000;
    try {
      const first = (await (await kiosk(hub.url, token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto;
      expect(first.rotatedToken).toBeTruthy();
      // the answer was lost: the old token still works, and brings yet another new token
      const second = (await (await kiosk(hub.url, token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto;
      expect(second.rotatedToken).toBeTruthy();
      expect(second.rotatedToken).not.toBe(first.rotatedToken);
      // the kiosk uses the newest: from then on the old one is refused, and no rotation is due
      const answer = (await (await kiosk(hub.url, second.rotatedToken)('/api/screen/heartbeat', { method: 'POST', json: heartbeat() })).json()) as HeartbeatAnswerDto;
      expect(answer.rotatedToken).toBeUndefined();
      expect((await kiosk(hub.url, token)('/api/screen/snapshot')).status).toBe(401);
      expect((await kiosk(hub.url, first.rotatedToken)('/api/screen/snapshot')).status).toBe(401);
    } finally {
      clock.setTo(MONDAY_10H);
    }
  });
});

describe('monitoring and remote control', () => {
  it('shows each screen online, behind, offline or off by its schedule, live to admins', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const admin = connectLive(hub.url, s.sessions.admin.cookie);
    await admin.channels;
    const { screen, token } = await pairScreen(hub.url, s.sessions.admin, s.school.uai);
    const states = () => ofType(admin, 'screen.status_changed').map((e) => (e.data as { screen: ScreenDto }).screen.state);
    await admin.waitFor(() => states().length === 1);
    expect(states()).toEqual(['offline']);

    const beat = (cursors: Record<string, number>) => kiosk(hub.url, token)('/api/screen/heartbeat', { method: 'POST', json: heartbeat(cursors) });
    const snapshot = (await (await kiosk(hub.url, token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto;
    expect((await beat(snapshot.cursors)).status).toBe(200);
    await admin.waitFor(() => states().length === 2);
    expect(states()[1]).toBe('online');
    const listed = (await (await s.sessions.direction.request(`/api/schools/${s.school.uai}/screens`)).json()) as ScreenDto[];
    expect(listed[0]).toMatchObject({ state: 'online', heartbeat: { version: '1.0.0', clockOffsetMs: -40, viewport: { width: 1920, height: 1080 } } });

    // a flash the screen does not apply: behind, once the grace for events in flight is over
    await s.sessions.staff.request(`/api/schools/${s.school.uai}/signage/flashes`, { method: 'POST', json: { text: 'Cantine fermée jeudi', zones: null, until: new Date(clock.now().getTime() + 3600_000).toISOString() } });
    expect((await beat(snapshot.cursors)).status).toBe(200);
    clock.offsetMs += 20_000;
    expect((await beat(snapshot.cursors)).status).toBe(200);
    await admin.waitFor(() => states().length === 3);
    const behind = ofType(admin, 'screen.status_changed').at(-1)!.data as { screen: ScreenDto };
    expect(behind.screen.state).toBe('behind');
    expect(behind.screen.behind).toEqual([{ channel: channels.signage(s.school.uai), hub: snapshot.cursors[channels.signage(s.school.uai)] + 1, applied: snapshot.cursors[channels.signage(s.school.uai)] }]);

    // silent for two minutes: the monitor says offline
    clock.offsetMs += 120_000;
    expect(await monitorScreens({ ...hub.deps, mailer, publicUrl: hub.url }, { schoolIds: [s.school.id] })).toMatchObject({ changed: 1 });
    await admin.waitFor(() => states().length === 4);
    expect(states()[3]).toBe('offline');

    // on Saturday its schedule has it off: not a fault
    await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens/${screen.id}`, { method: 'PATCH', json: { schedule: { ...ALWAYS_ON, days: [...ALWAYS_ON.days.slice(0, 5), null, null] } } });
    clock.setTo('2026-12-12T10:00:00Z');
    await monitorScreens({ ...hub.deps, mailer, publicUrl: hub.url }, { schoolIds: [s.school.id] });
    const [row] = (await (await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens`)).json()) as ScreenDto[];
    expect(row.state).toBe('scheduled_off');
    clock.setTo(MONDAY_10H);
    admin.close();
  });

  it('emails the school’s admins once when a screen is offline for five minutes while it should be on', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const { screen, token } = await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'Hall principal' });
    await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'CDI', zone: 'cdi' }).then((cdi) =>
      kiosk(hub.url, cdi.token)('/api/screen/heartbeat', { method: 'POST', json: heartbeat() }),
    );
    expect((await kiosk(hub.url, token)('/api/screen/heartbeat', { method: 'POST', json: heartbeat() })).status).toBe(200);
    const monitor = () => monitorScreens({ ...hub.deps, mailer, publicUrl: hub.url }, { schoolIds: [s.school.id] });
    const before = sink.messages.length;
    try {
      // four minutes: nothing yet (the CDI screen keeps beating)
      clock.offsetMs += 4 * 60_000;
      await kiosk(hub.url, (await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'Cantine', zone: 'cantine' })).token)('/api/screen/heartbeat', { method: 'POST', json: heartbeat() });
      expect(await monitor()).toMatchObject({ emailed: 0 });
      clock.offsetMs += 2 * 60_000;
      const result = await monitor();
      // the hall (silent 6 min) and the CDI (silent 6 min); the cantine beat 2 minutes ago
      expect(result.emailed).toBe(2);
      const [mail] = await sink.waitFor(before + 1);
      const received = sink.messages.slice(before);
      expect(received).toHaveLength(1);
      expect(received[0].to).toEqual([s.people.admin.email]);
      expect(received[0].subject).toBe('2 écrans hors ligne — Collège Jean Moulin');
      expect(received[0].text).toContain('- Hall principal (vu pour la dernière fois à 10:00)');
      expect(received[0].text).toContain(`${hub.url}/#/ecrans`);
      expect(received[0].html).toContain('<strong>Hall principal</strong>');
      void mail;
      // once per outage
      expect(await monitor()).toMatchObject({ emailed: 0 });
      // back, then gone again: a new outage, a new email
      await kiosk(hub.url, token)('/api/screen/heartbeat', { method: 'POST', json: heartbeat() });
      const [row] = await hub.database.db.select().from(screens).where(eq(screens.id, screen.id));
      expect(row.offlineNotifiedAt).toBeNull();
      // muted when the schedule has the screen off (the hall's evenings)
      await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens/${screen.id}`, { method: 'PATCH', json: { schedule: { days: Array.from({ length: 7 }, () => ({ on: '07:30', off: '10:05' })), closed: [] } } });
      clock.offsetMs += 10 * 60_000;
      const later = await monitor();
      expect(sink.messages.slice(before + 1).some((m) => m.text.includes('Hall principal'))).toBe(false);
      expect(later.emailed).toBe(1); // the cantine, silent for 10 minutes, still on
    } finally {
      clock.setTo(MONDAY_10H);
    }
  });

  it('sends commands to the screen, and only admins may', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const { screen, token } = await pairScreen(hub.url, s.sessions.admin, s.school.uai);
    const live = await liveScreen(token);
    const command = (session: typeof s.sessions.admin, body: unknown) => session.request(`/api/schools/${s.school.uai}/screens/${screen.id}/commands`, { method: 'POST', json: body });
    expect((await command(s.sessions.direction, { command: 'reload' })).status).toBe(403);
    expect((await command(s.sessions.admin, { command: 'explode' })).status).toBe(400);
    for (const c of ['identify', 'blank', 'wake', 'reload']) expect((await command(s.sessions.admin, { command: c })).status).toBe(202);
    await live.waitFor((e) => e.filter((x) => x.type === 'screen.command').length === 4);
    expect(ofType(live, 'screen.command').map((e) => e.data)).toEqual(
      ['identify', 'blank', 'wake', 'reload'].map((c) => ({ command: c, issuedAt: expect.stringMatching(/^2026-12-07T09:00/) })),
    );
    // a settings change reaches the screen live too
    await s.sessions.admin.request(`/api/schools/${s.school.uai}/screens/${screen.id}`, { method: 'PATCH', json: { name: 'Hall d’entrée', layout: 'portrait' } });
    await live.waitFor((e) => e.some((x) => x.type === 'screen.updated'));
    expect(ofType(live, 'screen.updated')[0].data).toMatchObject({ screen: { name: 'Hall d’entrée', layout: 'portrait' } });
    live.close();
  });
});
