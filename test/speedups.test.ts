import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { patches } from '../src/emit/patches/index.js';
import { enablePatches, found } from '../src/emit/patches/registry.js';
import { build } from '../src/build.js';
import { makePortfolio } from './helpers/portfolio.js';

const sink = await readFile(join(import.meta.dirname, 'fixtures', 'typesetting', 'kitchen-sink.md'), 'utf8');

describe('the changes to pdfmake, pdfkit and fontkit internals', () => {
  it('that only change speed give the same PDF byte for byte, together and one by one', async () => {
    const root = await makePortfolio({ 'courses/sink.md': sink });
    const pdf = async (dir: string) => {
      const result = await build([root], { outDir: join(root, 'out', dir) });
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      return readFile(join(root, 'out', dir, 'courses', 'sink.pdf'));
    };
    const withAll = await pdf('with');
    // Applied after a build, including those applied on first use (pdfkit's font class, fontkit's subset).
    const speed = found.filter((f) => f.applied && f.patch.kind === 'speed').map((f) => f.patch);
    // The font cache and the stand-ins swap modules before pdfkit loads; they cannot be taken out in-process.
    const swapped = ['fontkit.create', 'tiny-inflate.inflate'];
    expect(speed.map((p) => p.target).sort()).toEqual(
      patches
        .filter((p) => p.kind === 'speed')
        .map((p) => p.target)
        .sort(),
    );
    const removable = speed.filter((p) => !swapped.includes(p.target));
    const without = async (removed: typeof removable, dir: string) => {
      enablePatches((p) => !removed.includes(p));
      try {
        return await pdf(dir);
      } finally {
        enablePatches(() => true);
      }
    };
    expect((await without(removable, 'none')).equals(withAll)).toBe(true);
    for (const [i, patch] of removable.entries()) expect((await without([patch], `without-${i}`)).equals(withAll), patch.name).toBe(true);
  });
});
