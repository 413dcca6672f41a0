import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../db/schema';
import type { AlertDto, AlertStatusDto, AlertTemplateDto, ScreenSnapshotDto } from '../../server/contracts/signage';
import { connectLive } from '../helpers/socket-client';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { kiosk, pairScreen, signageSchool } from './signage-setup';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

const drill = { status: 'exercise', responseType: 'shelter', headline: 'Confinement immédiat', instruction: 'Rejoignez la salle la plus proche et restez silencieux.', zones: null, expiresAt: null, confirmed: true };

describe('PPMS alerts', () => {
  it('direction triggers one: every screen concerned and every adult gets it at once; screens confirm; all clear ends it', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const hall = await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'Hall', zone: 'hall' });
    const cdi = await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'CDI', zone: 'cdi', layout: 'portrait' });
    const liveHall = connectLive(hub.url, '', {}, { screenToken: hall.token });
    const liveCdi = connectLive(hub.url, '', {}, { screenToken: cdi.token });
    const teacher = connectLive(hub.url, s.sessions.teacher.cookie);
    const direction = connectLive(hub.url, s.sessions.direction.cookie);
    const guardian = connectLive(hub.url, s.sessions.guardian.cookie);
    await Promise.all([liveHall.channels, liveCdi.channels, teacher.channels, direction.channels, guardian.channels]);
    const api = `/api/schools/${s.school.uai}/alerts`;

    // the second step is not optional, and only direction triggers
    expect((await s.sessions.direction.request(api, { method: 'POST', json: { ...drill, confirmed: undefined } })).status).toBe(400);
    for (const who of ['admin', 'teacher', 'staff', 'guardian'] as const) {
      expect((await s.sessions[who].request(api, { method: 'POST', json: drill })).status, who).toBe(403);
    }
    const res = await s.sessions.direction.request(api, { method: 'POST', json: drill });
    expect(res.status).toBe(201);
    const alert = (await res.json()) as AlertDto;
    expect(alert).toMatchObject({ status: 'exercise', msgType: 'alert', responseType: 'shelter', zones: null, endedAt: null, sentByName: 'Hélène Marchand' });
    for (const live of [liveHall, liveCdi, teacher, direction]) await live.waitFor((e) => e.some((x) => x.type === 'alert.triggered'));
    await new Promise((r) => setTimeout(r, 150));
    expect(guardian.delivered.some((e) => e.type.startsWith('alert.'))).toBe(false);
    // one at a time
    const second = await s.sessions.direction.request(api, { method: 'POST', json: drill });
    expect(second.status).toBe(409);
    expect((await second.json()).error.code).toBe('alert_active');

    // every adult is notified (phone and app, whatever the hour), no family
    const notified = await hub.database.db.select().from(notifications).where(and(eq(notifications.schoolId, s.school.id), eq(notifications.category, 'emergency')));
    expect(notified.map((n) => n.personId).sort()).toEqual([s.people.admin.id, s.people.direction.id, s.people.teacher.id, s.people.staff.id].sort());
    expect(notified[0]).toMatchObject({ title: 'EXERCICE — Confinement : Confinement immédiat', critical: true });

    // screens confirm; direction sees who did, live
    const status = async () => (await (await s.sessions.direction.request(`${api}/active`)).json()) as AlertStatusDto;
    expect((await status()).screens.map((x) => [x.name, x.displayedAt])).toEqual([['CDI', null], ['Hall', null]]);
    expect((await kiosk(hub.url, hall.token)(`/api/screen/alerts/${alert.id}/displayed`, { method: 'POST' })).status).toBe(204);
    expect((await kiosk(hub.url, hall.token)(`/api/screen/alerts/${alert.id}/displayed`, { method: 'POST' })).status).toBe(204);
    await direction.waitFor((e) => e.some((x) => x.type === 'alert.displayed'));
    expect(direction.delivered.filter((e) => e.type === 'alert.displayed')).toHaveLength(1);
    const after = await status();
    expect(after.screens.find((x) => x.name === 'Hall')?.displayedAt).toBeTruthy();
    expect(after.screens.find((x) => x.name === 'CDI')?.displayedAt).toBeNull();
    // teachers see the alert, not the screens
    expect(await (await s.sessions.teacher.request(`${api}/active`)).json()).toEqual({ alert: expect.objectContaining({ id: alert.id }), screens: [] });
    // a reloaded screen gets it from its snapshot
    const snapshot = (await (await kiosk(hub.url, cdi.token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto;
    expect(snapshot.alert?.id).toBe(alert.id);

    // new words (CAP Update), then the all clear
    const updated = (await (await s.sessions.direction.request(`${api}/${alert.id}`, { method: 'PATCH', json: { instruction: 'Restez confinés, fin prévue vers 10 h 30.' } })).json()) as AlertDto;
    expect(updated).toMatchObject({ msgType: 'update', instruction: 'Restez confinés, fin prévue vers 10 h 30.' });
    await liveCdi.waitFor((e) => e.some((x) => x.type === 'alert.updated'));
    expect((await s.sessions.direction.request(`${api}/${alert.id}/end`, { method: 'POST', json: { kind: 'all_clear' } })).status).toBe(400);
    const ended = (await (await s.sessions.direction.request(`${api}/${alert.id}/end`, { method: 'POST', json: { kind: 'all_clear', confirmed: true } })).json()) as AlertDto;
    expect(ended).toMatchObject({ responseType: 'allclear', endKind: 'all_clear', msgType: 'update' });
    expect(ended.endedAt).toBeTruthy();
    for (const live of [liveHall, liveCdi, teacher]) await live.waitFor((e) => e.some((x) => x.type === 'alert.ended'));
    expect((await status()).alert).toBeNull();
    expect(((await (await kiosk(hub.url, hall.token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto).alert).toBeNull();
    const endNotices = await hub.database.db.select().from(notifications).where(and(eq(notifications.personId, s.people.teacher.id), eq(notifications.category, 'emergency')));
    expect(endNotices.map((n) => n.title).sort()).toEqual(['EXERCICE — Confinement : Confinement immédiat', 'EXERCICE — Fin d’alerte']);
    // and a new alert may follow
    expect((await s.sessions.direction.request(api, { method: 'POST', json: { ...drill, status: 'test' } })).status).toBe(201);
    for (const live of [liveHall, liveCdi, teacher, direction, guardian]) live.close();
  });

  it('an alert for some zones is shown by those screens only; templates are the school’s own', async () => {
    const s = await signageSchool(hub.database, hub.url);
    const hall = await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'Hall', zone: 'hall' });
    const cantine = await pairScreen(hub.url, s.sessions.admin, s.school.uai, { name: 'Cantine', zone: 'cantine' });
    const api = `/api/schools/${s.school.uai}/alerts`;
    const res = await s.sessions.direction.request(api, { method: 'POST', json: { ...drill, status: 'actual', responseType: 'evacuate', headline: 'Évacuation de la cantine', zones: ['cantine'] } });
    expect(res.status).toBe(201);
    const shown = async (token: string) => ((await (await kiosk(hub.url, token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto).alert?.headline ?? null;
    expect(await shown(cantine.token)).toBe('Évacuation de la cantine');
    expect(await shown(hall.token)).toBeNull();
    expect(((await (await s.sessions.direction.request(`${api}/active`)).json()) as AlertStatusDto).screens.map((x) => x.name)).toEqual(['Cantine']);

    const templates = [{ name: 'Intrusion', responseType: 'shelter', headline: 'Mise à l’abri', instruction: 'Enfermez-vous, éteignez les lumières, silence total.' }];
    expect((await s.sessions.teacher.request(`${api}/templates`, { method: 'PUT', json: { templates } })).status).toBe(403);
    expect((await s.sessions.admin.request(`${api}/templates`, { method: 'PUT', json: { templates: [] } })).status).toBe(400);
    const saved = (await (await s.sessions.direction.request(`${api}/templates`, { method: 'PUT', json: { templates } })).json()) as AlertTemplateDto[];
    expect(saved.map((t) => t.name)).toEqual(['Intrusion']);
    expect(((await (await kiosk(hub.url, hall.token)('/api/screen/snapshot')).json()) as ScreenSnapshotDto).templates.map((t) => t.headline)).toEqual(['Mise à l’abri']);
    expect((await s.sessions.guardian.request(`${api}/templates`)).status).toBe(403);
  });
});
