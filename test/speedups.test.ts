import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import '../src/emit/pdf-engine.js';
import { methodPatches } from '../src/emit/method-patches.js';
import { build } from '../src/build.js';
import { makePortfolio } from './helpers/portfolio.js';

const sink = await readFile(join(import.meta.dirname, 'fixtures', 'typesetting', 'kitchen-sink.md'), 'utf8');

describe('the changes to pdfmake, pdfkit and fontkit internals', () => {
  it('that promise the same PDF give it byte for byte, together and one by one', async () => {
    const root = await makePortfolio({ 'courses/sink.md': sink });
    const pdf = async (dir: string) => {
      const result = await build([root], { outDir: join(root, 'out', dir) });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return readFile(join(root, 'out', dir, 'courses', 'sink.pdf'));
    };
    const withAll = await pdf('with');
    const exact = methodPatches.filter((p) => p.sameBytes);
    // The ones installed on first use (pdfkit's font class) are there after a build.
    expect(exact.map((p) => p.name)).toEqual(expect.arrayContaining(['measure once per style', 'CJK without shaping', 'shared laid-out runs', 'no copy per placed word', 'subset without decoding outlines']));
    const without = async (patches: typeof exact, dir: string) => {
      for (const p of patches) p.owner[p.method] = p.original;
      try {
        return await pdf(dir);
      } finally {
        for (const p of patches) p.owner[p.method] = p.patched;
      }
    };
    expect((await without(exact, 'none')).equals(withAll)).toBe(true);
    for (const [i, patch] of exact.entries()) expect((await without([patch], `without-${i}`)).equals(withAll), patch.name).toBe(true);
  });
});
