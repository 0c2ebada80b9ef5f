import { describe, expect, it } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { layoutRun } from '../../src/emit/patches/speed/pdfkit-layout-run.js';
import { shapingReach, type ShapedFont } from '../../src/emit/patches/speed/shaping-reach.js';
import { bundledFonts } from '../../src/layout/theme.js';
import { pdfkitRequire } from '../../src/infra/vendor.js';

interface Glyph {
  id: number;
}
interface Run {
  glyphs: Glyph[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
interface Font extends ShapedFont {
  layout(text: string, ...rest: unknown[]): Run;
  glyphForCodePoint(codePoint: number): Glyph;
}
interface Embedded {
  font: Font;
  scale: number;
}
type LayoutRun = (this: Embedded, text: string, features?: unknown) => Run;

const PDFDocument = pdfkitRequire('pdfkit') as new () => { font(data: Buffer): unknown; _font: Embedded };

/** pdfkit's own font object for a file, and its unpatched `layoutRun` (this process never installs the patches). */
async function embedded(file: string): Promise<{ font: Embedded; original: LayoutRun; patched: LayoutRun }> {
  const doc = new PDFDocument();
  doc.font(await readFile(file));
  const font = doc._font;
  const original = (Object.getPrototypeOf(font) as { layoutRun: LayoutRun }).layoutRun;
  return { font, original, patched: layoutRun.replace(original as never) as LayoutRun };
}

const keys = ['xAdvance', 'yAdvance', 'xOffset', 'yOffset', 'advanceWidth'];
/** Where two runs differ (glyph objects, every position field, the total advance), or null. */
function difference(a: Run, b: Run): string | null {
  if (a.glyphs.length !== b.glyphs.length) return `${a.glyphs.length} glyphs vs ${b.glyphs.length}`;
  if (a.advanceWidth !== b.advanceWidth) return `advance ${a.advanceWidth} vs ${b.advanceWidth}`;
  for (let i = 0; i < a.glyphs.length; i++) {
    if (a.glyphs[i] !== b.glyphs[i]) return `glyph ${i}: ${a.glyphs[i]!.id} vs ${b.glyphs[i]!.id}`;
    for (const key of keys) if (a.positions[i]![key] !== b.positions[i]![key]) return `glyph ${i} ${key}: ${a.positions[i]![key]} vs ${b.positions[i]![key]}`;
  }
  return null;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
/** Characters next to which Chinese is set: ASCII, Latin letters, and punctuation the bundled faces kern or substitute. */
const latin = [...range(0x20, 0x7e), ...'…—–―‧·‘’“”‐‑‚„‼⁇⁈⁉‹›éüñ×÷°±µ'];
/** CJK punctuation and forms, kana (the serif face kerns voiced kana before closing brackets), bopomofo, the vertical repeat marks the faces join, common Han. */
const cjk = [...range(0x3000, 0x303f), ...range(0xff01, 0xff60), ...'ぁアぎざㄅ〳〵〴的一是不了人我在有這中大來上國個到說們為子和學習歷程檔案實驗數據分析報告'];

/** Whitespace-split pieces of every Markdown fixture, as pdfkit hands them to `layoutRun` (a word and its space). */
async function fixturePieces(): Promise<string[]> {
  const dir = join(import.meta.dirname, '..', 'fixtures', 'typesetting');
  const pieces: string[] = [];
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.md')) continue;
    for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) pieces.push(...line.split(/(?<= )/).filter(Boolean));
  }
  return pieces;
}

/** Deterministic pseudo-random mixtures of both kinds of character. */
function mixtures(count: number): string[] {
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  return Array.from({ length: count }, (_, i) => {
    let text = '';
    for (let k = 0; k < 2 + (i % 24); k++) {
      const pool = next(10) < 6 ? cjk : latin;
      text += pool[next(pool.length)]!;
    }
    return text;
  });
}

const faces = [bundledFonts.sans.regular, bundledFonts.sans.bold, bundledFonts.serif.regular, bundledFonts.serif.bold];

describe('runs set without shaping where the font cannot shape', () => {
  it('give the glyphs and positions fontkit shaping gives, over every pair, fixture words and mixtures', async () => {
    const texts = new Set([...(await fixturePieces()), ...mixtures(1500)]);
    // Every pair of a Latin or CJK character and a CJK character, both ways, in runs starting with
    // either (fontkit picks the run's script by its first letter).
    for (const a of [...latin, ...cjk])
      for (let i = 0; i < cjk.length; i += 16) {
        const some = cjk.slice(i, i + 16);
        texts.add(some.map((b) => a + b).join('') + a);
        texts.add(some.map((b) => b + a).join('') + some[0]);
      }
    for (const file of faces) {
      const { font, original, patched } = await embedded(file);
      const differing = [...texts].map((text) => [text, difference(original.call(font, text), patched.call(font, text))]).filter(([, d]) => d);
      expect(differing.slice(0, 5), file).toEqual([]);
    }
  });

  it('leave fontkit only the characters the font can shape', async () => {
    const { font, patched } = await embedded(bundledFonts.sans.regular);
    const shaped: string[] = [];
    const layout = font.font.layout;
    font.font.layout = function (text: string, ...rest: unknown[]) {
      shaped.push(text);
      return layout.call(this, text, ...rest);
    };
    const run = patched.call(font, '我們用 Python 寫了一個小程式，誤差約 3%。');
    expect(run.glyphs).toHaveLength([...'我們用 Python 寫了一個小程式，誤差約 3%。'].length);
    // The space and the Latin word between Han characters; `3%` once, each a piece of its own.
    expect(shaped).toEqual([' Python ', ' 3%']);
    shaped.length = 0;
    patched.call(font, '再一次 Python 與 3%。');
    expect(shaped).toEqual([]);
  });

  it('know which faces they can read, and leave the others to fontkit whole', async () => {
    for (const file of faces) {
      const { font } = await embedded(file);
      const known = shapingReach(font.font)!;
      expect(known, file).toBeDefined();
      const reached = (char: string) => known.glyphs[font.font.glyphForCodePoint(char.codePointAt(0)!).id];
      // Han and common punctuation are out of reach; the kerned ellipsis and the joined vertical repeat marks are not.
      for (const char of '的學程，。「」：') expect(reached(char), char).toBe(0);
      for (const char of '…〳〵') expect(reached(char), char).toBe(1);
    }
    // The code face (it has contextual lookups) is not read: its runs go to fontkit as they are.
    const { font: mono, original, patched } = await embedded(bundledFonts.mono.regular);
    expect(shapingReach(mono.font)).toBeUndefined();
    const shaped: string[] = [];
    const layout = mono.font.layout;
    mono.font.layout = function (text: string, ...rest: unknown[]) {
      shaped.push(text);
      return layout.call(this, text, ...rest);
    };
    expect(difference(original.call(mono, 'const 程式 = 1;'), patched.call(mono, 'const 程式 = 1;'))).toBeNull();
    expect(shaped).toEqual(['const 程式 = 1;', 'const 程式 = 1;']);
  });
});
