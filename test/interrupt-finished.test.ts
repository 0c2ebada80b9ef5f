import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type BuildResult } from '../src/build.js';
import { recording, scratch } from './media/fixtures.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

/**
 * Ctrl-C while a document is at work: it is finished, and when it ends with its PDF written and no
 * error it is in the manifest (its PDF is on disk); no document after it is started.
 */
describe('a document finished after an interrupt', () => {
  let root: string;
  let cache: string;
  beforeAll(async () => {
    root = await makePortfolio({
      'courses/a-notes.md': courseMarkdown(sections, { 類別: 'B-1' }),
      'courses/b-talk.md': courseMarkdown(sections, { 類別: 'B-1', 影音檔: '../media/talk.wav' }),
      'courses/c-later.md': courseMarkdown(sections, { 類別: 'B-1' }),
    });
    await mkdir(join(root, 'media'));
    await recording(join(root, 'media', 'talk.wav'), 3);
    cache = await scratch('interrupt-finished-cache');
  });
  afterAll(() => Promise.all([rm(root, { recursive: true, force: true }), rm(cache, { recursive: true, force: true })]));

  it('is in the manifest when it wrote its PDF cleanly; the documents after it are not started', async () => {
    const stop = new AbortController();
    const saved = process.env.LICHENG_CACHE_DIR;
    process.env.LICHENG_CACHE_DIR = cache;
    let result: BuildResult;
    try {
      // The talk's encoding reports its progress while the document is at work: stop there.
      result = await build([root], { jobs: 1, signal: stop.signal, onProgress: (p) => p.kind === 'media' && stop.abort() });
    } finally {
      if (saved === undefined) delete process.env.LICHENG_CACHE_DIR;
      else process.env.LICHENG_CACHE_DIR = saved;
    }
    expect(stop.signal.aborted, 'stopped during the talk').toBe(true);
    expect(result.interrupted).toBe(true);
    const out = result.portfolios[0]!.outDir;
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      interrupted?: boolean;
      documents: { source: string; pdf: { path: string } | null }[];
    };
    expect(manifest.interrupted).toBe(true);
    expect(manifest.documents.map((d) => d.source)).toEqual(['courses/a-notes.md', 'courses/b-talk.md']);
    for (const d of manifest.documents) expect((await readFile(join(out, d.pdf!.path))).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
