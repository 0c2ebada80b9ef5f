import { columnWidths, installColumnWidths } from './behaviour/pdfmake-column-widths.js';
import { installRenderLine, renderLine } from './behaviour/pdfmake-merge-text-objects.js';
import { emphasis, installEmphasis } from './behaviour/pdfmake-emphasis.js';
import { installLineText, lineText } from './behaviour/pdfmake-line-text.js';
import { installTrailingSpacing, trailingSpacing } from './behaviour/pdfmake-trailing-spacing.js';
import { installMaxListeners, maxListeners } from './behaviour/pdfmake-writer-listeners.js';
import { installLink, link } from './behaviour/pdfkit-link-action.js';
import { fontProgramDeflate, installFontDeflate } from './behaviour/pdfkit-font-deflate.js';
import { contentDeflate, installContentDeflate } from './behaviour/pdfkit-content-deflate.js';
import { fontkitCreate, installFontkitCache } from './speed/fontkit-create.js';
import { addGlyph } from './speed/fontkit-ttf-subset-add-glyph.js';
import { subsetEncode } from './speed/fontkit-subset-cache.js';
import { subsetWrite } from './speed/fontkit-ttf-subset-encode.js';
import { installSetLines, setLines } from './speed/pdfmake-set-lines.js';
import { installProvideFont, layoutCached, provideFont } from './speed/pdfmake-provide-font.js';
import { layoutRun } from './speed/pdfkit-layout-run.js';
import { layoutWords } from './speed/pdfkit-layout-words.js';
import { unicodeCmap } from './speed/pdfkit-unicode-cmap.js';
import { nameTreeKeys } from './speed/pdfkit-name-tree-keys.js';
import { installReferenceText, referenceFinalize, referenceWrite } from './speed/pdfkit-reference-text.js';
import { installRenderVector, renderVector } from './speed/pdfmake-render-vector.js';
import { installStyleProperty, styleProperty } from './speed/pdfmake-style-property.js';
import { installStandIns, tinyInflate } from './speed/tiny-inflate.js';
import type { Patch } from './registry.js';
import { beforeFontkitLoads, whenFontParsed } from '../../infra/fonts.js';
import { applyLocaTable, locaTable } from './speed/fontkit-loca-table.js';
import { applyGlyphMetrics, glyphMetrics } from './speed/fontkit-glyph-metrics.js';
import { applyCmapLookup, cmapLookup } from './speed/fontkit-cmap-lookup.js';

// Layout and check parse fonts before anything renders: fontkit then loads with the stand-ins too.
beforeFontkitLoads(installStandIns);
whenFontParsed(applyLocaTable);
whenFontParsed(applyGlyphMetrics);
whenFontParsed(applyCmapLookup);

/** Every patch licheng declares; each is applied once its original is found unchanged. */
export const patches: readonly Patch[] = [
  tinyInflate,
  fontkitCreate,
  locaTable,
  glyphMetrics,
  cmapLookup,
  addGlyph,
  subsetWrite,
  subsetEncode,
  setLines,
  styleProperty,
  provideFont,
  layoutRun,
  layoutCached,
  layoutWords,
  unicodeCmap,
  nameTreeKeys,
  referenceWrite,
  referenceFinalize,
  renderVector,
  lineText,
  emphasis,
  renderLine,
  trailingSpacing,
  maxListeners,
  columnWidths,
  link,
  fontProgramDeflate,
  contentDeflate,
];

let installed = false;

/**
 * Applies every patch (src/emit/patches/README.md says why each exists), once per process. The
 * PDF engine calls it before it first loads pdfmake: module stand-ins and the font cache must be in
 * `require`'s cache before pdfkit and fontkit load. Patches of pdfkit's font class and fontkit's
 * subset class are applied when the first instance appears (neither package exports the class).
 */
export function installPatches(): void {
  if (installed) return;
  installed = true;
  installStandIns();
  installFontkitCache();
  installSetLines();
  installStyleProperty();
  installProvideFont();
  installContentDeflate();
  installFontDeflate();
  installReferenceText();
  installRenderVector();
  // Innermost of the three patches of `renderLine`: the two others hand it their lines.
  installLineText();
  // Before the merging of text objects, which then hands it whole runs of one look (emphasis included).
  installEmphasis();
  installRenderLine();
  installTrailingSpacing();
  installMaxListeners();
  installColumnWidths();
  installLink();
}
