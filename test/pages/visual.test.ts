import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildReferences, referenceNames, type ReferenceName } from './reference-documents.js';

/**
 * The visual safety net: the reference documents rendered to small grey PNGs and compared with the
 * reviewed images in test/visual/reference/, so that any change of layout shows up as a picture.
 * After reviewing the new pictures, `npm run visual:update` (UPDATE_VISUAL=1) makes them the references.
 */
const references = join(import.meta.dirname, '..', 'visual', 'reference');
const update = process.env.UPDATE_VISUAL === '1';
/** Grey levels two pixels may differ by (anti-aliasing), and the share of pixels that may differ more. */
const levels = 48;
const tolerance = 0.0005;

let pdfs: Record<ReferenceName, string>;
let out: string;

beforeAll(async () => {
  ({ pdfs } = await buildReferences());
  out = await mkdtemp(join(tmpdir(), 'licheng-visual-'));
});

/** Pages of a PDF as grey PNGs at 50 dpi, in page order. */
async function render(pdf: string, name: string): Promise<string[]> {
  const folder = join(out, name);
  await mkdir(folder, { recursive: true });
  execFileSync('pdftoppm', ['-r', '50', '-gray', '-png', pdf, join(folder, name)]);
  return (await readdir(folder))
    .filter((f) => f.endsWith('.png'))
    .sort((a, b) => pageOf(a) - pageOf(b))
    .map((f) => join(folder, f));
}

const pageOf = (file: string) => Number(/-(\d+)\.png$/.exec(file)?.[1]);
const referenceFile = (name: string, page: number) => join(references, `${name}-${page}.png`);

/** Share of pixels differing by more than `levels`; writes a picture of them (red) to `diffPath`. */
async function difference(actual: string, expected: string, diffPath: string): Promise<number | string> {
  const [a, e] = await Promise.all([actual, expected].map((f) => sharp(f).greyscale().raw().toBuffer({ resolveWithObject: true })));
  if (a!.info.width !== e!.info.width || a!.info.height !== e!.info.height)
    return `size ${a!.info.width}×${a!.info.height}, reference ${e!.info.width}×${e!.info.height}`;
  const picture = Buffer.alloc(a!.data.length * 3);
  let differing = 0;
  for (let i = 0; i < a!.data.length; i++) {
    const off = Math.abs(a!.data[i]! - e!.data[i]!) > levels;
    if (off) differing++;
    const grey = 128 + (a!.data[i]! >> 1);
    picture.set(off ? [255, 0, 0] : [grey, grey, grey], i * 3);
  }
  const share = differing / a!.data.length;
  if (share > tolerance)
    await sharp(picture, { raw: { width: a!.info.width, height: a!.info.height, channels: 3 } })
      .png()
      .toFile(diffPath);
  return share;
}

describe('reference documents look as reviewed', () => {
  for (const name of referenceNames) {
    it(name, async () => {
      const pages = await render(pdfs[name], name);
      const known = (await readdir(references).catch(() => [] as string[])).filter((f) => f.startsWith(`${name}-`));
      if (update) {
        await mkdir(references, { recursive: true });
        for (const file of known) await rm(join(references, file));
        for (const [i, page] of pages.entries()) await copyFile(page, referenceFile(name, i + 1));
        return;
      }
      expect(pages.length, `${name}: pages (reference has ${known.length}); after review: npm run visual:update`).toBe(known.length);
      const problems: string[] = [];
      for (const [i, page] of pages.entries()) {
        const diffPath = join(out, `${name}-${i + 1}-diff.png`);
        const share = await difference(page, referenceFile(name, i + 1), diffPath);
        if (typeof share === 'string') problems.push(`${name} page ${i + 1}: ${share}`);
        else if (share > tolerance) problems.push(`${name} page ${i + 1}: ${(share * 100).toFixed(2)} % of pixels differ; see ${diffPath} (new page: ${page})`);
      }
      expect(problems, 'after review: npm run visual:update').toEqual([]);
    });
  }
});
