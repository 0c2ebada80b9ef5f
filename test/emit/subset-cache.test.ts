import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { build } from '../../src/build.js';
import { fontProgramDeflate } from '../../src/emit/patches/behaviour/pdfkit-font-deflate.js';
import { enablePatches } from '../../src/emit/patches/registry.js';
import { SubsetCache, subsetCache } from '../../src/emit/patches/speed/fontkit-subset-cache.js';
import { realFontkit } from '../../src/infra/fonts.js';
import { courseMarkdown, makePortfolio, sections } from '../helpers/portfolio.js';

/** Each embedded TrueType program (FontFile2) of a PDF pdfkit wrote, as stored (deflated). */
function fontStreams(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map(([, id]) => {
    const head = new RegExp(`\\n${id} 0 obj\\n<<\\n/Length (\\d+)\\n/Filter /FlateDecode\\n>>\\nstream\\n`).exec(text);
    if (!head) throw new Error(`no stream object ${id}`);
    const start = head.index + head[0].length;
    return pdf.subarray(start, start + Number(head[1]));
  });
}
const fontPrograms = (pdf: Buffer): Buffer[] => fontStreams(pdf).map((stream) => inflateSync(stream));

const pdftotext = (pdf: string): string => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

async function buildOne(root: string, out: string): Promise<Buffer> {
  const result = await build([root], { outDir: join(root, 'out', out) });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return readFile(join(root, 'out', out, 'courses', 'a.pdf'));
}

describe('a font subset typeset again', () => {
  it('comes from the cache, and its PDF has fonts that parse and text that extracts', async () => {
    const body = `${sections}\n本段測試字集快取：「吉野家」與 Ünïcödé、café 的字形都要留在子集中。\n`;
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(body, { 成果名稱: '子集快取的測試成果' }) });
    const first = await buildOne(root, 'first');
    const held = subsetCache.size.entries;
    const again = await buildOne(root, 'again');
    // The same glyph sets: nothing new is held, and the bytes are those of the first typesetting.
    expect(subsetCache.size.entries).toBe(held);
    expect(again.equals(first)).toBe(true);

    const programs = fontPrograms(again);
    expect(programs.length).toBeGreaterThanOrEqual(2);
    for (const program of programs) {
      const font = realFontkit().create(program) as unknown as { numGlyphs: number; getGlyph(id: number): { path: { commands: unknown[] } } };
      expect(font.numGlyphs).toBeGreaterThan(1);
      // Every outline decodes; a space has none, every character of the text has one.
      let drawn = 0;
      for (let id = 1; id < font.numGlyphs; id++) if (font.getGlyph(id).path.commands.length > 0) drawn++;
      expect(drawn).toBeGreaterThan((font.numGlyphs - 1) / 2);
    }
    const file = join(root, 'out', 'again', 'courses', 'a.pdf');
    const text = pdftotext(file).replace(/\s+/g, '');
    for (const expected of ['子集快取的測試成果', '本段測試字集快取', '「吉野家」與Ünïcödé、café的字形都要留在子集中。']) expect(text).toContain(expected);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/NotoSansTC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('gets a subset of its own for a glyph set the cache has not seen', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(`${sections}\n甲乙丙丁。\n`) });
    await buildOne(root, 'one');
    const held = subsetCache.size.entries;
    await writeFile(join(root, 'courses', 'a.md'), courseMarkdown(`${sections}\n戊己庚辛。\n`));
    const other = await buildOne(root, 'two');
    expect(subsetCache.size.entries).toBeGreaterThan(held);
    const dir = await mkdtemp(join(tmpdir(), 'licheng-subset-'));
    await writeFile(join(dir, 'a.pdf'), other);
    const text = pdftotext(join(dir, 'a.pdf'));
    expect(text).toContain('戊己庚辛');
    expect(text).not.toContain('甲乙丙丁');
  });
});

describe('a font program', () => {
  it('is deflated faster to the same glyphs, its PDF within 0.5 % of zlib’s default level', async () => {
    const sink = await readFile(join(import.meta.dirname, '..', 'fixtures', 'typesetting', 'kitchen-sink.md'), 'utf8');
    const root = await makePortfolio({ 'courses/a.md': sink });
    enablePatches((patch) => patch !== fontProgramDeflate);
    let standard: Buffer;
    try {
      standard = await buildOne(root, 'level-6');
    } finally {
      enablePatches(() => true);
    }
    const faster = await buildOne(root, 'faster');
    const [before, after] = [fontStreams(standard), fontStreams(faster)];
    expect(after.length).toBe(before.length);
    for (const [i, stream] of after.entries()) {
      expect(stream.equals(before[i]!)).toBe(false);
      expect(inflateSync(stream).equals(inflateSync(before[i]!))).toBe(true);
    }
    expect(faster.length).toBeLessThanOrEqual(standard.length * 1.005);
  });
});

describe('the subset cache', () => {
  const entry = (bytes: number, glyphs: number[] = []) => ({ data: new Uint8Array(bytes), glyphs });

  it('stays within its bytes, dropping the least recently used first', () => {
    const cache = new SubsetCache(1_000);
    cache.set('a', entry(400));
    cache.set('b', entry(400));
    expect(cache.get('a')).toBeDefined();
    cache.set('c', entry(400));
    // b was used least recently: it goes, a (read after it was written) stays.
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toEqual({ entries: 2, bytes: 800 });
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, entry(300));
    expect(cache.size.bytes).toBeLessThanOrEqual(1_000);
    expect(cache.size.entries).toBe(3);
  });

  it('keeps a subset larger than its bound until the next one comes', () => {
    const cache = new SubsetCache(100);
    cache.set('big', entry(500));
    expect(cache.get('big')).toBeDefined();
    cache.set('next', entry(50));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.size).toEqual({ entries: 1, bytes: 50 });
  });
});
