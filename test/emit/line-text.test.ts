import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { build } from '../../src/build.js';
import { contentDeflate } from '../../src/emit/patches/behaviour/pdfkit-content-deflate.js';
import { lineText } from '../../src/emit/patches/behaviour/pdfmake-line-text.js';
import { enablePatches } from '../../src/emit/patches/registry.js';
import { parsePdf } from '../helpers/pdf.js';
import { makePortfolio } from '../helpers/portfolio.js';

const sink = await readFile(join(import.meta.dirname, '..', 'fixtures', 'typesetting', 'kitchen-sink.md'), 'utf8');

/** The operators of every page content stream (the streams that show text), one a line as pdfkit writes them. */
function operators(pdf: Buffer): number {
  const text = pdf.toString('latin1');
  let count = 0;
  for (const head of text.matchAll(/\n<<\n\/Length (\d+)\n\/Filter \/FlateDecode\n>>\nstream\n/g)) {
    const start = head.index + head[0].length;
    const content = inflateSync(pdf.subarray(start, start + Number(head[1]))).toString('latin1');
    if (content.includes(' TJ')) count += content.split('\n').length;
  }
  return count;
}

/** Pages at 80 dpi, as raw pixels. */
async function pixels(root: string, pdf: string, name: string): Promise<Buffer[]> {
  execFileSync('pdftoppm', ['-r', '80', '-png', pdf, join(root, name)]);
  const pages = (await readdir(root)).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png')).sort();
  return Promise.all(pages.map((page) => sharp(join(root, page)).raw().toBuffer()));
}

describe('a line of plain text written straight into the page', () => {
  it('draws the same pixels and text as pdfmake, with fewer operators', async () => {
    const root = await makePortfolio({ 'courses/sink.md': sink });
    const typeset = async (dir: string) => {
      const result = await build([root], { outDir: join(root, 'out', dir) });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return join(root, 'out', dir, 'courses', 'sink.pdf');
    };
    // Sizes compared at zlib's default level: at level 1 (behaviour/pdfkit-content-deflate.ts) pdfmake's more repetitive operators pack a little tighter.
    enablePatches((patch) => patch !== lineText && patch !== contentDeflate);
    let pdfmakes: string;
    let ours: string;
    try {
      pdfmakes = await typeset('pdfmake');
      enablePatches((patch) => patch !== contentDeflate);
      ours = await typeset('lines');
    } finally {
      enablePatches(() => true);
    }
    const [before, after] = [await readFile(pdfmakes), await readFile(ours)];
    expect(after.equals(before)).toBe(false);
    expect(operators(after)).toBeLessThan(operators(before));
    expect(after.length).toBeLessThan(before.length);

    const [old, now] = [await pixels(root, pdfmakes, 'pdfmake'), await pixels(root, ours, 'lines')];
    expect(now.length).toBe(old.length);
    expect(now.length).toBeGreaterThan(0);
    for (const [i, page] of now.entries()) expect(page.equals(old[i]!), `page ${i + 1}`).toBe(true);
    const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text(ours)).toBe(text(pdfmakes));
    // pdf.js reads the same pieces of text at the same places (tests read positions this way).
    const [read, readBefore] = [await parsePdf(after), await parsePdf(before)];
    expect(read.runs).toEqual(readBefore.runs);
    expect(read.outline).toEqual(readBefore.outline);
  });
});
