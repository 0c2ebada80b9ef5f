import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';
import { ask, q } from './http.js';

/** A portfolio beside a folder it must never reach: secret.md outside, and links leading there. */
let outside: string;
let root: string;
let studio: Studio;

beforeAll(async () => {
  const base = await makePortfolio({}, false);
  outside = join(base, 'outside');
  root = join(base, 'portfolio');
  await mkdir(outside, { recursive: true });
  await writeFile(join(outside, 'secret.md'), 'secret\n');
  await mkdir(join(root, 'courses'), { recursive: true });
  await writeFile(join(root, 'portfolio.yaml'), '學生: 林語彤\n');
  await writeFile(join(root, 'courses', 'a.md'), courseMarkdown(sections));
  await symlink(join(outside, 'secret.md'), join(root, 'courses', 'link.md'));
  await mkdir(join(root, 'out'), { recursive: true });
  await writeFile(join(root, 'out', 'a.pdf'), '%PDF-1.7\n');
  studio = await startStudio({ root, lang: 'en' });
});
afterAll(() => studio.close());

describe('the studio door', () => {
  it('listens on 127.0.0.1 and prints a URL with a 32-byte token', () => {
    const url = new URL(studio.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(Buffer.from(url.searchParams.get('token')!, 'base64url')).toHaveLength(32);
  });

  it('swaps the token in the URL for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const url = new URL(studio.url);
    const answer = await ask(studio, `/${url.search}`, { cookie: false });
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['set-cookie']![0]).toMatch(new RegExp(`^licheng-studio-${studio.port}=${url.searchParams.get('token')}; HttpOnly; SameSite=Strict`));
    const page = await ask(studio, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await ask(studio, '/api/files', { cookie: false })).status).toBe(403);
    expect((await ask(studio, '/', { cookie: false })).status).toBe(403);
    expect((await ask(studio, '/?token=wrong', { cookie: false })).status).toBe(403);
    const wrongCookie = await ask(studio, `/api/file?${q('courses/a.md')}`, {
      cookie: false,
      headers: { cookie: `licheng-studio-${studio.port}=${'x'.repeat(43)}` },
    });
    expect(wrongCookie.status).toBe(403);
    expect(wrongCookie.body).not.toContain('測試成果');
  });

  it('refuses a foreign Host (DNS rebinding) even with the token', async () => {
    const answer = await ask(studio, '/api/files', { headers: { host: `evil.example:${studio.port}` } });
    expect(answer.status).toBe(421);
    expect((await ask(studio, '/api/files', { headers: { host: `localhost:${studio.port}` } })).status).toBe(200);
  });

  it("refuses another site's Origin and cross-site requests, and sends no CORS headers", async () => {
    const foreign = await ask(studio, `/api/file?${q('courses/a.md')}`, {
      method: 'PUT',
      headers: { origin: 'http://evil.example' },
      body: JSON.stringify({ text: 'x', version: 'x' }),
    });
    expect(foreign.status).toBe(403);
    expect((await ask(studio, '/api/files', { headers: { origin: 'null' } })).status).toBe(403);
    expect((await ask(studio, '/api/files', { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
    const own = await ask(studio, '/api/files', { headers: { origin: `http://127.0.0.1:${studio.port}` } });
    expect(own.status).toBe(200);
    expect(Object.keys(own.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    expect(await readFile(join(root, 'courses', 'a.md'), 'utf8')).toBe(courseMarkdown(sections));
  });

  it('refuses ../, %2e%2e, absolute and symlinked paths out of the portfolio, for reading and writing', async () => {
    for (const path of ['../outside/secret.md', '%2e%2e/outside/secret.md', join(outside, 'secret.md'), 'courses/link.md', 'courses/../../outside/secret.md']) {
      const decoded = decodeURIComponent(path);
      const read = await ask(studio, `/api/file?path=${encodeURIComponent(decoded).replace(/\./g, '%2e')}`);
      expect(read.status, path).toBe(403);
      expect(read.body).not.toContain('secret');
      const write = await ask(studio, `/api/file?${q(decoded)}`, { method: 'PUT', body: JSON.stringify({ text: 'overwritten', version: 'any' }) });
      expect(write.status, path).toBe(403);
    }
    expect(await readFile(join(outside, 'secret.md'), 'utf8')).toBe('secret\n');
    expect(await readdir(outside)).toEqual(['secret.md']);
    // The URL parser folds a %2e%2e segment away (nothing is served there); an encoded slash reaches the confinement.
    const folded = await ask(studio, '/out/%2e%2e/portfolio.yaml');
    expect(folded.status).toBe(404);
    expect(folded.body).not.toContain('林語彤');
    expect((await ask(studio, '/out/..%2fportfolio.yaml')).status).toBe(403);
    expect((await ask(studio, '/out/%2e%2e%2f%2e%2e%2foutside%2fsecret.md')).status).toBe(403);
    expect((await ask(studio, '/out/a.pdf')).headers['content-security-policy']).toBe('sandbox');
  });

  it('edits only .md and .yaml files, and only in UTF-8 (Big5 would be damaged by a save)', async () => {
    const answer = await ask(studio, `/api/file?${q('out/a.pdf')}`);
    expect(answer.status).toBe(415);
    expect(JSON.parse(answer.body).message).toMatch(/only .md and .yaml/);
    await writeFile(join(root, 'courses', 'big5.md'), Buffer.from([0xa4, 0xa4, 0xa4, 0xe5, 0x0a]));
    const big5 = await ask(studio, `/api/file?${q('courses/big5.md')}`);
    expect(big5.status).toBe(415);
    expect(JSON.parse(big5.body).message).toMatch(/UTF-8/);
    await rm(join(root, 'courses', 'big5.md'));
  });
});

describe('saving', () => {
  it('writes atomically, leaving no temporary file, and returns the new version', async () => {
    const opened = JSON.parse((await ask(studio, `/api/file?${q('courses/a.md')}`)).body) as { text: string; version: string };
    const text = opened.text.replace('說明文字。', '改過的說明。');
    const saved = await ask(studio, `/api/file?${q('courses/a.md')}`, { method: 'PUT', body: JSON.stringify({ text, version: opened.version }) });
    expect(saved.status).toBe(200);
    expect(JSON.parse(saved.body).version).not.toBe(opened.version);
    expect(await readFile(join(root, 'courses', 'a.md'), 'utf8')).toBe(text);
    expect((await readdir(join(root, 'courses'))).sort()).toEqual(['a.md', 'link.md']);
  });

  it('never overwrites a file changed on disk since it was opened: 409 with the text on disk', async () => {
    const path = join(root, 'courses', 'a.md');
    const opened = JSON.parse((await ask(studio, `/api/file?${q('courses/a.md')}`)).body) as { text: string; version: string };
    await writeFile(path, `${opened.text}\n另一個程式加的字\n`);
    const saved = await ask(studio, `/api/file?${q('courses/a.md')}`, { method: 'PUT', body: JSON.stringify({ text: 'mine', version: opened.version }) });
    expect(saved.status).toBe(409);
    const disk = JSON.parse(saved.body) as { text: string; version: string };
    expect(disk.text).toContain('另一個程式加的字');
    expect(await readFile(path, 'utf8')).toContain('另一個程式加的字');
    // Choosing "keep mine" saves against the version now on disk.
    const kept = await ask(studio, `/api/file?${q('courses/a.md')}`, { method: 'PUT', body: JSON.stringify({ text: 'mine', version: disk.version }) });
    expect(kept.status).toBe(200);
    expect(await readFile(path, 'utf8')).toBe('mine');
    await writeFile(path, courseMarkdown(sections));
  });

  it('refuses a body over its limit with 413', async () => {
    const answer = await ask(studio, `/api/file?${q('courses/a.md')}`, { method: 'PUT', body: JSON.stringify({ text: 'x'.repeat(4_100_000), version: 'v' }) });
    expect(answer.status).toBe(413);
  });
});

describe('files', () => {
  it('lists the portfolio by kind with titles, and creates a document from a template without overwriting', async () => {
    const listed = JSON.parse((await ask(studio, '/api/files')).body) as { groups: { kind: string; files: { path: string; title: string }[] }[] };
    expect(listed.groups.map((g) => g.kind)).toEqual(['course', 'performance', 'summary', 'statement', 'target', 'media']);
    expect(listed.groups[0]!.files).toContainEqual({ path: 'courses/a.md', title: '測試成果' });
    const made = await ask(studio, '/api/new', { method: 'POST', body: JSON.stringify({ kind: 'performance', name: '../../escape', template: '' }) });
    expect(made.status).toBe(201);
    const { path } = JSON.parse(made.body) as { path: string };
    expect(path).toBe('performances/escape.md');
    expect(await readFile(join(root, path), 'utf8')).toMatch(/^---/);
    const again = await ask(studio, '/api/new', { method: 'POST', body: JSON.stringify({ kind: 'performance', name: 'escape' }) });
    expect(again.status).toBe(422);
    expect(dirname(join(root, path))).toBe(join(root, 'performances'));
    expect(JSON.parse((await ask(studio, '/api/templates')).body).packs).toContain('physics-inquiry');
  });

  it('writes no new document through a folder linked out of the portfolio', async () => {
    await mkdir(join(outside, 'statements'));
    await symlink(join(outside, 'statements'), join(root, 'statements'));
    const made = await ask(studio, '/api/new', { method: 'POST', body: JSON.stringify({ kind: 'statement', name: 'mine' }) });
    expect(made.status).toBe(403);
    expect(await readdir(join(outside, 'statements'))).toEqual([]);
  });
});
