import { describe, expect, it } from 'vitest';
// Loaded first on purpose: pdfmake (and through it pdfkit and fontkit) before anything else.
import '../src/emit/patches/speed/pdfmake-provide-font.js';
import { build } from '../src/build.js';
import { fontCacheStats } from '../src/emit/patches/speed/fontkit-create.js';
import { GenerationCache } from '../src/infra/generation-cache.js';
import { courseMarkdown, makePortfolio, sections } from './helpers/portfolio.js';

describe('the shared font state', () => {
  it('reaches pdfkit whichever module loads pdfmake first', async () => {
    const root = await makePortfolio({ 'courses/a.md': courseMarkdown(sections) });
    await build([root]);
    const first = fontCacheStats();
    await build([root]);
    const later = fontCacheStats();
    expect(later.requests).toBeGreaterThan(first.requests);
    expect(later.parses).toBe(first.parses);
  });

  it('keeps laid-out runs in use across a turnover and drops the others', () => {
    const cache = new GenerationCache<number>(2);
    cache.set('學', 1);
    cache.set('習', 2);
    cache.set('歷', 3); // turnover: 學 and 習 are now the previous generation
    expect(cache.get('學')).toBe(1); // used again: carried into the current one
    cache.set('程', 4); // turnover: 習, not used since the last one, is dropped
    expect(cache.get('習')).toBeUndefined();
    expect(cache.get('學')).toBe(1);
    expect(cache.get('歷')).toBe(3);
    expect(cache.size).toBeLessThanOrEqual(4);
  });
});
