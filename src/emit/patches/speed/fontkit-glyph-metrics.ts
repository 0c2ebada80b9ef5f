import { applyPatch, sourceHash, type Patch } from '../registry.js';

/**
 * A TrueType glyph's metrics: fontkit decodes the glyph's outline header (its box, through
 * restructure's generic struct) before asking the metrics tables, though the box is only used for
 * the vertical metrics of a font that has no `vmtx` table. The bundled CJK faces have one, so the
 * first document decoded ~1,000 headers for nothing (~9 ms of 20 new documents). With `vmtx`, and
 * no variations, the metrics are the base glyph class's, which never reads the box: the same object.
 */
interface Metrics {
  advanceWidth: number;
}
interface Glyph {
  _metrics?: Metrics;
  _font: { vmtx?: unknown; _variationProcessor?: unknown };
}
type GetMetrics = (this: Glyph, cbox?: unknown) => Metrics;

/** The metrics of fontkit's base glyph class, which TrueType's calls with the decoded box. */
let baseMetrics: GetMetrics | undefined;

export const glyphMetrics: Patch = {
  name: 'glyph metrics without the outline header',
  package: 'fontkit',
  version: '2.0.4',
  target: 'TTFGlyph.prototype._getMetrics',
  sha256: 'c764570859ce2525dc70a90ece531d2a26bb720f7b74d1d455322e9ebe5b9f65',
  kind: 'speed',
  replace: (original: GetMetrics): GetMetrics =>
    function () {
      if (this._metrics) return this._metrics;
      const font = this._font;
      // Variations adjust the metrics from the decoded outline; without `vmtx` the box is needed.
      if (!baseMetrics || font._variationProcessor || !font.vmtx) return original.call(this);
      return baseMetrics.call(this);
    },
};

/** The base class's metrics, as written against: the patch relies on them never reading the box when `vmtx` is there. */
const baseSha256 = 'a1528af592bbbb707ad70d197e898e8b45a9f105861391472798b4a71e5f0f93';

/** fontkit does not export its glyph classes: they are reached through a glyph of a parsed font. */
export function applyGlyphMetrics(font: object): void {
  const trueType = Object.getPrototypeOf((font as { getGlyph(id: number): object }).getGlyph(0)) as Record<string, unknown> | null;
  if (!trueType || !Object.hasOwn(trueType, '_getMetrics')) return;
  const base = (Object.getPrototypeOf(trueType) as Record<string, unknown> | null)?._getMetrics;
  if (typeof base !== 'function' || sourceHash(base) !== baseSha256) return;
  baseMetrics = base as GetMetrics;
  applyPatch(glyphMetrics, trueType);
}
