import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { bundledFonts } from '../src/layout/theme.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

const cli = join(import.meta.dirname, '..', 'dist', 'licheng', 'main.cjs');

/** `licheng build` of a portfolio into out/NAME, with a cache folder of its own. */
const build = (root: string, out: string, env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [cli, 'build', '-o', join('out', out)], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
const pdf = (root: string, out: string) => readFileSync(join(root, 'out', out, 'courses', 'a.pdf'));
const checkedFile = (cache: string) => join(cache, 'fonts', 'checked.json');
const checked = (cache: string) => JSON.parse(readFileSync(checkedFile(cache), 'utf8')) as { by: string; usable: string[] };
/** How the cache names a font file: its length and CRC-32. */
const keyOf = (file: string) => {
  const data = readFileSync(file);
  return `${data.length}-${crc32(data).toString(16)}`;
};
const newCache = () => mkdtempSync(join(tmpdir(), 'licheng-font-cache-'));

describe('the cache of fonts proven usable', () => {
  it('remembers the fonts a build proved, trusts them next time, and writes the same PDF as without it', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const cache = newCache();
    expect(build(root, 'off', { LICHENG_CACHE_DIR: cache, LICHENG_FONT_CACHE: '0' }).status).toBe(0);
    expect(() => statSync(checkedFile(cache))).toThrow();

    expect(build(root, 'first', { LICHENG_CACHE_DIR: cache }).status).toBe(0);
    const { usable } = checked(cache);
    for (const file of [bundledFonts.sans.regular, bundledFonts.sans.bold]) expect(usable).toContain(keyOf(file));
    // The code and emoji faces load only for a document that reaches them: this one has neither.
    for (const file of [bundledFonts.emoji.regular, bundledFonts.mono.regular]) expect(usable).not.toContain(keyOf(file));
    const written = statSync(checkedFile(cache)).mtimeMs;

    const second = build(root, 'second', { LICHENG_CACHE_DIR: cache });
    expect(second.status).toBe(0);
    // Nothing new was proven: every font the build loads was found in the cache.
    expect(statSync(checkedFile(cache)).mtimeMs).toBe(written);
    expect(pdf(root, 'first').equals(pdf(root, 'off'))).toBe(true);
    expect(pdf(root, 'second').equals(pdf(root, 'off'))).toBe(true);
  });

  it('ignores a damaged cache file, or one another version wrote, and writes it anew', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const cache = newCache();
    expect(build(root, 'first', { LICHENG_CACHE_DIR: cache }).status).toBe(0);
    const good = checked(cache);
    const outdated = JSON.stringify({ by: 'licheng 0.0.1, fontkit 1.0.0', usable: good.usable });
    for (const bytes of ['{"by": "lich', '\0\0garbage', JSON.stringify({ by: good.by, usable: 'all' }), outdated]) {
      writeFileSync(checkedFile(cache), bytes);
      const result = build(root, 'again', { LICHENG_CACHE_DIR: cache });
      expect(result.status).toBe(0);
      expect(result.stderr).not.toContain('Error');
      expect(pdf(root, 'again').equals(pdf(root, 'first'))).toBe(true);
      expect(checked(cache).by).toBe(good.by);
      expect(checked(cache).usable.sort()).toEqual([...good.usable].sort());
    }
  });

  it('proves a font again when its bytes changed, even at the same length and time', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const font = join(root, 'school-kai.ttf');
    copyFileSync(bundledFonts.serif.regular, font);
    writeFileSync(join(root, 'portfolio.yaml'), '學生: 林語彤\n預設:\n  字型:\n    一般: school-kai.ttf\n');
    const cache = newCache();
    expect(build(root, 'first', { LICHENG_CACHE_DIR: cache }).status).toBe(0);
    expect(checked(cache).usable).toContain(keyOf(font));

    // The table directory zeroed: no table can be found, yet the file keeps its length and time.
    const { atime, mtime } = statSync(font);
    const damaged = readFileSync(font);
    damaged.fill(0, 12, 12 + 16 * damaged.readUInt16BE(4));
    writeFileSync(font, damaged);
    utimesSync(font, atime, mtime);
    const result = build(root, 'again', { LICHENG_CACHE_DIR: cache });
    expect(result.stdout).toMatch(/^portfolio\.yaml:3:3: error: .*school-kai\.ttf.* \[font-unreadable\]$/m);
    expect(checked(cache).usable).not.toContain(keyOf(font));
  });

  it('is skipped, not an error, when its folder cannot be written', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    const blocker = join(newCache(), 'a-file');
    writeFileSync(blocker, '');
    const result = build(root, 'out', { LICHENG_CACHE_DIR: join(blocker, 'cache') });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(`已輸出 1 份文件 → ${join('out', 'out')}\n`);
  });
});
