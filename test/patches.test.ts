import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from '../src/build.js';
import { columnWidths } from '../src/emit/patches/behaviour/pdfmake-column-widths.js';
import { patches } from '../src/emit/patches/index.js';
import { applyPatch, found } from '../src/emit/patches/registry.js';
import { fontkitRequire, pdfkitRequire, pdfmakeRequire } from '../src/infra/vendor.js';
import { makePortfolio } from './helpers/portfolio.js';

const sink = await readFile(join(import.meta.dirname, 'fixtures', 'typesetting', 'kitchen-sink.md'), 'utf8');

/** The version of a package as installed where licheng loads it from. */
function installedVersion(name: string): string {
  const entry = {
    pdfmake: () => createRequire(import.meta.url).resolve('pdfmake'),
    pdfkit: () => pdfmakeRequire.resolve('pdfkit'),
    fontkit: () => pdfkitRequire.resolve('fontkit'),
    'tiny-inflate': () => fontkitRequire.resolve('tiny-inflate'),
  }[name];
  if (!entry) throw new Error(`no entry point known for ${name}`);
  for (let dir = dirname(entry()); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    const manifest = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string }) : undefined;
    if (manifest?.name === name) return manifest.version;
  }
  throw new Error(`no package.json for ${name}`);
}

describe('patches of pdfmake, pdfkit and fontkit', () => {
  it('each replaces exactly the source it declares, in the version it declares, and is applied', async () => {
    const root = await makePortfolio({ 'courses/sink.md': sink });
    const result = await build([root]);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const patch of patches) {
      const originals = found.filter((f) => f.patch === patch);
      // Found at all (patches of classes reached through instances are found during the build).
      expect(originals.length, patch.target).toBeGreaterThan(0);
      for (const { original, applied } of originals) {
        const changed = `${patch.package} ${patch.target} changed: read its new source, update the patch or remove it`;
        expect(createHash('sha256').update(String(original)).digest('hex'), changed).toBe(patch.sha256);
        expect(applied, patch.target).toBe(true);
      }
      expect(installedVersion(patch.package), patch.target).toBe(patch.version);
    }
  });

  it('leave a changed original in place', () => {
    const changed = { buildColumnWidths: (columns: unknown[]) => columns.length };
    const before = changed.buildColumnWidths;
    expect(applyPatch({ ...columnWidths }, changed)).toBe(false);
    expect(changed.buildColumnWidths).toBe(before);
  });

  it('are declared once each, speed apart from behaviour', () => {
    expect(new Set(patches.map((p) => `${p.package} ${p.target} ${p.name}`)).size).toBe(patches.length);
    expect(
      patches
        .filter((p) => p.kind === 'behaviour')
        .map((p) => p.name)
        .sort(),
    ).toEqual([
      'character spacing after the last character',
      'columns share the room they overflowed',
      'content streams deflated faster',
      'emphasis dots and oblique',
      'font programs deflated faster',
      'lines written straight into the page',
      'merged text objects',
      'one action per link address',
      'writer listeners for deep nesting',
    ]);
  });
});
