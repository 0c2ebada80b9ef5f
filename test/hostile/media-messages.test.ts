import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratch } from '../media/fixtures.js';

/** Hostile input: what `licheng compress` says about files it cannot fit. */

const cli = join(import.meta.dirname, '..', '..', 'dist', 'licheng', 'main.cjs');
let dir: string;

const compress = (...args: string[]) =>
  spawnSync(process.execPath, [cli, 'compress', '-o', join(dir, 'out'), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000 });

/** A PNG header announcing 20000×20000 one-bit pixels (400 MP) over a few KB of compressed zeros. */
function pixelBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(data.length + 12);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    return out; // CRCs are not checked before the pixel count is
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header.set([1, 0, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc(2_501 * 2_000));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

beforeAll(async () => {
  dir = await scratch('hostile-messages');
  await writeFile(join(dir, 'zero.mp4'), '');
  await writeFile(join(dir, 'junk.mp4'), Buffer.alloc(5_000, 7));
  await writeFile(join(dir, 'bomb.png'), pixelBomb());
  await writeFile(join(dir, 'notes.jpg'), '這不是照片\n');
  await mkdir(join(dir, 'clips'));
});

describe('compress diagnostics', () => {
  it('have the shape FILE:LINE:COL: error: MESSAGE [rule-id], name no folder above the file, and say what is wrong', () => {
    const result = compress(join(dir, 'zero.mp4'), join(dir, 'junk.mp4'), 'bomb.png', 'notes.jpg');
    expect(result.status).toBe(1);
    const lines = result.stderr.split('\n').filter((line) => line.includes(': error: '));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^zero\.mp4:1:1: error: 檔案是空的（0 位元組）.* \[media-unfit\]$/);
    expect(lines[1]).toMatch(/^junk\.mp4:1:1: error: 檔案損毀或不完整.* \[media-unfit\]$/);
    expect(lines[2]).toMatch(/^bomb\.png:1:1: error: 圖片像素過多（400 百萬像素，上限 268）.* \[media-unfit\]$/);
    expect(lines[3]).toMatch(/^notes\.jpg:1:1: error: 檔案損毀或不完整，無法解碼（名稱是圖片，內容卻不是）.* \[media-unfit\]$/);
    expect(result.stderr).not.toContain(dir);
  });

  it('in English too', () => {
    const result = spawnSync(process.execPath, [cli, 'compress', '--lang', 'en', 'bomb.png'], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).toMatch(/^bomb\.png:1:1: error: the picture has too many pixels \(400 megapixels, at most 268\).* \[media-unfit\]$/m);
  });

  it('a folder given as a file is a usage error that says it is a folder', () => {
    const result = compress('clips');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('這是資料夾，不是檔案');
    expect(result.stderr).not.toContain('找不到');
  });
});
