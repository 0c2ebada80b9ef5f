import { mkdir, readdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { makePortfolio } from '../helpers/portfolio.js';
import { ask } from './http.js';

let studio: Studio | undefined;
afterEach(() => studio?.close());

const photo = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#4a7' } })
    .jpeg()
    .toBuffer();
const send = (name: string, body: Buffer) => ask(studio!, `/api/upload?name=${encodeURIComponent(name)}`, { method: 'POST', body });

describe('dropped media', () => {
  it('keeps a sanitised name inside media/ and never overwrites: the first free name', async () => {
    const root = await makePortfolio({});
    studio = await startStudio({ root, lang: 'en' });
    const first = await send('../../旅行 照片.JPG', await photo());
    expect(first.status).toBe(201);
    expect(JSON.parse(first.body)).toMatchObject({ path: 'media/旅行-照片.jpg', kind: 'image', maxBytes: 4_000_000 });
    const second = await send('旅行 照片.jpg', await photo());
    expect(JSON.parse(second.body).path).toBe('media/旅行-照片-1.jpg');
    expect((await readdir(join(root, 'media'))).sort()).toEqual(['旅行-照片-1.jpg', '旅行-照片.jpg']);
    expect((await readdir(root)).sort()).toEqual(['media', 'portfolio.yaml']);
  });

  it('says in words what is wrong with a file that is not a photo or video, and keeps nothing', async () => {
    const root = await makePortfolio({});
    studio = await startStudio({ root, lang: 'en' });
    const answer = await send('notes.jpg', Buffer.from('not a picture at all'));
    expect(answer.status).toBe(422);
    expect(JSON.parse(answer.body).message).toMatch(/JPG|damaged|not an image/);
    expect(await readdir(join(root, 'media'))).toEqual([]);
  });

  it('refuses a media/ folder that is a link leading out of the portfolio', async () => {
    const elsewhere = await makePortfolio({}, false);
    const root = await makePortfolio({});
    await mkdir(join(elsewhere, 'media'));
    await symlink(join(elsewhere, 'media'), join(root, 'media'));
    studio = await startStudio({ root, lang: 'en' });
    const answer = await send('a.jpg', await photo());
    expect(answer.status).toBe(403);
    expect(await readdir(join(elsewhere, 'media'))).toEqual([]);
  });
});
