import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XSS_VECTORS } from '../fixtures/xss-vectors';
import { createGroup, createSchool } from '../helpers/factories';
import { startTestHub, type TestHub } from '../helpers/test-hub';
import { newsBody, newsSchool } from './news-setup';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex');

const countRows = async (table: string, schoolId: string) =>
  Number((await hub.database.executeSql(`select count(*)::int as n from ${table} where school_id = $1`, [schoolId])).rows[0].n);

describe('news input', () => {
  it('neutralises every XSS vector in title and body: no script, handler or javascript: URL is stored or served', async () => {
    const { school, sessions } = await newsSchool(hub.database.db, hub.url);
    const body = XSS_VECTORS.map((v) => `<p>${v}</p>`).join('');
    const res = await sessions.direction.request(`/api/schools/${school.uai}/news`, {
      method: 'POST',
      json: newsBody({ title: '<img src=x onerror=window.__xss=1> Titre', bodyHtml: body, visibility: 'public' }),
    });
    expect(res.status).toBe(201);
    const item = await res.json();
    const { rows } = await hub.database.executeSql('select title, body_html from news_items where id = $1', [item.id]);
    const stored = rows[0].body_html as string;
    expect(stored).not.toMatch(/<script|<iframe|<object|<embed|<svg|<math|<style|<form|<meta|<base|<link|<input|<body/i);
    expect(stored).not.toMatch(/\son[a-z]+\s*=/i);
    expect(stored).not.toMatch(/(javascript|vbscript|data):/i);
    expect(stored).not.toMatch(/style=/i);
    // the title is plain text: kept as typed, escaped wherever it is shown
    expect(rows[0].title).toBe('<img src=x onerror=window.__xss=1> Titre');
    const page = await (await fetch(`${hub.url}/s/${school.uai}/actualites`)).text();
    expect(page).toContain('&lt;img src=x onerror=window.__xss=1&gt; Titre');
    // no tag carries a handler (the escaped title shows the text "onerror=", harmlessly)
    expect(page).not.toMatch(/<script|<[a-z][^>]*\son[a-z]+\s*=/i);
    const atom = await (await fetch(`${hub.url}/s/${school.uai}/actualites.atom`)).text();
    expect(XMLValidator.validate(atom)).toBe(true);
    // feed readers render type="html" titles as HTML: the title must arrive escaped
    expect(atom).not.toContain('<img src=x');
    expect(atom).toContain('&lt;img src=x onerror=window.__xss=1&gt; Titre');
  });

  it('refuses bad input with clear errors and stores nothing', async () => {
    const { school, sessions } = await newsSchool(hub.database.db, hub.url);
    const other = await createSchool(hub.database.db);
    const otherGroup = await createGroup(hub.database.db, other.id, '4B');
    const post = (over: Record<string, unknown>) => sessions.direction.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody(over) });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: 'x'.repeat(141) }, 'title'],
      [{ title: '  ' }, 'title'],
      [{ bodyHtml: '<script>only a script</script>' }, 'bodyHtml'],
      [{ bodyHtml: 'x'.repeat(20_001) }, 'bodyHtml'],
      [{ category: 'politique' }, 'category'],
      [{ audience: [] }, 'audience'],
      [{ audience: [{ kind: 'group', groupId: '00000000-0000-4000-8000-000000000000' }] }, 'audience.0.groupId'],
      [{ audience: [{ kind: 'group', groupId: otherGroup.id }] }, 'audience.0.groupId'],
      [{ audience: [{ kind: 'school', profiles: ['pirate'] }] }, 'audience.0.profiles.0'],
      [{ publishAt: '2030-01-02T10:00:00Z', expireAt: '2030-01-01T10:00:00Z' }, 'expireAt'],
      [{ expireAt: '2001-01-01T00:00:00Z' }, 'expireAt'],
      [{ onScreens: { from: '2030-01-02T10:00:00Z', until: '2030-01-01T10:00:00Z' } }, 'onScreens.until'],
      [{ attachmentIds: ['00000000-0000-4000-8000-000000000000'] }, 'attachmentIds'],
      [{ extra: 'field' }, ''],
    ];
    for (const [over, path] of cases) {
      const res = await post(over);
      const body = await res.json();
      expect(res.status, JSON.stringify(over).slice(0, 80)).toBe(400);
      expect(body.error.code).toBe('validation_failed');
      expect(body.error.message).toBeTruthy();
      if (path) expect(body.error.details.map((d: any) => d.path), JSON.stringify(body.error.details)).toContain(path);
    }
    expect(await countRows('news_items', school.id)).toBe(0);
    expect((await sessions.guardian4B.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody() })).status).toBe(403);
  });

  it('checks attachments by content, not by name, and limits their size', async () => {
    const { school, sessions } = await newsSchool(hub.database.db, hub.url);
    const upload = (name: string, bytes: Buffer, type = 'application/pdf') =>
      sessions.teacher.request(`/api/schools/${school.uai}/news/attachments?name=${encodeURIComponent(name)}`, { method: 'POST', body: new Uint8Array(bytes), headers: { 'content-type': type } });

    const pdf = await upload('../../etc/<b>Circulaire</b>.pdf', PDF);
    expect(pdf.status).toBe(201);
    const dto = await pdf.json();
    expect(dto).toMatchObject({ mimeType: 'application/pdf', size: PDF.length });
    expect(dto.name).not.toMatch(/[<>/\\]/);
    expect(dto.name).toMatch(/\.pdf$/);

    const disguised = await upload('bulletin.pdf', Buffer.from('<html><script>alert(1)</script></html>'));
    expect(disguised.status).toBe(415);
    expect((await disguised.json()).error.code).toBe('unsupported_media_type');
    const svg = await upload('logo.png', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/png');
    expect(svg.status).toBe(415);
    const exe = await upload('photo.jpg', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'image/jpeg');
    expect(exe.status).toBe(415);
    const big = await upload('gros.pdf', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]));
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('payload_too_large');
    expect(await countRows('news_attachments', school.id)).toBe(1);

    // a PNG is accepted as the image; a PDF is not an image
    const png = await (await upload('photo.png', PNG, 'image/png')).json();
    expect(png.mimeType).toBe('image/png');
    const notImage = await sessions.teacher.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody({ imageId: dto.id, audience: [{ kind: 'school', profiles: ['teacher'] }] }) });
    expect(notImage.status).toBe(400);
    // someone else cannot use the teacher's upload
    const stolen = await sessions.direction.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody({ attachmentIds: [dto.id] }) });
    expect(stolen.status).toBe(400);

    const item = await (
      await sessions.direction.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody({ title: 'Avec pièce jointe' }) })
    ).json();
    expect(item.attachments).toEqual([]);
    const withFile = await (
      await sessions.teacher.request(`/api/schools/${school.uai}/news`, {
        method: 'POST',
        json: newsBody({ attachmentIds: [dto.id], imageId: png.id, audience: [{ kind: 'group', groupId: (await hub.database.executeSql("select id from groups where school_id = $1 and name = '4B'", [school.id])).rows[0].id }] }),
      })
    ).json();
    expect(withFile.attachments.map((a: any) => a.id)).toEqual([dto.id]);
    expect(withFile.imageUrl).toContain(png.id);
    const download = await sessions.guardian4B.request(dto.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''/);
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF);
    expect((await sessions.guardian3A.request(dto.url)).status).toBe(403);
  });

  it('the public page and Atom feed show only public, published, unexpired items', async () => {
    const { school, c4B, sessions } = await newsSchool(hub.database.db, hub.url);
    const post = (over: Record<string, unknown>) => sessions.direction.request(`/api/schools/${school.uai}/news`, { method: 'POST', json: newsBody(over) });
    await post({ title: 'Portes ouvertes & fête', visibility: 'public', bodyHtml: '<p>Samedi <em>matin</em> — « bienvenue »</p>' });
    await post({ title: 'Interne ENT', visibility: 'ent' });
    await post({ title: 'Brouillon public', visibility: 'public', intent: 'draft' });
    await post({ title: 'Plus tard', visibility: 'public', publishAt: new Date(Date.now() + 3600_000).toISOString() });
    await post({ title: 'Classe 4B publique', visibility: 'public', audience: [{ kind: 'group', groupId: c4B.id }] });
    const withdrawn = await (await post({ title: 'Retirée', visibility: 'public' })).json();
    await sessions.direction.request(`/api/schools/${school.uai}/news/${withdrawn.id}/withdraw`, { method: 'POST' });

    const page = await fetch(`${hub.url}/s/${school.uai}/actualites`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('Portes ouvertes &amp; fête');
    expect(html).toContain('Classe 4B publique');
    for (const hidden of ['Interne ENT', 'Brouillon public', 'Plus tard', 'Retirée']) expect(html).not.toContain(hidden);
    // no names of people (authors, readers, students) on public pages
    expect(html).not.toContain('Vasseur');
    expect(html).not.toContain('Durand');

    const res = await fetch(`${hub.url}/s/${school.uai}/actualites.atom`);
    expect(res.headers.get('content-type')).toContain('application/atom+xml');
    const xml = await res.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = new XMLParser({ ignoreAttributes: false }).parse(xml).feed;
    expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toBeTruthy();
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    const entries = Array.isArray(feed.entry) ? feed.entry : [feed.entry];
    const text = (t: any) => String(typeof t === 'object' ? t['#text'] : t).replace(/&amp;/g, '&');
    expect(entries.map((e: any) => text(e.title)).sort()).toEqual(['Classe 4B publique', 'Portes ouvertes & fête']);
    for (const e of entries) {
      expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
    }
    expect(xml).not.toContain('Vasseur');
    expect((await fetch(`${hub.url}/s/0000000A/actualites`)).status).toBe(404);
  });
});
