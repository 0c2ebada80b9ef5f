import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { check } from '../../src/check.js';
import { formatDiagnostic } from '../../src/diagnostics.js';
import type { MessageId } from '../../src/messages.js';

/**
 * One fixture pair per rule, as remark-lint tests its rules: `<rule-id>/ok/` is a complete
 * portfolio that draws no diagnostic at all; `<rule-id>/not-ok/` draws exactly the lines of its
 * expected.txt, as `licheng check` prints them from inside that folder.
 */
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'rules');

/** Rule ids that no portfolio on disk can make `check` emit, and why. */
const skipped: Partial<Record<MessageId, string>> = {
  'path-missing': 'a usage error: a PATH argument that does not exist (exit code 2), not a file of a portfolio',
  'render-failed': 'licheng build only: pdfmake threw while typesetting',
  'pdf-over-cap': 'licheng build only: the typeset PDF stays over its byte cap',
  'pdf-images-recompressed': 'licheng build only: images were recompressed to fit the byte cap',
  'media-unfit': 'licheng build / pack only: ffmpeg could not fit a 影音檔 under the media cap (tested in test/build-media.test.ts)',
  'bundle-over-cap': 'licheng pack only: a merged category PDF of a target stays over its byte cap',
  'write-failed': 'licheng init / new only: an output file could not be written',
  'out-not-folder': 'a usage error: -o names a file or a device (exit code 2), not a file of a portfolio',
  'out-unwritable': 'a usage error: -o names a folder that cannot take files (exit code 2)',
  'out-in-portfolio': 'a usage error: build / pack -o inside the portfolio but outside out/ (exit code 2)',
  'out-holds-portfolio': 'a usage error: build / pack -o at a folder holding the portfolio (exit code 2)',
  'out-not-ours': 'licheng pack / batch only: a bundle or student folder to replace was not made by licheng',
};

/**
 * Fixtures whose not-ok output differs from expected.txt only because of an open bug outside the
 * rules: `today` turns an expected line into what check() prints now. Once the bug is fixed this
 * test fails; then remove the entry.
 */
const knownBugs: Partial<Record<MessageId, { bug: string; today(line: string, dir: string): string }>> = {};

/** Every rule id of the message catalog, read from its source so that a new rule without a fixture fails here. */
function catalogIds(): string[] {
  const source = readFileSync(join(import.meta.dirname, '..', '..', 'src', 'messages.ts'), 'utf8');
  const catalog = source.slice(source.indexOf('const catalog = {'), source.indexOf('} satisfies Record<string, Record<Lang, Text>>'));
  return [...catalog.matchAll(/^ {2}'([a-z0-9-]+)': \{$/gm)].map((m) => m[1]!);
}

async function lines(dir: string): Promise<string[]> {
  const { diagnostics } = await check(['.'], { cwd: dir });
  return diagnostics.map((d) => formatDiagnostic(d, 'zh'));
}

const expectedLines = (id: string): string[] =>
  readFileSync(join(fixtures, id, 'not-ok', 'expected.txt'), 'utf8').split('\n').filter((line) => line !== '');

const ids = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('rule fixtures', () => {
  it('cover every rule id of the checker, except the listed ones', () => {
    const catalog = catalogIds();
    expect(catalog.length).toBeGreaterThan(40);
    expect(ids.filter((id) => !catalog.includes(id))).toEqual([]);
    expect(catalog.filter((id) => !ids.includes(id) && !(id in skipped))).toEqual([]);
    expect(Object.keys(skipped).filter((id) => ids.includes(id) || !catalog.includes(id))).toEqual([]);
  });

  describe.each(ids)('%s', (id) => {
    it('ok/ draws no diagnostic', async () => {
      expect(await lines(join(fixtures, id, 'ok'))).toEqual([]);
    });

    it('not-ok/expected.txt names this rule, in the FILE:LINE:COL: severity: message [rule-id] shape', () => {
      const expected = expectedLines(id);
      expect(expected.some((line) => line.endsWith(`[${id}]`))).toBe(true);
      for (const line of expected) expect(line).toMatch(/^[^:]+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$/u);
    });

    it('not-ok/ draws exactly the diagnostics of expected.txt', async () => {
      const dir = join(fixtures, id, 'not-ok');
      const known = knownBugs[id as MessageId];
      const expected = expectedLines(id).map((line) => (known ? known.today(line, dir) : line));
      expect(await lines(dir)).toEqual(expected);
    });
  });
});
