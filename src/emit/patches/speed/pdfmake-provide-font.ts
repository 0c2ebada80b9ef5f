import { pdfmakeRequire } from '../../../infra/vendor.js';
import { applyPatch, type Patch } from '../registry.js';
import { layoutRun, type EmbeddedFont } from './pdfkit-layout-run.js';
import { layoutWords } from './pdfkit-layout-words.js';
import { unicodeCmap } from './pdfkit-unicode-cmap.js';
import { applyNameTreeKeys } from './pdfkit-name-tree-keys.js';
import { GenerationCache } from '../../../infra/generation-cache.js';

interface SharingFont extends EmbeddedFont {
  layoutCache?: Record<string, unknown>;
  sharedRuns?: GenerationCache<unknown>;
  layoutRun(text: string, features?: unknown): unknown;
}
type ProvideFont = (this: unknown, family: string, bold: boolean, italics: boolean) => SharingFont;
type LayoutCached = (this: SharingFont, text: string) => unknown;

const sharedRuns = new WeakMap<object, GenerationCache<unknown>>();
/** Runs per generation (a 3-page document uses ~700): the cache stays under ~2 MB a font. */
const runsPerGeneration = 2_000;

/**
 * pdfkit lays out every word again in every document (a per-document cache). Laid-out runs
 * depend only on the font and the text, so documents of one process share them, in a cache
 * bounded in two generations: a long batch keeps the words it keeps using (every Chinese
 * character, common terms) without growing with every new word it meets.
 */
export const provideFont: Patch = {
  name: 'shared laid-out runs',
  package: 'pdfmake',
  version: '0.3.11',
  target: 'PDFDocument.prototype.provideFont',
  sha256: 'd82bb3f99bf3e9c5a8c03a351dd0dbec646160f05ae5ec80135d99ef02231a86',
  kind: 'speed',
  replace: (original: ProvideFont): ProvideFont =>
    function provideFont(family, bold, italics) {
      const embedded = original.call(this, family, bold, italics);
      if (embedded.sharedRuns || !embedded.layoutCache || !embedded.font) return embedded;
      let cache = sharedRuns.get(embedded.font);
      if (!cache) {
        cache = new GenerationCache<unknown>(runsPerGeneration);
        sharedRuns.set(embedded.font, cache);
      }
      embedded.sharedRuns = cache;
      // pdfkit does not export its font class: it is reached through a font it made.
      const prototype = Object.getPrototypeOf(embedded) as object;
      applyPatch(layoutRun, prototype);
      applyPatch(layoutCached, prototype);
      applyPatch(layoutWords, prototype);
      applyPatch(unicodeCmap, prototype);
      // Nor its name tree: it is reached through this document's destinations.
      applyNameTreeKeys(this as Parameters<typeof applyNameTreeKeys>[0]);
      return embedded;
    },
};

export const layoutCached: Patch = {
  name: 'shared laid-out runs (lookup)',
  package: 'pdfkit',
  version: '0.19.1',
  target: 'EmbeddedFont.prototype.layoutCached',
  sha256: '71aacd96de20a733a4f11a85c2b45c0c1b4a669767e29de56f0184c828945098',
  kind: 'speed',
  replace: (original: LayoutCached): LayoutCached =>
    function (text) {
      const cache = this.sharedRuns;
      if (!cache) return original.call(this, text);
      let run = cache.get(text);
      if (run === undefined) {
        run = this.layoutRun(text);
        cache.set(text, run);
      }
      return run;
    },
};

export const installProvideFont = (): boolean =>
  applyPatch(provideFont, (pdfmakeRequire('./PDFDocument.js') as { default: { prototype: object } }).default.prototype);
