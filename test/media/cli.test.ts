import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLIError } from '../../src/cli/cli-error.js';
import type { CommandInput } from '../../src/cli/command.js';
import { compressCommand, parseBytes } from '../../src/cli/commands/compress.js';
import { parseTrim } from '../../src/media/trim.js';
import { photo, scratch } from './fixtures.js';

let dir: string;
let photoPath: string;

beforeAll(async () => {
  dir = await scratch('cli');
  photoPath = join(dir, 'award.jpg');
  await photo(photoPath, { width: 1200, height: 800 });
});

async function compress(positionals: string[], values: CommandInput['values'] = {}, lang: 'zh' | 'en' = 'zh', format: 'text' | 'json' = 'text') {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => stdout.push(String(chunk)) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => stderr.push(String(chunk)) > 0) as typeof process.stderr.write;
  try {
    const code = await compressCommand.run({ positionals, values, lang, format });
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}

describe('licheng compress', () => {
  it('writes into out/ beside the first file and prints one line per file, in Chinese by default', async () => {
    const result = await compress([photoPath], { 'max-bytes': '150KB' });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/award\.jpg → .*out\/award\.jpg {2}1\d\d(\.\d)? KB（JPEG 品質 \d+）\n$/);
    expect(await readdir(join(dir, 'out'))).toEqual(['award.jpg']);
  });

  it('speaks English with --lang en and says when a file was already fine', async () => {
    const result = await compress([photoPath], { out: join(dir, 'en') }, 'en');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /award\.jpg: already under the 4 MB cap \(.* KB\); not re-encoded, saved without location and other personal metadata to .*en\/award\.jpg\n/,
    );
  });

  it('exits 1 when a file cannot be fitted, after doing the others', async () => {
    const broken = join(dir, 'broken.png');
    await writeFile(broken, 'not a png');
    const result = await compress([broken, photoPath], { out: join(dir, 'mixed'), 'max-bytes': '150000' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('broken.png:1:1: error: 檔案損毀或不完整');
    expect(result.stdout).toContain('award.jpg →');
  });

  it('never lets two inputs write the same output', async () => {
    const png = join(dir, 'award.png');
    await photo(png.replace('.png', '-src.jpg'), { width: 200, height: 100 });
    await writeFile(png, await (await import('sharp')).default(png.replace('.png', '-src.jpg')).png().toBuffer());
    const result = await compress([photoPath, png], { out: join(dir, 'twins'), 'max-bytes': '150000' });
    expect(result.code).toBe(0);
    expect((await readdir(join(dir, 'twins'))).sort()).toEqual(['award.jpg', 'award.png']);
    // Again into the same folder: every name is taken, so each gets the next free one.
    expect((await compress([photoPath, png], { out: join(dir, 'twins'), 'max-bytes': '150000' })).code).toBe(0);
    expect((await readdir(join(dir, 'twins'))).sort()).toEqual(['award-1.jpg', 'award-1.png', 'award.jpg', 'award.png']);
  });

  it('prints JSON with --format json', async () => {
    const result = await compress([photoPath], { out: join(dir, 'json'), 'max-bytes': '150000' }, 'zh', 'json');
    const parsed = JSON.parse(result.stdout) as { kind: string; bytes: number; image: { quality: number } }[];
    expect(parsed[0]).toMatchObject({ kind: 'image', unchanged: false });
    expect(parsed[0]!.bytes).toBeLessThanOrEqual(150_000);
  });

  it('treats a missing file, a bad --max-bytes or a bad --trim as usage errors (exit 2)', async () => {
    await expect(compress([join(dir, 'nope.jpg')])).rejects.toThrow(CLIError);
    await expect(compress([photoPath], { 'max-bytes': 'lots' })).rejects.toThrow(CLIError);
    await expect(compress([photoPath], { trim: '2:00-1:00' })).rejects.toThrow(CLIError);
    await expect(compress([])).rejects.toThrow(CLIError);
  });

  it('reads byte sizes the way people write them', () => {
    expect(parseBytes('4000000')).toBe(4_000_000);
    expect(parseBytes('4_000_000')).toBe(4_000_000);
    expect(parseBytes('4MB')).toBe(4_000_000);
    expect(parseBytes('500k')).toBe(500_000);
    expect(parseBytes('0')).toBeUndefined();
    expect(parseBytes('-5')).toBeUndefined();
  });

  it('reads --trim as START-END in seconds or m:ss', () => {
    expect(parseTrim('0:10-1:40')).toEqual({ start: 10, end: 100 });
    expect(parseTrim('10-100')).toEqual({ start: 10, end: 100 });
    expect(parseTrim('1:00-')).toEqual({ start: 60, end: undefined });
    expect(parseTrim('0:01:30.5-0:02:00')).toEqual({ start: 90.5, end: 120 });
    expect(parseTrim('1:40-0:10')).toBeUndefined();
    expect(parseTrim('soon')).toBeUndefined();
  });
});
